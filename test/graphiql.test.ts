/**
 * GraphiQL in a real browser, as a first-time visitor of a demo gateway: the page loads with no
 * network beyond the gateway, the example tab is open with the demo header and runs, and the
 * subscription tab shows live `trackingUpdated` messages. Screenshots land in test/artifacts/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BASIC_AUTHORIZATION, seedDemo } from "../src/demo/seed.js";
import { ARTIFACTS_DIR, findChromium, launchChromium } from "./support/browser.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const chromium = findChromium();
if ("missing" in chromium) console.warn(`GraphiQL browser test skipped: ${chromium.missing}`);

const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { eventId } } }";

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ graphiqlHeaders: { Authorization: DEMO_BASIC_AUTHORIZATION } });
  await seedDemo(gw.db);
});
afterAll(() => gw?.close());

describe("GraphiQL over HTTP", () => {
  it("serves a page whose scripts and styles all come from the gateway, cached for good", async () => {
    const html = await (await fetch(gw.url, { headers: { accept: "text/html" } })).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\/\d+\.\d+\.\d+\//);
      const res = await fetch(new URL(asset, gw.url));
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toContain("immutable");
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const unknown = await fetch(new URL(assets[0]!.replace(/[^/]+$/, "nope.js"), gw.url));
    expect(unknown.status).toBe(404);
  });
});

describe.skipIf("missing" in chromium)("GraphiQL in Chromium", () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const foreignRequests: string[] = [];
  const unauthorized: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    browser = await launchChromium((chromium as { executablePath: string }).executablePath);
    const origin = new URL(gw.url).origin;
    // Offline: anything but the gateway is refused, and noted.
    await browser.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("response", (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
  });
  afterAll(() => browser?.dispose());

  // Monaco lays text out with no-break spaces.
  const resultPane = async () => (await page.locator(".result-window").innerText()).replace(/\u00a0/g, " ");
  const run = async () => {
    await page.locator(".graphiql-query-editor .monaco-editor").first().click();
    await page.keyboard.press("Control+Enter");
  };

  it("opens on the example query with the demo header, and runs it", { timeout: 90_000 }, async () => {
    await page.goto(gw.url);
    await expect.poll(() => page.locator(".graphiql-tab-active").innerText(), { timeout: 30_000 }).toContain("Shipments");
    await expect.poll(() => page.locator(".graphiql-editor-tool .monaco-editor").last().innerText()).toContain("Authorization");

    await run();
    await expect.poll(() => resultPane(), { timeout: 30_000 }).toContain('"shipmentNumber"');
    expect(await resultPane()).toContain('"data"');
    expect(await resultPane()).not.toContain('"errors"');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "graphiql-query.png") });

    expect(foreignRequests).toEqual([]);
    expect(unauthorized).toEqual([]); // a 401 would be the browser's login prompt
  });

  it("shows live trackingUpdated messages in the subscription tab", { timeout: 90_000 }, async () => {
    await page.locator(".graphiql-tab", { hasText: "TrackingUpdated" }).click();
    await expect.poll(() => page.locator(".graphiql-tab-active").innerText()).toContain("TrackingUpdated");
    await run();

    // The subscription is live once the server has it; until a message shows, push another event.
    let pushed = 0;
    await expect
      .poll(
        async () => {
          pushed += 1;
          const res = await gw.graphql(
            PUSH,
            {
              input: {
                shipmentNumber: "78974156816152",
                trackingNumber: "1Z999AA10123456784",
                tracking: [
                  {
                    event: `Arrived at browser-test hub ${pushed}`,
                    eventId: `graphiql-${pushed}`,
                    eventRecordedAt: new Date(Date.UTC(2030, 0, 1, 0, pushed)).toISOString(),
                    shipmentCarrier: "UPS",
                  },
                ],
              },
            },
            { authorization: DEMO_BASIC_AUTHORIZATION },
          );
          expect(res.body.errors).toBeUndefined();
          // GraphiQL takes a tab's operation name from its editor a moment after the switch; a run
          // before that sends the previous tab's name ("Cannot infer operation Shipments" from the
          // server) and ends. Run again then: while the subscription is live, a run would stop it.
          const shown = await resultPane();
          if (shown.includes("Cannot infer operation")) await run();
          return shown;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('"trackingUpdated"');
    expect(await resultPane()).toMatch(/Arrived at browser-test hub \d+/);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "graphiql-subscription.png") });

    expect(foreignRequests).toEqual([]);
    expect(unauthorized).toEqual([]);
  });
});
