/**
 * The ingest scenario's traffic, shared by the seed (which shipments exist, which events they
 * start with) and the load generator (which builds every request and keeps score). Each
 * updateTracking request carries 10 events for one carton: 2 re-sent events already stored (20%
 * duplicates) and 8 new ones, 3 of which were recorded before events already sent (30% out of
 * order), shuffled. Requests go round-robin over the shipments so concurrent requests rarely queue
 * on the same shipment's row lock, as with many carriers pushing for many parcels.
 */
export const INGEST_SHIPMENTS = 100;
const SEED_EVENTS = 4;
const NEW_EVENTS = 8;
const DUPLICATES = 2;
const LATE = 3;
const MINUTE = 60_000;
const START = Date.parse("2025-03-01T08:00:00.000Z");
const WORDS = ["picked up", "arrived at sort facility", "departed facility", "in transit", "processed at hub", "out for delivery"];
const LOCATIONS = ["Reno, NV", "Memphis, TN", "Louisville, KY", null];

export const UPDATE_TRACKING = /* GraphQL */ `mutation Ingest($input: UpdateTrackingInput!) {
  updateTracking(input: $input) { shipments { version statusCode trackingStatus } duplicateEventIds }
}`;

export interface WireEvent {
  event: string;
  eventId: string;
  eventRecordedAt: string;
  location: string | null;
  notes: { description: string };
  shipmentCarrier: string;
}

export function ingestShipment(index: number) {
  return { shipmentNumber: `IG${index}`, trackingNumber: `1ZBENCHIG${String(index).padStart(6, "0")}` };
}

function wireEvent(eventId: string, n: number, at: number): WireEvent {
  return {
    event: WORDS[n % WORDS.length]!,
    eventId,
    eventRecordedAt: new Date(at).toISOString(),
    location: LOCATIONS[n % LOCATIONS.length]!,
    notes: { description: `scan ${n}` },
    shipmentCarrier: "UPS",
  };
}

/** The events each ingest shipment is seeded with, so the very first request has something to re-send. */
export function seedEvents(index: number): WireEvent[] {
  return Array.from({ length: SEED_EVENTS }, (_, k) => wireEvent(`IG${index}-seed-${k}`, k, START + k * MINUTE));
}

interface Timeline {
  sent: WireEvent[];
  /** eventRecordedAt of the newest event sent, in ms. */
  clock: number;
  count: number;
}

/** A small deterministic PRNG (mulberry32): the same traffic on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface IngestScore {
  /** Events an acknowledged response reported as applied, during the last run. */
  appliedInRun: number;
  /** Distinct event ids put in any request (some may still have been in flight when a run stopped). */
  sent: number;
  /** Distinct event ids in requests that got a 200 without errors (listed only when asked: it is long). */
  acknowledged?: string[];
  /** Event ids that more than one response reported as applied. */
  appliedTwice: string[];
  failedResponses: number;
}

export class IngestTraffic {
  private readonly timelines: Timeline[];
  private readonly rand = random(42);
  private turn = 0;
  private readonly sent = new Set<string>();
  private readonly acknowledged = new Set<string>();
  private readonly applied = new Map<string, number>();
  private appliedInRun = 0;
  private failedResponses = 0;

  /** `prefix` keeps event ids of the gateway's and the reference's traffic apart. */
  constructor(private readonly prefix: string) {
    this.timelines = Array.from({ length: INGEST_SHIPMENTS }, (_, i) => {
      const sent = seedEvents(i);
      return { sent, clock: Date.parse(sent.at(-1)!.eventRecordedAt), count: 0 };
    });
  }

  /** The next request's body and the event ids it carries. */
  next(): { body: string; eventIds: string[] } {
    const index = this.turn++ % INGEST_SHIPMENTS;
    const timeline = this.timelines[index]!;
    const fresh = Array.from({ length: NEW_EVENTS }, (_, k) => {
      const n = timeline.count++;
      const late = k < LATE;
      // A late event happened somewhere between the first scan and the newest one already sent.
      const at = late ? START + Math.floor(this.rand() * (timeline.clock - START)) : (timeline.clock += MINUTE);
      return wireEvent(`${this.prefix}-${index}-${n}`, n, at);
    });
    const resent = new Set<WireEvent>();
    while (resent.size < DUPLICATES) resent.add(timeline.sent[Math.floor(this.rand() * timeline.sent.length)]!);
    const events = [...fresh, ...resent];
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    timeline.sent.push(...fresh);
    const eventIds = events.map((e) => e.eventId);
    for (const id of eventIds) this.sent.add(id);
    const { shipmentNumber, trackingNumber } = ingestShipment(index);
    const body = JSON.stringify({ query: UPDATE_TRACKING, variables: { input: { shipmentNumber, trackingNumber, tracking: events } } });
    return { body, eventIds };
  }

  /** Scores one response: events sent and not reported as duplicates were applied by this request. */
  record(eventIds: string[], status: number, body: string) {
    let duplicates: string[] | undefined;
    try {
      const parsed = JSON.parse(body);
      if (status === 200 && !parsed.errors) duplicates = parsed.data.updateTracking.duplicateEventIds;
    } catch {
      // counted as failed below
    }
    if (!duplicates) {
      this.failedResponses++;
      return;
    }
    const known = new Set(duplicates);
    for (const id of eventIds) {
      this.acknowledged.add(id);
      if (known.has(id)) continue;
      this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
      this.appliedInRun++;
    }
  }

  /** The score so far; resets the per-run count. */
  score(withAcknowledged = false): IngestScore {
    const score = {
      appliedInRun: this.appliedInRun,
      sent: this.sent.size,
      acknowledged: withAcknowledged ? [...this.acknowledged] : undefined,
      appliedTwice: [...this.applied].filter(([, times]) => times > 1).map(([id]) => id),
      failedResponses: this.failedResponses,
    };
    this.appliedInRun = 0;
    return score;
  }
}
