/**
 * Which courier a tracking number belongs to, from its format and check digit (the vendored
 * jkeen/tracking_number_data formats), plus the simulator's own formats.
 *
 * A number can be of a known format (detected, or checked against the shipment's courier) or of no
 * format we know. Only a number that has the courier's shape but fails its check digit is rejected;
 * a number of unknown format is the courier's to answer, because formats change faster than data sets.
 */
import { SIMULATOR_NUMBER } from "./simulator.js";
import { TRACKING_NUMBER_FORMATS, type TrackingNumberFormat } from "./tracking-number-formats.js";

export interface DetectedCourier {
  /**
   * Our courier code (`ups`, `fedex`, `usps`, `dhl`, `simulator`) or, for couriers we have no
   * connector for, the data set's code (`yodel`, `ontrac`, `s10` for a foreign postal item, …).
   */
  courier: string;
  /** The format that matched ("UPS", "FedEx Express (34)", "S10"), for logs and UIs. */
  format: string;
}

/** Couriers and numbers are compared without spaces and case, as printed on labels. */
function canonical(trackingNumber: string): string {
  return trackingNumber.replace(/\s+/g, "").toUpperCase();
}

// S10 items ending in "US" are USPS's international numbers; other S10 items belong to other postal
// operators, which we have no connector for.
function courierOf(format: TrackingNumberFormat, number: string): string {
  return format.courierCode === "s10" && number.endsWith("US") ? "usps" : format.courierCode;
}

// DHL's and FedEx's all-digit formats (10–12 and 34 digits) also fit some numbers of narrower formats
// with their own check digits (Purolator, Old Dominion, USPS IMpb with a ZIP prefix); the narrower
// format is the stronger evidence, so these broad ones are tried last.
const BROAD = new Set(["dhl", "fedex"]);
const DETECTION_ORDER = [...TRACKING_NUMBER_FORMATS].sort((a, b) => Number(BROAD.has(a.courierCode)) - Number(BROAD.has(b.courierCode)));

function simulatorMatch(number: string): DetectedCourier | null {
  return SIMULATOR_NUMBER.test(number) ? { courier: "simulator", format: "Simulator" } : null;
}

/** The courier whose format and check digit the number passes, or null when none does. */
export function detectCourier(trackingNumber: string): DetectedCourier | null {
  const number = canonical(trackingNumber);
  const simulated = simulatorMatch(number);
  if (simulated) return simulated;
  const format = DETECTION_ORDER.find((f) => f.validates(number));
  return format ? { courier: courierOf(format, number), format: format.name } : null;
}

/**
 * Whether the number is right for that courier: true when one of its formats validates it, false
 * when it has the shape of one of the courier's formats but fails the check digit (and validates as
 * nothing else), null when it matches no format of the courier — unknown, so the courier decides.
 */
export function verifyFormat(courier: string, trackingNumber: string): boolean | null {
  const number = canonical(trackingNumber);
  if (courier === "simulator") return simulatorMatch(number) !== null;
  const own = TRACKING_NUMBER_FORMATS.filter((f) => f.courierCode === courier || (courier === "usps" && f.courierCode === "s10"));
  if (own.some((f) => f.validates(number) && courierOf(f, number) === courier)) return true;
  if (detectCourier(number)) return null;
  return own.some((f) => f.shapes(number)) ? false : null;
}
