/**
 * Who is calling a REST route. Each seed documents one scheme for its route — Basic for the V5 sync,
 * Bearer with fabric's headers for v3 update-tracking — and that is the only one the route takes.
 * Routes decide this before reading anything else (headers, body, the shipment), so an anonymous
 * caller always gets the same 401 and learns nothing about its request.
 */
import type { IncomingMessage } from "node:http";
import type { Authenticator, Viewer } from "../auth/credentials.js";
import { AuthenticationError } from "../errors.js";

export type Scheme = "Basic" | "Bearer";

export async function authenticate(authenticator: Authenticator, scheme: Scheme, req: IncomingMessage): Promise<Viewer> {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === "string" ? value : undefined;
  };
  const presented = header("authorization")?.trim().split(/\s+/, 1)[0];
  if (!presented) throw new AuthenticationError(`Missing credentials: send Authorization: ${scheme}`);
  if (presented.toLowerCase() !== scheme.toLowerCase()) throw new AuthenticationError(`This endpoint takes ${scheme} credentials`);
  return authenticator.authenticate(header);
}

/** The 401's challenge names the route's own scheme, not every scheme the gateway knows. */
export const challenge = (scheme: Scheme) => ({ "WWW-Authenticate": `${scheme} realm="shipments"` });
