/**
 * The tracking page's HTML, rendered on the server: the first paint works without JavaScript, and
 * live updates send the same `renderTracking` markup, so there is one renderer and it escapes
 * everything it is given.
 */
import type { PublicShipment, PublicTrackingEvent } from "./documents.js";
import { progressOf, STEPS, statusWords } from "./progress.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./assets.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const DAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/**
 * A carrier's local wall time ("2023-10-26T12:08:00", no offset) is shown as the carrier gave it,
 * labelled local; everything else is an instant, shown in UTC and labelled so.
 */
function eventTime(event: PublicTrackingEvent): string {
  const wall = event.localTime ? WALL_TIME.exec(event.localTime) : null;
  if (event.localTime && wall) {
    const [, y, mo, d, h = "00", mi = "00"] = wall;
    const shown = DATE_TIME.format(new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi))));
    return `<time datetime="${escapeHtml(`${y}-${mo}-${d}T${h}:${mi}`)}">${escapeHtml(shown)}</time> <span class="zone">local time</span>`;
  }
  if (event.localTime) return `${escapeHtml(event.localTime)} <span class="zone">local time</span>`;
  return `<time datetime="${escapeHtml(event.eventRecordedAt)}">${escapeHtml(DATE_TIME.format(new Date(event.eventRecordedAt)))}</time> <span class="zone">UTC</span>`;
}

function progress(shipment: PublicShipment): string {
  const { step, offPath } = progressOf(shipment);
  const items = STEPS.map((label, index) => {
    const state = index < step ? "done" : index === step ? "current" : "todo";
    const current = index === step ? ' aria-current="step"' : "";
    const spoken =
      state === "done"
        ? '<span class="visually-hidden"> (done)</span>'
        : state === "current"
          ? '<span class="visually-hidden"> (current step)</span>'
          : "";
    return `<li class="${state}"${current}>${escapeHtml(label)}${spoken}</li>`;
  });
  const notice = offPath
    ? `<p class="notice" role="note">${escapeHtml(statusWords(shipment.trackingStatus))}: the carrier reported a change of plan.</p>`
    : "";
  return `<ol class="steps" aria-label="Delivery progress">${items.join("")}</ol>${notice}`;
}

function expected(shipment: PublicShipment): string {
  if (!shipment.expectedDelivery) return "";
  const day = DAY.format(new Date(shipment.expectedDelivery));
  return `<p class="expected">Expected delivery: <strong><time datetime="${escapeHtml(shipment.expectedDelivery)}">${escapeHtml(day)}</time></strong></p>`;
}

function history(shipment: PublicShipment): string {
  if (!shipment.trackingEvents.length) return `<p>No tracking events yet.</p>`;
  const severalCartons = shipment.cartons.length > 1;
  const rows = [...shipment.trackingEvents].reverse().map((event) => {
    const where = event.location ? `<span class="where">${escapeHtml(event.location)}</span>` : "";
    const carton = severalCartons && event.trackingNumber ? `<span class="carton">Parcel ${escapeHtml(event.trackingNumber)}</span>` : "";
    return `<li><p class="when">${eventTime(event)}</p><p class="what">${escapeHtml(event.event)}</p>${where}${carton}</li>`;
  });
  return `<ol class="events" reversed>${rows.join("")}</ol>`;
}

/** The part of the page a live update replaces. */
export function renderTracking(shipment: PublicShipment): string {
  return [
    `<p class="status">Status: <strong>${escapeHtml(statusWords(shipment.trackingStatus))}</strong></p>`,
    progress(shipment),
    expected(shipment),
    `<h2>Tracking history</h2>`,
    history(shipment),
  ].join("");
}

/** What a screen reader hears when an update arrives. */
export function announcementOf(shipment: PublicShipment): string {
  const latest = shipment.trackingEvents.at(-1);
  return `Updated: ${statusWords(shipment.trackingStatus)}${latest ? ` — ${latest.event}` : ""}`;
}

function layout(title: string, nonce: string, main: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${PAGE_STYLE}</style>
</head>
<body>
<header><p class="brand">Shipment tracking</p></header>
<main id="main">${main}</main>
<footer><p>Tracking information from the carrier. Times are the carrier's local time where it gave one, otherwise UTC.</p></footer>
${script ? `<script nonce="${nonce}">${script}</script>` : ""}
</body>
</html>`;
}

export interface TrackingPage {
  trackingNumber: string;
  shipment: PublicShipment;
  /** Where the page's script listens for updates (server-sent events). */
  liveUrl: string;
  /** Allows this response's inline style and script under its Content-Security-Policy. */
  nonce: string;
}

export function renderTrackingPage({ trackingNumber, shipment, liveUrl, nonce }: TrackingPage): string {
  const carrier = shipment.cartons.find((carton) => carton.trackingNumber === trackingNumber)?.shipmentCarrier ?? shipment.shipmentCourier;
  const main = `
<h1>Parcel <span class="number">${escapeHtml(trackingNumber)}</span></h1>
${carrier ? `<p class="carrier">Carrier: ${escapeHtml(carrier.toUpperCase())}</p>` : ""}
<p id="live-state" class="live-state">Reload the page for the latest status.</p>
<p id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
<section id="tracking" aria-labelledby="tracking-heading" data-live="${escapeHtml(liveUrl)}">
<h2 id="tracking-heading" class="visually-hidden">Current status</h2>
<div id="tracking-body">${renderTracking(shipment)}</div>
</section>`;
  return layout(`Tracking ${trackingNumber}`, nonce, main, PAGE_SCRIPT);
}

/** A page with a heading and a sentence: not found, busy, unavailable. */
export function renderMessage(title: string, text: string, nonce: string): string {
  return layout(title, nonce, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
