import { describe, expect, it } from "vitest";
import type { CourierTracking } from "../../src/couriers/adapter.js";
import { createSimulatorAdapter, SIMULATOR_JOURNEY, simulatorTrackingNumber } from "../../src/couriers/simulator.js";

const signal = new AbortController().signal;
const piece = (tracking: CourierTracking | undefined) => tracking!.pieces[0]!;

describe("simulator courier", () => {
  const simulator = createSimulatorAdapter();

  it.each([
    ["EZ1000000001", "INFO_RECEIVED", 1],
    ["EZ2000000002", "IN_TRANSIT", 3],
    ["EZ3000000003", "OUT_FOR_DELIVERY", 5],
    ["EZ4000000004", "DELIVERED", 6],
    ["EZ5000000005", "RETURNED", 5],
    ["EZ6000000006", "ATTEMPT_FAIL", 6],
  ])("scripts %s to end %s after %i events", async (number, status, count) => {
    const [tracking] = await simulator.track([number], signal);
    expect(tracking).toMatchObject({ trackingNumber: number, found: true, status: { status } });
    expect(piece(tracking).events).toHaveLength(count);
    expect(piece(tracking).events.at(-1)?.status).toBe(status);
    expect(tracking!.expectedDelivery).toBeInstanceOf(Date);
  });

  it("walks the return flow through returning to returned", async () => {
    const [tracking] = await simulator.track(["EZ5000000005"], signal);
    expect(
      piece(tracking)
        .events.slice(-2)
        .map((e) => e.substatus),
    ).toEqual(["exception_010", "exception_011"]);
  });

  it("signs for delivered shipments only", async () => {
    const [delivered, inTransit] = await simulator.track(["EZ4000000004", "EZ2000000002"], signal);
    expect(piece(delivered).signedBy).toBe("J. DOE");
    expect(piece(inTransit).signedBy).toBeNull();
  });

  it("does not know EZ7000000007 or foreign numbers", async () => {
    const results = await simulator.track(["EZ7000000007", "1Z5R89390357567127"], signal);
    expect(results.map((r) => r.found)).toEqual([false, false]);
  });

  it("gives the same event ids and times on every track, so repeats dedupe", async () => {
    const [first] = await simulator.track(["EZ4000000004"], signal);
    const [again] = await simulator.track(["EZ4000000004"], signal);
    expect(piece(again).events).toEqual(piece(first).events);
    expect(new Set(piece(first).events.map((e) => e.eventId)).size).toBe(piece(first).events.length);
  });

  it("reveals one more step of a time-driven journey each step, deterministically", async () => {
    const start = new Date("2024-06-01T10:00:00Z");
    let now = new Date(start);
    const clocked = createSimulatorAdapter({ now: () => now, stepMs: 60_000 });
    const number = simulatorTrackingNumber(start);
    expect(number).toBe("SIM1717236000");

    const seen: string[] = [];
    for (let step = 0; step < SIMULATOR_JOURNEY.length; step++) {
      now = new Date(start.getTime() + step * 60_000 + 30_000);
      const [tracking] = await clocked.track([number], signal);
      expect(piece(tracking).events).toHaveLength(step + 1);
      seen.push(tracking!.status!.status);
      expect(piece(tracking).events.at(-1)!.eventRecordedAt).toEqual(new Date(start.getTime() + step * 60_000));
    }
    expect(seen).toEqual(["INFO_RECEIVED", "IN_TRANSIT", "IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"]);

    now = new Date(start.getTime() + 3_600_000);
    const [later] = await clocked.track([number], signal);
    expect(piece(later).events).toHaveLength(SIMULATOR_JOURNEY.length);
    expect(later!.expectedDelivery).toEqual(new Date(start.getTime() + 5 * 60_000));
    expect(piece(later).events.map((e) => e.eventId)).toEqual(SIMULATOR_JOURNEY.map((_, i) => `${number}-${i + 1}`));
  });

  it("does not know a time-driven number before its journey starts", async () => {
    const start = new Date("2024-06-01T10:00:00Z");
    const early = createSimulatorAdapter({ now: () => new Date(start.getTime() - 1_000) });
    const [tracking] = await early.track([simulatorTrackingNumber(start)], signal);
    expect(tracking!.found).toBe(false);
  });
});
