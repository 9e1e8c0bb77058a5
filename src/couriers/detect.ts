/**
 * Which courier a tracking number belongs to, from its format and check digit (ts-tracking-number,
 * built on jkeen/tracking_number_data: UPS 1Z mod 10, FedEx, USPS, UPU S10 mod 11, DHL), plus the
 * simulator's own formats.
 */
import { dhl, fedex, getTracking, s10, ups, usps, type TrackingCourier } from "ts-tracking-number";
import { SIMULATOR_NUMBER } from "./simulator.js";

export interface DetectedCourier {
  /** Our courier code. */
  courier: string;
  /** The format that matched ("UPS", "FedEx Express (12)", "S10"), for logs and UIs. */
  format: string;
}

// Courier code → the formats whose check digit proves a number is theirs. S10 items ending in "US"
// are USPS's international numbers; other S10 items belong to other postal operators.
const FORMATS: Readonly<Record<string, readonly TrackingCourier[]>> = {
  ups: [ups],
  fedex: [fedex],
  usps: [usps, s10],
  dhl: [dhl],
};

/** Couriers and numbers are compared without spaces and case, as printed on labels. */
function canonical(trackingNumber: string): string {
  return trackingNumber.replace(/\s+/g, "").toUpperCase();
}

function matches(courier: string, number: string) {
  if (courier === "simulator") return SIMULATOR_NUMBER.test(number) ? { name: "Simulator" } : undefined;
  const formats = FORMATS[courier];
  const match = formats && getTracking(number, formats);
  if (!match) return undefined;
  if (match.courier.code === "s10" && !number.endsWith("US")) return undefined;
  return match;
}

/** The courier whose format and check digit the number passes, or null when none does. */
export function detectCourier(trackingNumber: string): DetectedCourier | null {
  const number = canonical(trackingNumber);
  for (const courier of ["simulator", ...Object.keys(FORMATS)]) {
    const match = matches(courier, number);
    if (match) return { courier, format: match.name };
  }
  return null;
}

/**
 * Whether the number is well-formed for that courier, check digit included. Null when we know no
 * format for the courier (AfterShip relays many carriers), so the caller leaves it unverified.
 */
export function verifyFormat(courier: string, trackingNumber: string): boolean | null {
  if (courier !== "simulator" && !(courier in FORMATS)) return null;
  return matches(courier, canonical(trackingNumber)) !== undefined;
}
