/** When background tracking asks a courier again, and when it gives up: the pure rules, by table. */
import { describe, expect, it } from "vitest";
import type { TrackingStatus } from "../../src/generated/prisma/enums.js";
import { isFinal, isStale, nextPollAt } from "../../src/tracking/schedule.js";

const NOW = new Date("2024-01-10T00:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const settings = { backoffSeconds: 60, expiryDays: 30 };

describe("nextPollAt", () => {
  it.each<[string, Date, number, number]>([
    ["created just now", NOW, 60, 60],
    ["a clock ahead of ours (created in the future)", new Date(NOW.getTime() + HOUR), 60, 60],
    ["almost a day old", ago(DAY - 1), 60, 60],
    ["a day old: twice the base", ago(DAY), 60, 120],
    ["three days old", ago(3 * DAY), 60, 480],
    ["ten days old, still under a day", ago(10 * DAY), 60, 61_440],
    ["eleven days old: capped at a day", ago(11 * DAY), 60, 86_400],
    ["a year old: still a day", ago(365 * DAY), 60, 86_400],
    ["a base longer than a day is never shortened", ago(5 * DAY), 172_800, 172_800],
  ])("%s: in %s", (_name, createdAt, backoffSeconds, delaySeconds) => {
    expect(nextPollAt(createdAt, NOW, { ...settings, backoffSeconds }).getTime() - NOW.getTime()).toBe(delaySeconds * 1000);
  });
});

describe("isStale", () => {
  it.each<[string, Date, boolean]>([
    ["news just now", NOW, false],
    ["news a second short of the expiry", ago(30 * DAY - 1000), false],
    ["news exactly the expiry ago", ago(30 * DAY), true],
    ["news long ago", ago(90 * DAY), true],
  ])("%s: %s", (_name, lastNewsAt, stale) => {
    expect(isStale(lastNewsAt, NOW, settings)).toBe(stale);
  });
});

describe("isFinal", () => {
  it.each<[TrackingStatus | null, boolean]>([
    [null, false],
    ["PENDING", false],
    ["IN_TRANSIT", false],
    ["EXCEPTION", false],
    ["RETURNING", false],
    ["DELIVERED", true],
    ["RETURNED", true],
    ["EXPIRED", true],
  ])("%s: %s", (status, final) => {
    expect(isFinal(status)).toBe(final);
  });
});
