/**
 * Where a webhook may go. A tenant chooses the URL, so without these checks the gateway would POST
 * into its own network for them (SSRF): only http(s), and every address the host resolves to must
 * be public. The check runs again at connect time, on the addresses actually used, so a DNS answer
 * that changes after the endpoint was created (rebinding) cannot slip through. Hosts on the
 * allowlist (local development, tests) skip the address check.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

export class WebhookTargetError extends Error {}

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["100::", 64],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) reaches the IPv4 host: judge it as one. */
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 4 ? "ipv4" : "ipv6" };
}

export function isPublicAddress(raw: string): boolean {
  const { address, family } = unmapped(raw);
  return !NOT_PUBLIC.check(address, family);
}

/** The URL without brackets around an IPv6 literal, as DNS and the allowlist name it. */
function hostOf(url: URL) {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** Parses and checks a tenant's URL; the message says what is wrong with it. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new WebhookTargetError("must start with https:// or http://");
  if (url.username || url.password) throw new WebhookTargetError("must not carry credentials; the signature authenticates us");
  return url;
}

export class WebhookTargets {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowHosts: readonly string[] = []) {
    this.allowed = new Set(allowHosts.map((host) => host.toLowerCase()));
  }

  /** Throws a WebhookTargetError unless the URL is allowed and its host resolves only to public addresses. */
  async check(raw: string): Promise<URL> {
    const url = parseTargetUrl(raw);
    const host = hostOf(url);
    if (this.allowed.has(host)) return url;
    const addresses = isIP(host) ? [{ address: host }] : await resolve(host);
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused) throw new WebhookTargetError(`resolves to ${refused.address}, which is not a public address`);
    return url;
  }

  /** A `lookup` for http.request that refuses a connection to any non-public address of a host not allowed. */
  lookupFor(url: URL): LookupFunction {
    const allowed = this.allowed.has(hostOf(url));
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, "", 0);
        const refused = allowed ? undefined : addresses.find(({ address }) => !isPublicAddress(address));
        if (refused)
          return callback(new WebhookTargetError(`${hostname} resolves to ${refused.address}, which is not a public address`), "", 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
  }
}

function resolve(host: string): Promise<LookupAddress[]> {
  return new Promise((done, fail) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? fail(new WebhookTargetError(`cannot be resolved (${error.code})`)) : done(addresses),
    ),
  );
}
