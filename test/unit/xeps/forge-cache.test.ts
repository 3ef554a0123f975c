import { describe, expect, it } from 'vitest';
import { FORGE_CACHE_INDEX, persistentForgeCache, type KeyValueArea } from '../../../utils/xeps/forge-cache';

/**
 * The forge's answers kept between runs in a key-value area (the extension's storage.local):
 * what a new page (a restart) finds, the bound, and that a failing area never fails a run.
 */

/** A storage area as browser.storage.local behaves: values are copied in and out (structured clone). */
function memoryArea(): KeyValueArea & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const area = {
    data,
    writes: 0,
    async get(keys: string | string[]) {
      const out: Record<string, unknown> = {};
      for (const key of typeof keys === 'string' ? [keys] : keys) if (data.has(key)) out[key] = structuredClone(data.get(key));
      return out;
    },
    async set(items: Record<string, unknown>) {
      area.writes++;
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys: string | string[]) {
      for (const key of typeof keys === 'string' ? [keys] : keys) data.delete(key);
    },
  };
  return area;
}

const clock = () => {
  let t = 1_000;
  return () => (t += 1_000);
};

describe('persistentForgeCache', () => {
  it('keeps answers for the next page that opens the same area, a missing file (null) included', async () => {
    const area = memoryArea();
    const first = persistentForgeCache(area);
    await first.set('files:xsf/xeps:abc', [{ path: 'xep-0001.xml', kind: 'modified' }]);
    await first.set('raw:xsf/xeps:abc:inbox/gone.xml', null);
    const second = persistentForgeCache(area);
    expect(await second.get('files:xsf/xeps:abc')).toEqual([{ path: 'xep-0001.xml', kind: 'modified' }]);
    expect(await second.get('raw:xsf/xeps:abc:inbox/gone.xml')).toBeNull();
    expect(await second.get('files:xsf/xeps:other')).toBeUndefined();
    expect(await second.usage()).toEqual({ entries: 2, bytes: expect.any(Number) });
  });

  it('stays within its bound by dropping the answers used least recently', async () => {
    const area = memoryArea();
    const cache = persistentForgeCache(area, { maxBytes: 2_000, now: clock() });
    const text = (n: number) => 'x'.repeat(n);
    await cache.set('a', text(400));
    await cache.set('b', text(400));
    await cache.set('c', text(400));
    expect(await cache.get('a')).toBe(text(400)); // a is now used more recently than b
    await cache.set('d', text(400));
    await cache.set('e', text(400));
    const { bytes } = await cache.usage();
    expect(bytes).toBeLessThanOrEqual(2_000);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(text(400));
    expect(await cache.get('e')).toBe(text(400));
    // What the index counts is exactly what the area holds.
    const stored = [...area.data.keys()].filter((k) => k !== FORGE_CACHE_INDEX);
    expect(stored).toHaveLength((await cache.usage()).entries);
    expect(stored).not.toContain(`${FORGE_CACHE_INDEX}:b`);
  });

  it('does not let one huge answer push out the others', async () => {
    const cache = persistentForgeCache(memoryArea(), { maxBytes: 4_000 });
    await cache.set('small', 'x');
    await cache.set('huge', 'x'.repeat(2_000));
    expect(await cache.get('huge')).toBeUndefined();
    expect(await cache.get('small')).toBe('x');
  });

  it('a damaged index starts over; an area that fails to read or write only means asking again', async () => {
    const area = memoryArea();
    area.data.set(FORGE_CACHE_INDEX, { version: 99, entries: 'nonsense' });
    const cache = persistentForgeCache(area);
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');

    const failing: KeyValueArea = {
      get: async () => {
        throw new Error('storage unavailable');
      },
      set: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
      remove: async () => {},
    };
    const broken = persistentForgeCache(failing);
    await expect(broken.set('k', 'v')).resolves.toBeUndefined();
    await expect(broken.get('k')).resolves.toBeUndefined();
  });
});
