/**
 * Public tracking tokens: an HMAC of the shipment id under a server secret, so a link needs no row of
 * its own, works on every instance and survives restarts, and names exactly one shipment. The secret
 * lives in the database (created by the first instance that needs it); anyone who can read it can
 * already read every shipment.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client.js";

const SECRET_NAME = "tracking-page";
/** 24 bytes of the HMAC: 192 bits, 32 URL-safe characters. */
const TOKEN_BYTES = 24;

export class PublicTrackingTokens {
  private key?: Promise<Buffer>;

  constructor(private readonly db: Db) {}

  async tokenFor(shipmentId: string): Promise<string> {
    return (await this.mac(shipmentId)).toString("base64url");
  }

  /** Constant-time: a near miss takes as long as a wild guess. */
  async matches(shipmentId: string, token: string): Promise<boolean> {
    const presented = Buffer.from(token, "base64url");
    const expected = await this.mac(shipmentId);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private async mac(shipmentId: string): Promise<Buffer> {
    const key = await (this.key ??= this.loadKey().catch((error) => {
      this.key = undefined; // an outage is not remembered
      throw error;
    }));
    return createHmac("sha256", key).update(`public-tracking:${shipmentId}`).digest().subarray(0, TOKEN_BYTES);
  }

  /** Instances starting together may both create one: the first insert wins and both read it. */
  private async loadKey(): Promise<Buffer> {
    await this.db.gatewaySecret.createMany({ data: [{ name: SECRET_NAME, value: randomBytes(32) }], skipDuplicates: true });
    const { value } = await this.db.gatewaySecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
    return Buffer.from(value);
  }
}
