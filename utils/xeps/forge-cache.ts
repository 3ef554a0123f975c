import { z } from '../model/zod';
import type { ForgeCache } from './source-forge';

/**
 * The forge's answers keyed by a commit sha (a commit's changed files, a file's text at a
 * commit) kept between runs and restarts in a key-value area — the extension's
 * browser.storage.local — so drafting a month again costs one API request (the commit list)
 * instead of one per commit. Answers keyed by a sha never change, so nothing expires; the
 * cache is bounded instead: past `maxBytes` the least recently used answers go.
 *
 * Layout: one key per answer ("xepForgeCache:<key>" → { value }) and one index
 * ("xepForgeCache" → each key's size and last use), so a hit reads one answer, not the cache.
 * A cache never fails a run: an area that cannot be read or written (quota, a damaged index)
 * only means asking the forge again.
 */

/** The part of browser.storage.local (or storage.session, or a Map in tests) the cache uses. */
export interface KeyValueArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const FORGE_CACHE_INDEX = 'xepForgeCache';
const ENTRY_PREFIX = `${FORGE_CACHE_INDEX}:`;

/**
 * 4 MiB: Chrome gives storage.local 10 MB without the unlimitedStorage permission (Firefox
 * sets no such limit). A month's answers weigh ~0.7 MB, nearly all of it raw XEP texts (the
 * commit answers of March 2026 are 69 KB), so the last few months stay cached.
 */
export const FORGE_CACHE_MAX_BYTES = 4 * 1024 * 1024;

const indexSchema = z.object({
  version: z.literal(1),
  /** key → [size in characters of the stored answer, last use in ms since the epoch] */
  entries: z.record(z.string(), z.tuple([z.number().nonnegative(), z.number()])),
});
type CacheIndex = z.infer<typeof indexSchema>;

export interface PersistentForgeCacheOptions {
  maxBytes?: number;
  now?: () => number;
}

export interface PersistentForgeCache extends ForgeCache {
  /** What is stored now, by the index. */
  usage(): Promise<{ entries: number; bytes: number }>;
}

export function persistentForgeCache(area: KeyValueArea, options: PersistentForgeCacheOptions = {}): PersistentForgeCache {
  const maxBytes = options.maxBytes ?? FORGE_CACHE_MAX_BYTES;
  const now = options.now ?? Date.now;
  // The index is read, changed and written back: one operation at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readIndex(): Promise<CacheIndex> {
    const parsed = indexSchema.safeParse((await area.get(FORGE_CACHE_INDEX))[FORGE_CACHE_INDEX]);
    return parsed.success ? parsed.data : { version: 1, entries: {} };
  }

  return {
    get: (key) =>
      serial(async () => {
        try {
          const stored = (await area.get(ENTRY_PREFIX + key))[ENTRY_PREFIX + key];
          if (typeof stored !== 'object' || stored === null || !('value' in stored)) return undefined;
          const index = await readIndex();
          const meta = index.entries[key];
          if (meta) {
            meta[1] = now();
            await area.set({ [FORGE_CACHE_INDEX]: index });
          }
          return stored.value;
        } catch {
          return undefined;
        }
      }),

    set: (key, value) =>
      serial(async () => {
        try {
          const record = { value };
          const size = ENTRY_PREFIX.length + key.length + JSON.stringify(record).length;
          // One answer may not push out most of the others.
          if (size > maxBytes / 4) return;
          const index = await readIndex();
          delete index.entries[key];
          let total = size + Object.values(index.entries).reduce((sum, [bytes]) => sum + bytes, 0);
          const evicted: string[] = [];
          for (const [old, [bytes]] of Object.entries(index.entries).sort((a, b) => a[1][1] - b[1][1])) {
            if (total <= maxBytes) break;
            evicted.push(old);
            delete index.entries[old];
            total -= bytes;
          }
          if (evicted.length > 0) await area.remove(evicted.map((k) => ENTRY_PREFIX + k));
          index.entries[key] = [size, now()];
          await area.set({ [ENTRY_PREFIX + key]: record, [FORGE_CACHE_INDEX]: index });
        } catch {
          // A full or unwritable area: this answer is simply asked for again next time.
        }
      }),

    usage: () =>
      serial(async () => {
        const entries = Object.values((await readIndex()).entries);
        return { entries: entries.length, bytes: entries.reduce((sum, [bytes]) => sum + bytes, 0) };
      }),
  };
}
