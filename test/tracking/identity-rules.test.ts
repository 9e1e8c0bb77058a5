/** An event's identity and order, the pure rules behind idempotent ingestion, by table. */
import { describe, expect, it } from "vitest";
import { byChronology, carrierKey, dedupeKey, type EventIdentityInput } from "../../src/tracking/identity.js";

describe("carrierKey", () => {
  it.each<[string | null | undefined, string]>([
    ["UPS", "ups"],
    [" FedEx ", "fedex"],
    ["", "unknown"],
    ["   ", "unknown"],
    [null, "unknown"],
    [undefined, "unknown"],
  ])("%j is %j", (carrier, key) => {
    expect(carrierKey(carrier)).toBe(key);
  });
});

describe("dedupeKey", () => {
  const scan: EventIdentityInput = {
    trackingNumber: "1Z1",
    event: "Arrived at Facility",
    eventRecordedAt: new Date("2024-01-01T10:00:00Z"),
    location: "Reno, NV",
  };

  it("is the carrier's eventId when it sends one, whatever the content", () => {
    expect(dedupeKey({ ...scan, eventId: "abc" })).toBe("id:abc");
    expect(dedupeKey({ ...scan, eventId: "abc", event: "Delivered" })).toBe("id:abc");
  });

  it.each<[string, Partial<EventIdentityInput>]>([
    ["another case and padding of the words", { event: "  arrived at facility " }],
    ["another case of the location", { location: "RENO, NV" }],
    ["an empty eventId", { eventId: "" }],
  ])("without an eventId, is the same for %s", (_name, change) => {
    expect(dedupeKey({ ...scan, ...change })).toBe(dedupeKey(scan));
  });

  it.each<[string, Partial<EventIdentityInput>]>([
    ["other words", { event: "Departed Facility" }],
    ["another instant", { eventRecordedAt: new Date("2024-01-01T10:00:01Z") }],
    ["another place", { location: "Sparks, NV" }],
    ["no place", { location: null }],
    ["another tracking number", { trackingNumber: "1Z2" }],
  ])("without an eventId, differs for %s", (_name, change) => {
    expect(dedupeKey({ ...scan, ...change })).not.toBe(dedupeKey(scan));
  });
});

describe("byChronology", () => {
  const at = (iso: string, dedupeKey: string) => ({ eventRecordedAt: new Date(iso), dedupeKey });

  it.each<[string, ReturnType<typeof at>[], string[]]>([
    ["orders by when the event happened, not by arrival", [at("2024-01-02T00:00:00Z", "a"), at("2024-01-01T00:00:00Z", "b")], ["b", "a"]],
    [
      'breaks ties by identity in code-point order, as COLLATE "C" does',
      [at("2024-01-01T00:00:00Z", "id:a"), at("2024-01-01T00:00:00Z", "id:B")],
      ["id:B", "id:a"],
    ],
    ["keeps identical keys equal", [at("2024-01-01T00:00:00Z", "x"), at("2024-01-01T00:00:00Z", "x")], ["x", "x"]],
  ])("%s", (_name, events, order) => {
    expect([...events].sort(byChronology).map((e) => e.dedupeKey)).toEqual(order);
  });
});
