import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '../../../utils/storage/schema';
import { ItemStore } from '../../../utils/storage/items';
import { checkItem } from '../../../utils/model/item';
import { freshIndexedDb, openTestDb } from '../../support/db';
import { getPreset } from '../../../utils/presets';
import { listUserNewsletters, saveUserNewsletter } from '../../../utils/storage/newsletters';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';

/** An item as the first schema (version 1) stored it: no newsletter, status or position. */
function v1Item(n: number) {
  return {
    id: `id-${n}`,
    canonicalUrl: `https://example.org/post/${n}`,
    url: `https://example.org/post/${n}?utm_source=x`,
    title: `Post ${n}`,
    siteName: 'Example',
    authors: [],
    publishedAt: null,
    language: 'en',
    description: null,
    contentMarkdown: 'Text',
    kind: 'article',
    release: null,
    xep: null,
    issue: n % 2 ? '2023-10' : '2023-11',
    section: 'articles',
    entry: `[Post ${n}](https://example.org/post/${n})`,
    contributor: 'emus',
    createdAt: `2023-10-${String(10 + (n % 10)).padStart(2, '0')}T12:00:00.000Z`,
    updatedAt: n === 3 ? '2023-10-21T00:00:00.000Z' : '2023-10-20T12:00:00.000Z',
    deletedAt: n === 3 ? '2023-10-21T00:00:00.000Z' : null,
  };
}

/**
 * An item as schema `version` stored it: version 2 added newsletter, status, position, video,
 * event; version 5 the clock stamp and its bookkeeping.
 */
function itemAtVersion(version: number, n: number) {
  const item = v1Item(n);
  if (version < 2) return item;
  const v2 = { ...item, newsletter: 'xmpp', status: 'draft', position: Date.parse(item.createdAt), video: null, event: null };
  if (version < 5) return v2;
  return { ...v2, hlc: `${item.updatedAt}~0000~v4`, updatedBy: 'emus', ancestors: [], history: [] };
}

describe('schema upgrades', () => {
  it('every version after the first has an upgrade path and versions increase', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(CURRENT_VERSION).toBe(versions[versions.length - 1]);
  });

  for (const from of SCHEMA_VERSIONS.slice(0, -1)) {
    it(`upgrades a version ${from.version} database to version ${CURRENT_VERSION} without losing an item`, async () => {
      const idb = freshIndexedDb();
      const old = openTestDb(idb, from.version);
      const originals = Array.from({ length: 25 }, (_, i) => itemAtVersion(from.version, i + 1));
      await old.table('items').bulkAdd(originals);
      await old.table('settings').put({ key: 'contributor', value: 'emus' });
      old.close();

      const db = openTestDb(idb);
      try {
        expect(db.verno).toBe(CURRENT_VERSION);
        const all = await db.items.toArray();
        expect(all).toHaveLength(originals.length);
        for (const original of originals) {
          const upgraded = all.find((item) => item.id === original.id);
          // Every field the old version stored is still there, unchanged.
          expect(upgraded).toMatchObject(original);
          expect(upgraded).toMatchObject({ newsletter: 'xmpp', status: 'draft', video: null, event: null });
          expect(upgraded?.position).toBe(Date.parse(original.createdAt));
          // Version 5 stamps each item from its own updatedAt, so two browsers agree on the stamp.
          expect(upgraded).toMatchObject({ hlc: `${original.updatedAt}~0000~v4`, updatedBy: 'emus', ancestors: [], history: [] });
          expect(checkItem(upgraded).ok).toBe(true);
        }
        // The upgraded data works with today's queries.
        const october = (await new ItemStore(db).listIssue('xmpp', '2023-10')).items;
        expect(october.map((i) => i.id).sort()).toEqual(
          originals.filter((o) => o.issue === '2023-10' && !o.deletedAt).map((o) => o.id).sort(),
        );
        expect(await db.settings.get('contributor')).toEqual({ key: 'contributor', value: 'emus' });
        // Version 3's table for the user's own newsletters is there, empty, and usable.
        expect(await listUserNewsletters(db)).toEqual([]);
        await saveUserNewsletter(db, { ...getPreset('generic'), id: 'ours' });
        expect((await listUserNewsletters(db)).map((n) => n.id)).toEqual(['ours']);
      } finally {
        db.close();
      }
    });
  }

  it('version 6 starts with an empty outbox, and from then on every write is queued for the newsroom', async () => {
    const idb = freshIndexedDb();
    const old = openTestDb(idb, 5);
    await old.table('items').bulkAdd([itemAtVersion(5, 1), itemAtVersion(5, 2)]);
    old.close();
    const db = openTestDb(idb);
    try {
      expect(await db.outbox.count()).toBe(0);
      expect(await db.senders.count()).toBe(0);
      const store = new ItemStore(db);
      const edited = await store.edit('id-2', { entry: 'Edited after the upgrade' });
      expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ id: 'id-2', hlc: edited.item.hlc })]);
    } finally {
      db.close();
    }
  });

  it('version 7 adds an empty table of issue details; the queue of changes waiting for the newsroom survives', async () => {
    const idb = freshIndexedDb();
    const old = openTestDb(idb, 6);
    const stamp = (n: number) => (itemAtVersion(6, n) as { hlc: string }).hlc;
    await old.table('items').bulkAdd([itemAtVersion(6, 1), itemAtVersion(6, 2)]);
    await old.table('outbox').put({ id: 'id-1', seq: 'a1', hlc: stamp(1), queuedAt: '2023-10-21T00:00:00.000Z' });
    await old.table('settings').put({ key: 'contributor', value: 'emus' });
    old.close();
    const db = openTestDb(idb);
    try {
      expect(db.verno).toBe(7);
      expect(await db.issueMeta.count()).toBe(0);
      expect(await db.outbox.toArray()).toEqual([{ id: 'id-1', seq: 'a1', hlc: stamp(1), queuedAt: '2023-10-21T00:00:00.000Z' }]);
      // The new table works with the stamped write path; its stamps rise above the upgraded items'.
      const { meta } = await new IssueMetaStore(db).update('xmpp', '2023-10', { summary: 'After the upgrade', contributors: ['emus'] });
      expect(meta).toMatchObject({ key: 'xmpp|2023-10', summary: 'After the upgrade', updatedBy: 'emus' });
      expect(meta!.hlc > stamp(2)).toBe(true);
      expect((await db.outbox.toArray()).map((row) => row.id).sort()).toEqual(['id-1', 'issue-meta:xmpp|2023-10']);
    } finally {
      db.close();
    }
  });

  it('a far-future updatedAt from an old version is not carried into the clock (defect 4)', async () => {
    const idb = freshIndexedDb();
    const old = openTestDb(idb, 4);
    await old.table('items').add({ ...itemAtVersion(4, 1), updatedAt: '9999-12-31T00:00:00.000Z', deletedAt: '9999-12-31T00:00:00.000Z' });
    old.close();
    const db = openTestDb(idb);
    try {
      const [item] = await db.items.toArray();
      expect(item!.hlc < `${new Date(Date.now() + 60_000).toISOString()}`).toBe(true);
      expect(item!.deletedAt).toBe(item!.updatedAt);
      expect(checkItem(item).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
