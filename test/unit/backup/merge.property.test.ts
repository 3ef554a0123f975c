import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, changedFields, mergeItems, mergeNewsletters, newerVersion } from '../../../utils/backup/merge';
import { getPreset } from '../../../utils/presets';
import type { NewsItem } from '../../../utils/model/item';
import { makeItem } from '../export/fixtures';

/**
 * Merge rules under random collections. Pools are small on purpose, so the same page, the same
 * id, equal timestamps and deletions collide often.
 */

const URLS = ['https://a.example/1', 'https://b.example/2', 'https://c.example/3', 'https://d.example/4'];
const TIMES = ['2023-10-01T10:00:00.000Z', '2023-10-02T10:00:00.000Z', '2023-10-03T10:00:00.000Z', '2023-10-04T10:00:00.000Z'];

const version = (urlIndex: number) =>
  fc
    .record({
      idSuffix: fc.constantFrom('a', 'b', 'c'),
      entry: fc.constantFrom('first', 'second', 'third'),
      section: fc.constantFrom('articles', 'clients'),
      status: fc.constantFrom('draft' as const, 'ready' as const, 'excluded' as const),
      contributor: fc.constantFrom('', 'Alice', 'bob'),
      created: fc.integer({ min: 0, max: 3 }),
      updatedAfter: fc.integer({ min: 0, max: 3 }),
      deleted: fc.boolean(),
    })
    .map((v): NewsItem => {
      const updated = Math.min(3, v.created + v.updatedAfter);
      return makeItem({
        // An id belongs to one page, as in a real collection.
        id: `${urlIndex}-${v.idSuffix}`,
        canonicalUrl: URLS[urlIndex]!,
        url: URLS[urlIndex]!,
        entry: v.entry,
        section: v.section,
        status: v.status,
        contributor: v.contributor,
        createdAt: TIMES[v.created]!,
        updatedAt: TIMES[updated]!,
        deletedAt: v.deleted ? TIMES[updated]! : null,
        position: 1,
      });
    });

/** A collection or a backup: at most one version per page, as a real collection holds. */
const collection = fc
  .tuple(...URLS.map((_, i) => fc.option(version(i), { nil: undefined })))
  .map((versions) => versions.filter((v): v is NewsItem => v !== undefined));

/** The merged collection by page, ids left out (the local id is kept, so they depend on order). */
function byUrl(items: readonly NewsItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const { id: _id, ...rest } = item;
    expect(out[item.canonicalUrl], `two items for ${item.canonicalUrl}`).toBeUndefined();
    out[item.canonicalUrl] = canonicalJson(rest);
  }
  return out;
}

const RUNS = { numRuns: 400, seed: 4242 };

