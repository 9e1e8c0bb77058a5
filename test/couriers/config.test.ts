import { describe, expect, it } from "vitest";
import { parseCourierSettings } from "../../src/couriers/config.js";
import { createCourierRegistry } from "../../src/couriers/registry.js";
import { CourierError } from "../../src/errors.js";

describe("parseCourierSettings", () => {
  it("defaults to the couriers' production hosts, no credentials and the documented knobs", () => {
    const { settings, problems } = parseCourierSettings({});
    expect(problems).toEqual([]);
    expect(settings.ups).toEqual({ baseUrl: "https://onlinetools.ups.com", clientId: undefined, clientSecret: undefined });
    expect(settings.dhl.baseUrl).toBe("https://api-eu.dhl.com");
    expect(settings.resilience).toMatchObject({ timeoutMs: 10_000, maxRetries: 2, breakerThreshold: 5 });
  });

  it("reads credentials, base URLs and knobs from the environment it is given", () => {
    const { settings, problems } = parseCourierSettings({
      UPS_CLIENT_ID: "id",
      UPS_CLIENT_SECRET: "secret",
      FEDEX_BASE_URL: "http://127.0.0.1:9999",
      DHL_API_KEY: "dhl",
      AFTERSHIP_API_KEY: "as",
      COURIER_TIMEOUT_MS: "2500",
      SIMULATOR_STEP_MS: "1000",
    });
    expect(problems).toEqual([]);
    expect(settings.ups).toMatchObject({ clientId: "id", clientSecret: "secret" });
    expect(settings.fedex.baseUrl).toBe("http://127.0.0.1:9999");
    expect(settings.dhl.apiKey).toBe("dhl");
    expect(settings.aftership.apiKey).toBe("as");
    expect(settings.resilience.timeoutMs).toBe(2500);
    expect(settings.simulator.stepMs).toBe(1000);
  });

  it("reports every problem at once", () => {
    const { problems } = parseCourierSettings({
      USPS_CLIENT_ID: "only-the-id",
      COURIER_TIMEOUT_MS: "soon",
      COURIER_BREAKER_THRESHOLD: "0",
      DHL_BASE_URL: "ftp://example.com",
    });
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/USPS_CLIENT_ID and USPS_CLIENT_SECRET/);
    expect(problems.join("\n")).toMatch(/COURIER_TIMEOUT_MS/);
    expect(problems.join("\n")).toMatch(/COURIER_BREAKER_THRESHOLD/);
    expect(problems.join("\n")).toMatch(/DHL_BASE_URL/);
  });

  it("never reads process.env itself", () => {
    process.env.DHL_API_KEY = "from-process-env";
    try {
      expect(parseCourierSettings({}).settings.dhl.apiKey).toBeUndefined();
    } finally {
      delete process.env.DHL_API_KEY;
    }
  });
});

describe("createCourierRegistry", () => {
  const { settings } = parseCourierSettings({ DHL_API_KEY: "dhl" });
  const registry = createCourierRegistry(settings);

  it("registers every courier by code, configured or not", () => {
    expect(registry.all().map((c) => [c.code, c.configured])).toEqual([
      ["ups", false],
      ["fedex", false],
      ["usps", false],
      ["dhl", true],
      ["aftership", false],
      ["simulator", true],
    ]);
    expect(registry.get("UPS")?.name).toBe("UPS");
    expect(registry.get("acme")).toBeUndefined();
  });

  it("answers for an unconfigured courier with a not-configured courier error", async () => {
    const error = await registry
      .get("ups")!
      .track(["1Z5R89390357567127"], new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CourierError);
    expect(error).toMatchObject({ courier: "ups", upstream: { type: "not_configured" } });
  });

  it("tracks simulator numbers through the wrapper", async () => {
    const [tracking] = await registry.get("simulator")!.track(["EZ4000000004"], new AbortController().signal);
    expect(tracking?.status?.status).toBe("DELIVERED");
  });
});
