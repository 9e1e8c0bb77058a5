/**
 * Where cached answers and the change counts that validate them live: in this process, or in Redis
 * (shared by every instance, so a write on one instance invalidates what the others cached).
 *
 * Each tenant has a change count, bumped by every announced write, which also records the count
 * against each row it changed and against the tenant's lists. A cached answer carries the count
 * read before its query ran and is valid while none of its dependencies changed after that. Nothing
 * is deleted on a write, so a read that started before the write and stores its answer after it
 * cannot leave a stale copy behind.
 */
import type { Redis } from "ioredis";

export interface CacheStore {
  /** The entry under `key`, if any, and the tenant's change count, read together. */
  lookup(tenantId: string, key: string): Promise<{ entry: string | null; changes: number }>;
  /** The change count at which each dependency last changed; 0 when it did not within the TTL. */
  changedAt(tenantId: string, dependencies: string[]): Promise<number[]>;
  put(tenantId: string, key: string, entry: string, ttlMs: number): Promise<void>;
  /** Bumps the tenant's change count and records it against each dependency, as one step. */
  change(tenantId: string, dependencies: string[], ttlMs: number): Promise<void>;
}

interface Held {
  value: string;
  expiresAt: number;
}

/** Per instance: another instance's writes never reach it, so only for a single instance. */
export function memoryStore(maxEntries = 10_000): CacheStore {
  // Entries may be dropped early (oldest first, past `maxEntries`); marks never are, or an entry
  // could outlive the mark that invalidates it. All marks share one TTL and a rewrite moves a mark
  // to the end, so the map is in expiry order and expired marks are trimmed from its head.
  const entries = new Map<string, Held>();
  const marks = new Map<string, Held>();
  const counts = new Map<string, number>();
  const read = (map: Map<string, Held>, key: string) => {
    const held = map.get(key);
    return held && held.expiresAt > Date.now() ? held.value : null;
  };
  const write = (map: Map<string, Held>, key: string, value: string, ttlMs: number) => {
    map.delete(key);
    map.set(key, { value, expiresAt: Date.now() + ttlMs });
  };
  return {
    async lookup(tenantId, key) {
      return { entry: read(entries, entryKey(tenantId, key)), changes: counts.get(tenantId) ?? 0 };
    },
    async changedAt(tenantId, dependencies) {
      return dependencies.map((d) => Number(read(marks, changeKey(tenantId, d)) ?? 0));
    },
    async put(tenantId, key, entry, ttlMs) {
      write(entries, entryKey(tenantId, key), entry, ttlMs);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async change(tenantId, dependencies, ttlMs) {
      const changes = (counts.get(tenantId) ?? 0) + 1;
      counts.set(tenantId, changes);
      for (const d of dependencies) write(marks, changeKey(tenantId, d), String(changes), ttlMs);
      for (const [key, held] of marks) {
        if (held.expiresAt > Date.now()) break;
        marks.delete(key);
      }
    },
  };
}

// One script, so no read can see the new count without the marks that go with it.
const CHANGE = `local changes = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], changes, 'PX', ARGV[1]) end
return changes`;

/**
 * Shared by every instance on the same Redis. The change count has no expiry (it must never go
 * back while entries that carry it live); entries and marks expire after the TTL.
 */
export function redisStore(redis: Redis): CacheStore {
  return {
    async lookup(tenantId, key) {
      const [entry, changes] = await redis.mget(entryKey(tenantId, key), countKey(tenantId));
      return { entry: entry ?? null, changes: Number(changes ?? 0) };
    },
    async changedAt(tenantId, dependencies) {
      // MGET needs a key; an answer of rows no write changes (events, items) has no dependency.
      if (!dependencies.length) return [];
      const marks = await redis.mget(dependencies.map((d) => changeKey(tenantId, d)));
      return marks.map((mark) => Number(mark ?? 0));
    },
    async put(tenantId, key, entry, ttlMs) {
      await redis.set(entryKey(tenantId, key), entry, "PX", ttlMs);
    },
    async change(tenantId, dependencies, ttlMs) {
      const keys = [countKey(tenantId), ...dependencies.map((d) => changeKey(tenantId, d))];
      await redis.eval(CHANGE, keys.length, ...keys, ttlMs);
    },
  };
}

// A tenant's keys share a hash tag, so the change script's keys sit in one slot of a Redis Cluster.
const entryKey = (tenantId: string, key: string) => `response-cache:{${tenantId}}:entry:${key}`;
const countKey = (tenantId: string) => `response-cache:{${tenantId}}:changes`;
const changeKey = (tenantId: string, dependency: string) => `response-cache:{${tenantId}}:changed:${dependency}`;
