/**
 * All couriers by code, each behind the resilience wrapper. Every known courier is registered; one
 * without credentials reports `configured: false` instead of being left out, so a shipment on it gets
 * a clear "not configured" courier error rather than "unknown courier".
 */
import { runtimeOf, type CourierAdapter, type CourierRuntime } from "./adapter.js";
import { createAftershipAdapter } from "./aftership.js";
import type { CourierSettings } from "./config.js";
import { createDhlAdapter } from "./dhl.js";
import { createFedexAdapter } from "./fedex.js";
import { withResilience } from "./resilience.js";
import { createSimulatorAdapter } from "./simulator.js";
import { createUpsAdapter } from "./ups.js";
import { createUspsAdapter } from "./usps.js";

export interface CourierRegistry {
  /** The courier with that code (`ups`, `simulator`, …), or undefined for a code we do not know. */
  get(code: string): CourierAdapter | undefined;
  /** Every registered courier, configured or not. */
  all(): CourierAdapter[];
}

/**
 * Builds the registry; the runtime's `now` drives token expiry, `Retry-After` dates and the
 * simulator's clock, its `logger` receives vendors' error bodies and unreadable activities.
 */
export function createCourierRegistry(settings: CourierSettings, runtime: CourierRuntime = {}): CourierRegistry {
  const { now } = runtimeOf(runtime);
  const adapters = [
    createUpsAdapter(settings.ups, runtime),
    createFedexAdapter(settings.fedex, runtime),
    createUspsAdapter(settings.usps, runtime),
    createDhlAdapter(settings.dhl, runtime),
    createAftershipAdapter(settings.aftership, runtime),
    createSimulatorAdapter({ now, stepMs: settings.simulator.stepMs }),
  ].map((adapter) => withResilience(adapter, settings.resilience, now));
  const byCode = new Map(adapters.map((adapter) => [adapter.code, adapter]));
  return {
    get: (code) => byCode.get(code.toLowerCase()),
    all: () => [...byCode.values()],
  };
}
