/** Background tracking and courier settings in the gateway's configuration. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

const DATABASE = { DATABASE_URL: "postgres://db/tracking" };

describe("background tracking configuration", () => {
  it("polls by default, gently against a real database and briskly in demo mode", () => {
    const production = parseConfig(DATABASE);
    expect(production.trackingPoll).toEqual({ enabled: true, intervalSeconds: 60, budget: 50, backoffSeconds: 1_800, expiryDays: 30 });
    expect(production.couriers.simulator.stepMs).toBe(60_000);

    const demo = parseConfig({});
    expect(demo.trackingPoll).toMatchObject({ enabled: true, intervalSeconds: 2, backoffSeconds: 5 });
    expect(demo.couriers.simulator.stepMs).toBe(20_000);
    expect(parseConfig({ SIMULATOR_STEP_MS: "5000" }).couriers.simulator.stepMs).toBe(5_000);
  });

  it("reads every knob", () => {
    const config = parseConfig({
      ...DATABASE,
      TRACKING_POLL: "off",
      TRACKING_POLL_INTERVAL_SECONDS: "10",
      TRACKING_POLL_BUDGET: "5",
      TRACKING_POLL_BACKOFF_SECONDS: "600",
      TRACKING_EXPIRY_DAYS: "14",
      DHL_API_KEY: "key",
    });
    expect(config.trackingPoll).toEqual({ enabled: false, intervalSeconds: 10, budget: 5, backoffSeconds: 600, expiryDays: 14 });
    expect(config.couriers.dhl.apiKey).toBe("key");
  });

  it("reports every problem at once, courier settings included", () => {
    const parse = () =>
      parseConfig({ ...DATABASE, TRACKING_POLL: "sometimes", TRACKING_POLL_BUDGET: "0", TRACKING_EXPIRY_DAYS: "x", UPS_CLIENT_ID: "id" });
    expect(parse).toThrow(ConfigError);
    try {
      parse();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        "UPS_CLIENT_ID and UPS_CLIENT_SECRET must be set together",
        'TRACKING_POLL must be true or false (got "sometimes")',
        'TRACKING_POLL_BUDGET must be an integer from 1 to 100000 (got "0")',
        'TRACKING_EXPIRY_DAYS must be an integer from 1 to 3650 (got "x")',
      ]);
    }
  });
});
