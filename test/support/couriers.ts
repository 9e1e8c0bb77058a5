/** Courier registries for tests that need to see which numbers a gateway asked couriers about. */
import type { CourierAdapter } from "../../src/couriers/adapter.js";
import type { CourierRegistry } from "../../src/couriers/registry.js";

/** The same couriers, recording every tracking number asked for in `asked`, in order. */
export function recordingRegistry(inner: CourierRegistry, asked: string[]): CourierRegistry {
  const record = (courier: CourierAdapter): CourierAdapter => ({
    ...courier,
    track: (numbers, signal) => {
      asked.push(...numbers);
      return courier.track(numbers, signal);
    },
  });
  return {
    get: (code) => {
      const courier = inner.get(code);
      return courier && record(courier);
    },
    all: () => inner.all().map(record),
  };
}

/** How many times each number was asked for. */
export function timesAsked(asked: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const number of asked) counts.set(number, (counts.get(number) ?? 0) + 1);
  return counts;
}
