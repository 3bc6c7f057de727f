/**
 * A small in-process cache for answers that are costly, asked for again and again, and allowed to be a
 * few seconds old — the whole-town map of a big comune (see public-geojson.ts). An entry is reused only
 * while it is younger than `ttlMs` AND its `fingerprint` (a cheap value that changes when the data does)
 * is unchanged; concurrent misses share one computation instead of each running it. Bounded: the oldest
 * entries go first. Values are shared between callers: they must not be mutated.
 */
export function createFingerprintCache<T>(options: { ttlMs: number; maxEntries: number }) {
  type Entry = { at: number; fingerprint: string; value: Promise<T> };
  const entries = new Map<string, Entry>();

  return {
    get(key: string, fingerprint: string, compute: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.fingerprint === fingerprint && now - hit.at < options.ttlMs) return hit.value;
      const entry: Entry = { at: now, fingerprint, value: compute() };
      entries.delete(key);
      entries.set(key, entry);
      // A failed computation is not remembered: the next request tries again.
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      for (const [k, e] of entries) {
        if (entries.size <= options.maxEntries && now - e.at < options.ttlMs) break;
        entries.delete(k);
      }
      return entry.value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