describe('merge rules (property-based)', () => {
  it('is idempotent: importing the same backup twice changes nothing the second time', () => {
    fc.assert(
      fc.property(collection, collection, (local, backup) => {
        const once = mergeItems(local, backup);
        const twice = mergeItems(once.items, backup);
        expect(twice.added).toEqual([]);
        expect(twice.updated).toEqual([]);
        expect(byUrl(twice.items)).toEqual(byUrl(once.items));
      }),
      RUNS,
    );
  });

  it('is commutative and associative up to ids: backups in any order give the same collection', () => {
    fc.assert(
      fc.property(collection, collection, collection, (a, b, c) => {
        const abc = mergeItems([], [...a, ...b, ...c]).items;
        expect(byUrl(mergeItems([], [...c, ...b, ...a]).items)).toEqual(byUrl(abc));
        expect(byUrl(mergeItems(mergeItems(b, c).items, a).items)).toEqual(byUrl(abc));
        expect(byUrl(mergeItems(a, [...b, ...c]).items)).toEqual(byUrl(abc));
      }),
      RUNS,
    );
  });

  it('loses no page, keeps the newest edit of each, and credits whoever clipped it first', () => {
    fc.assert(
      fc.property(collection, collection, collection, (local, b1, b2) => {
        const all = [...local, ...b1, ...b2];
        const merged = mergeItems(local, [...b1, ...b2]).items;
        expect(new Set(merged.map((i) => i.canonicalUrl))).toEqual(new Set(all.map((i) => i.canonicalUrl)));
        for (const item of merged) {
          const versions = all.filter((v) => v.canonicalUrl === item.canonicalUrl);
          const newest = versions.reduce((x, y) => newerVersion(x, y));
          expect(item.updatedAt).toBe(newest.updatedAt);
          expect(item.entry).toBe(newest.entry);
          expect(item.deletedAt).toBe(newest.deletedAt);
          const named = versions.filter((v) => v.contributor);
          if (named.length) {
            const first = named.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.contributor.localeCompare(y.contributor))[0]!;
            expect([item.contributor, item.createdAt]).toEqual([first.contributor, first.createdAt]);
          } else {
            expect(item.contributor).toBe('');
          }
        }
      }),
      RUNS,
    );
  });

  it('reports every losing version that differs: as a conflict, or as the stored version an update replaces', () => {
    fc.assert(
      fc.property(collection, collection, (local, backup) => {
        const result = mergeItems(local, backup);
        const final = new Map(result.items.map((i) => [i.canonicalUrl, i]));
        for (const v of [...local, ...backup]) {
          const kept = final.get(v.canonicalUrl)!;
          if (changedFields(v, kept).length === 0) continue;
          const listed =
            result.conflicts.some((c) => c.lost === v) ||
            result.updated.some((u) => u.before === v && u.before.id === kept.id);
          expect(listed, `${v.id} (${v.entry}) lost without a trace`).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('merge rules (examples)', () => {
  const base = makeItem({ id: 'x', canonicalUrl: 'https://e.example/p', entry: 'old', updatedAt: '2023-10-02T00:00:00.000Z' });

  it('a deletion newer than the other side’s edit deletes; an edit newer than a deletion restores', () => {
    const deleted = { ...base, deletedAt: '2023-10-05T00:00:00.000Z', updatedAt: '2023-10-05T00:00:00.000Z' };
    const edited = { ...base, entry: 'new', updatedAt: '2023-10-04T00:00:00.000Z' };
    expect(mergeItems([edited], [deleted]).items[0]?.deletedAt).toBe('2023-10-05T00:00:00.000Z');
    const later = { ...edited, updatedAt: '2023-10-06T00:00:00.000Z' };
    expect(mergeItems([deleted], [later]).items[0]).toMatchObject({ deletedAt: null, entry: 'new' });
  });

  it('two contributors clipping the same page: one item, the newer entry, the first clipper credited, the other entry listed', () => {
    const alice = makeItem({ id: 'a1', title: 'P', canonicalUrl: 'https://e.example/p', contributor: 'Alice', entry: 'Alice’s words', createdAt: '2023-10-01T00:00:00.000Z', updatedAt: '2023-10-01T00:00:00.000Z' });
    const bob = makeItem({ id: 'b1', title: 'P', canonicalUrl: 'https://e.example/p', contributor: 'bob', entry: 'bob’s words', createdAt: '2023-10-02T00:00:00.000Z', updatedAt: '2023-10-03T00:00:00.000Z' });
    const result = mergeItems([alice], [bob]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ id: 'a1', entry: 'bob’s words', contributor: 'Alice', createdAt: '2023-10-01T00:00:00.000Z' });
    expect(result.conflicts).toEqual([expect.objectContaining({ lost: alice, lostSide: 'local', fields: ['entry'] })]);
  });

  it('an imported edit older than the stored one is skipped and listed', () => {
    const stored = { ...base, entry: 'edited here', updatedAt: '2023-10-09T00:00:00.000Z' };
    const result = mergeItems([stored], [base]);
    expect(result.items).toEqual([stored]);
    expect(result.skipped).toEqual([{ incoming: base, reason: 'older' }]);
    expect(result.conflicts[0]).toMatchObject({ lost: base, lostSide: 'incoming', fields: ['entry'] });
  });
});

describe('newsletter definitions', () => {
  const own = (name: string, updatedAt?: string) => ({ ...getPreset('generic'), id: 'ours', name, ...(updatedAt ? { updatedAt } : {}) });

  it('newer updatedAt wins; two versions in one import are one update from the stored one; built-in ids are skipped', () => {
    const stored = own('Stored', '2024-01-01T00:00:00.000Z');
    const result = mergeNewsletters([stored], [own('Newer', '2024-02-01T00:00:00.000Z'), own('Newest', '2024-03-01T00:00:00.000Z'), own('Older', '2023-01-01T00:00:00.000Z')]);
    expect(result.newsletters.map((n) => n.name)).toEqual(['Newest']);
    expect(result.updated).toEqual([{ before: stored, after: own('Newest', '2024-03-01T00:00:00.000Z') }]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['older']);
    expect(mergeNewsletters([], [{ ...getPreset('xmpp'), name: 'Mine now' }]).skipped[0]?.reason).toBe('built-in');
    expect(mergeNewsletters([own('A')], [own('A')]).skipped[0]?.reason).toBe('same');
  });
});
