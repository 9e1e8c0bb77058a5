/**
 * The `simulator` courier: in-process, no HTTP, for demos and tests. Two kinds of numbers:
 *
 * - Scripted, like EasyPost's test numbers: `EZ1000000001` pre-transit, `EZ2000000002` in transit,
 *   `EZ3000000003` out for delivery, `EZ4000000004` delivered, `EZ5000000005` returned to sender,
 *   `EZ6000000006` failed delivery attempt, `EZ7000000007` unknown to the courier.
 * - Time-driven, `SIM` + the journey's start in epoch seconds (see `simulatorTrackingNumber`): one more
 *   step of the journey becomes visible every `stepMs`, so demo shipments visibly progress. The start
 *   lives in the number, so every gateway instance tells the same story.
 *
 * Event ids are derived from the number and the step, so tracking again never duplicates events.
 */
import { bySubstatus, type NormalizedStatus } from "../tracking/status.js";
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";

/** Numbers the simulator answers for. */
export const SIMULATOR_NUMBER = /^(EZ\d{10}|SIM\d{10})$/;

export interface SimulatorOptions {
  now?: () => Date;
  /** Time between steps of a time-driven journey. */
  stepMs?: number;
}

interface Step extends NormalizedStatus {
  event: string;
  location: string;
}

const step = (event: string, location: string, normalized: NormalizedStatus): Step => ({ event, location, ...normalized });

const LABEL = step("Shipping label created", "Louisville, KY, US", bySubstatus("info_received_001"));
const PICKED_UP = step("Picked up by courier", "Louisville, KY, US", bySubstatus("in_transit_002"));
const DEPARTED = step("Departed origin facility", "Louisville, KY, US", bySubstatus("in_transit_007"));
const ARRIVED = step("Arrived at destination facility", "Chicago, IL, US", bySubstatus("in_transit_003"));
const OUT_FOR_DELIVERY = step("Out for delivery", "Chicago, IL, US", bySubstatus("out_for_delivery_001"));
const DELIVERED = step("Delivered, left at front door", "Chicago, IL, US", bySubstatus("delivered_001"));

/** The full journey a time-driven number walks through. */
export const SIMULATOR_JOURNEY: readonly Step[] = [LABEL, PICKED_UP, DEPARTED, ARRIVED, OUT_FOR_DELIVERY, DELIVERED];

const SCRIPTS: Readonly<Record<string, readonly Step[]>> = {
  EZ1000000001: [LABEL],
  EZ2000000002: [LABEL, PICKED_UP, DEPARTED],
  EZ3000000003: [LABEL, PICKED_UP, DEPARTED, ARRIVED, OUT_FOR_DELIVERY],
  EZ4000000004: SIMULATOR_JOURNEY,
  EZ5000000005: [
    LABEL,
    PICKED_UP,
    DEPARTED,
    step("Returning to sender: addressee unknown", "Chicago, IL, US", bySubstatus("exception_010")),
    step("Returned to sender", "Louisville, KY, US", bySubstatus("exception_011")),
  ],
  EZ6000000006: [
    LABEL,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    OUT_FOR_DELIVERY,
    step("Delivery attempted: recipient not available", "Chicago, IL, US", bySubstatus("attempt_fail_002")),
  ],
};

// Scripted numbers replay a fixed story: one step every six hours from a fixed start.
const SCRIPT_START = Date.UTC(2024, 0, 15, 8, 0, 0);
const SCRIPT_STEP_MS = 6 * 3_600_000;
const DEFAULT_STEP_MS = 60_000;

/** A time-driven simulator number whose journey starts at `startedAt`. */
export function simulatorTrackingNumber(startedAt: Date): string {
  return `SIM${String(Math.floor(startedAt.getTime() / 1000)).padStart(10, "0")}`;
}

export function createSimulatorAdapter(options: SimulatorOptions = {}): CourierAdapter {
  const now = options.now ?? (() => new Date());
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS;

  function trackOne(trackingNumber: string): CourierTracking {
    const scripted = SCRIPTS[trackingNumber];
    if (scripted) return tracking(trackingNumber, scripted, SCRIPT_START, SCRIPT_STEP_MS);
    if (/^SIM\d{10}$/.test(trackingNumber)) {
      const start = Number(trackingNumber.slice(3)) * 1000;
      const visible = Math.floor((now().getTime() - start) / stepMs) + 1;
      // A journey that has not started yet is not known to the courier.
      if (visible < 1) return notFound(trackingNumber);
      return tracking(trackingNumber, SIMULATOR_JOURNEY.slice(0, visible), start, stepMs);
    }
    return notFound(trackingNumber);
  }

  return {
    code: "simulator",
    name: "Simulator",
    verifies: true,
    configured: true,
    track: async (numbers) => numbers.map(trackOne),
  };
}

function tracking(trackingNumber: string, steps: readonly Step[], start: number, stepMs: number): CourierTracking {
  const events: CourierEvent[] = steps.map((s, index) => ({
    eventId: `${trackingNumber}-${index + 1}`,
    event: s.event,
    carrierCode: `SIM${index + 1}`,
    eventRecordedAt: new Date(start + index * stepMs),
    location: s.location,
    status: s.status,
    substatus: s.substatus,
  }));
  const last = steps[steps.length - 1];
  const status = last ? { status: last.status, substatus: last.substatus } : null;
  const signedBy = last?.status === "DELIVERED" ? "J. DOE" : null;
  return {
    trackingNumber,
    found: true,
    status,
    // The courier promises delivery at the journey's last step.
    expectedDelivery: new Date(start + (SIMULATOR_JOURNEY.length - 1) * stepMs),
    pieces: [{ trackingNumber, status, signedBy, events }],
    droppedEvents: 0,
  };
}
