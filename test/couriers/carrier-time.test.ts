import { describe, expect, it } from "vitest";
import { carrierDate, carrierTime, joinCompactDateTime, normalizeOffset, utcTime } from "../../src/couriers/carrier-time.js";

describe("carrierTime", () => {
  it.each([
    ["2024-08-12T15:18:10-05:00", "2024-08-12T20:18:10.000Z"],
    ["2024-08-12T15:18:10 -0500", "2024-08-12T20:18:10.000Z"],
    ["2024-08-12T15:18:10+0530", "2024-08-12T09:48:10.000Z"],
    ["2023-10-24T17:02:00Z", "2023-10-24T17:02:00.000Z"],
    ["2023-10-24T17:02:00.250z", "2023-10-24T17:02:00.250Z"],
  ])("reads the instant of %s", (text, iso) => {
    const time = carrierTime(text);
    expect(time?.eventRecordedAt.toISOString()).toBe(iso);
    expect(time?.localTime).toBeUndefined();
  });

  it.each([
    ["2023-10-26T12:08:00"],
    ["2023-10-26 12:08"],
    [" 2024-05-08T06:30:00 "],
  ])("keeps the local wall time %j verbatim and orders it as UTC", (text) => {
    const time = carrierTime(text);
    expect(time?.localTime).toBe(text.trim());
    expect(time?.localTime).not.toMatch(/Z$/);
    expect(time?.eventRecordedAt.toISOString().slice(0, 16)).toBe(text.trim().replace(" ", "T").slice(0, 16));
  });

  it("rejects text that is not a date", () => {
    expect(carrierTime("yesterday")).toBeNull();
    expect(carrierTime("2024-13-45T99:00:00Z")).toBeNull();
  });

  it("reads a documented-UTC time without its Z as UTC, with no local time", () => {
    expect(utcTime("2024-03-05T19:05:00")).toEqual({ eventRecordedAt: new Date("2024-03-05T19:05:00Z") });
  });

  it("joins UPS's compact fields, restoring a dropped leading zero", () => {
    expect(joinCompactDateTime("20210210", "74700")).toBe("2021-02-10T07:47:00");
    expect(joinCompactDateTime("20210210")).toBe("2021-02-10T00:00:00");
  });

  it("reads expected-delivery dates", () => {
    expect(carrierDate("2024-05-09")?.toISOString()).toBe("2024-05-09T00:00:00.000Z");
    expect(carrierDate(null)).toBeNull();
    expect(carrierDate("soon")).toBeNull();
  });
});

describe("offsets sent beside a local time", () => {
  it.each([
    ["-05:00", "2024-01-17T19:30:00.000Z"],
    ["-0500", "2024-01-17T19:30:00.000Z"],
    ["-5", "2024-01-17T19:30:00.000Z"],
    ["+05:30", "2024-01-17T09:00:00.000Z"],
  ])("place the wall time with %s", (offset, iso) => {
    expect(carrierTime("2024-01-17T14:30:00", offset)).toEqual({ eventRecordedAt: new Date(iso) });
  });

  it("ignore a malformed offset, keeping the local time verbatim", () => {
    expect(normalizeOffset("EST")).toBeNull();
    expect(normalizeOffset("+25:00")).toBeNull();
    expect(carrierTime("2024-01-17T14:30:00", "EST")).toEqual({
      eventRecordedAt: new Date("2024-01-17T14:30:00Z"),
      localTime: "2024-01-17T14:30:00",
    });
  });

  it("let an expected delivery with a zone be an instant, and one without only its day (no invented Z)", () => {
    expect(carrierDate("2024-01-18T20:00:00", "-05:00")?.toISOString()).toBe("2024-01-19T01:00:00.000Z");
    expect(carrierDate("2024-01-18T20:00:00")?.toISOString()).toBe("2024-01-18T00:00:00.000Z");
  });
});
