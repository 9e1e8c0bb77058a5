/**
 * The public tracking page in a real browser, as a customer opening a demo shipment's link: it
 * loads from the gateway alone, connects for live updates, and shows an updateTracking sent over
 * HTTP without a reload. Screenshots (desktop and phone width) land in test/artifacts/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BASIC_AUTHORIZATION, seedDemo } from "../src/demo/seed.js";
import { ARTIFACTS_DIR, findChromium, launchChromium } from "./support/browser.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const chromium = findChromium();
if ("missing" in chromium) console.warn(`Tracking page browser test skipped: ${chromium.missing}`);

const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { eventId } } }";
const demo = { authorization: DEMO_BASIC_AUTHORIZATION };

describe.skipIf("missing" in chromium)("the tracking page in Chromium", () => {
  let gw: TestGateway;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let link: string;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway();
    await seedDemo(gw.db);
    const res = await gw.graphql('{ shipmentByNumber(shipmentNumber: "78974156816152") { publicTrackingUrl } }', {}, demo);
    link = res.body.data.shipmentByNumber.publicTrackingUrl;
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    browser = await launchChromium((chromium as { executablePath: string }).executablePath);
    const origin = new URL(gw.url).origin;
    await browser.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  });
  afterAll(async () => {
    await browser?.dispose();
    await gw?.close();
  });

  it("shows a pushed tracking event live, without a reload", { timeout: 60_000 }, async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    await page.goto(link);
    await expect.poll(() => page.locator("#live-state").innerText(), { timeout: 15_000 }).toContain("Live");
    expect(await page.locator("h1").innerText()).toBe("Parcel 1Z999AA10123456784");
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "tracking-page.png"), fullPage: true });
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const res = await gw.graphql(
      PUSH,
      {
        input: {
          shipmentNumber: "78974156816152",
          trackingNumber: "1Z999AA10123456784",
          tracking: [
            {
              event: "Out for delivery from the browser test",
              eventId: "browser-1",
              eventRecordedAt: new Date().toISOString(),
              location: "Seattle, WA",
              shipmentCarrier: "UPS",
            },
          ],
        },
      },
      demo,
    );
    expect(res.body.errors).toBeUndefined();

    const events = page.locator(".events li");
    await expect.poll(() => events.first().innerText(), { timeout: 15_000 }).toContain("Out for delivery from the browser test");
    expect(await page.locator(".status").innerText()).toBe("Status: Out for delivery");
    expect(await page.locator('[aria-current="step"]').innerText()).toContain("Out for delivery");
    expect(await page.locator("#announce").innerText()).toBe("Updated: Out for delivery — Out for delivery from the browser test");
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "tracking-page-live.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const steps = await page.locator(".steps li").evaluateAll((items) => items.map((item) => item.getBoundingClientRect().top));
    expect(new Set(steps).size).toBe(steps.length); // stacked one under another on a phone
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "tracking-page-phone.png"), fullPage: true });

    expect(errors).toEqual([]); // no script error, no CSP violation
    expect(foreignRequests).toEqual([]);
  });
});
