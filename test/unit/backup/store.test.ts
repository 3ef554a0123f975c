import { describe, expect, it } from 'vitest';
import { backupToJson, parseBackup, type Backup } from '../../../utils/backup';
import { exportBackup, importBackups, previewImport } from '../../../utils/backup/store';
import { renderDraft } from '../../../utils/export/draft';
import type { NewsItem } from '../../../utils/model/item';
import { getPreset, resolveNewsletter } from '../../../utils/presets';
import type { NewsletterPreset } from '../../../utils/presets/types';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { StorageError } from '../../../utils/storage/errors';
import { openTestDb } from '../../support/db';
import { makeItem, october2023Items } from '../export/fixtures';
import { weeklyItems } from '../presets/fixtures';

const NOW = new Date('2023-11-02T09:00:00.000Z');

/** A user's own newsletter: the weekly digest, renamed. */
const ownWeekly: NewsletterPreset = {
  ...getPreset('weekly-digest'),
  id: 'our-week',
  name: 'This Week in Our Town',
  titleTemplate: '{newsletter} #{week}',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

async function withDb<T>(fn: (db: NewsdeskDb) => Promise<T>): Promise<T> {
  const db = openTestDb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

async function snapshot(db: NewsdeskDb): Promise<string> {
  const items = (await db.items.toArray()).sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({ items, newsletters: await db.newsletters.toArray() });
}

function octoberCollection(): NewsItem[] {
  const items = october2023Items();
  return [
    ...items,
    // A deleted item and an excluded one travel too (the draft leaves both out).
    makeItem({ entry: 'Deleted', deletedAt: '2023-10-20T00:00:00.000Z', updatedAt: '2023-10-20T00:00:00.000Z' }),
    makeItem({ entry: 'Excluded', status: 'excluded' }),
  ];
}

describe('backup round trip', () => {
  it('items → backup → import into an empty database → export gives a byte-identical draft', async () => {
    const items = octoberCollection();
    const json = await withDb(async (db) => {
      await db.items.bulkAdd(items);
      await db.settings.put({ key: 'contributor', value: 'emus' });
      return backupToJson(await exportBackup(db, { kind: 'all' }, NOW));
    });
    const draftBefore = renderDraft({ preset: getPreset('xmpp'), issue: '2023-10', items });

    await withDb(async (db) => {
      const plan = await importBackups(db, [parseBackup(json)]);
      expect(plan.summary).toMatchObject({ added: items.length - 1, addedDeleted: 1, updated: 0, conflicts: 0 });
      const draftAfter = renderDraft({ preset: getPreset('xmpp'), issue: '2023-10', items: await db.items.toArray() });
      expect(draftAfter).toBe(draftBefore);
      // And the backup of the imported collection is the same file.
      await db.settings.put({ key: 'contributor', value: 'emus' });
      expect(backupToJson(await exportBackup(db, { kind: 'all' }, NOW))).toBe(json);
    });
  });

  it('a weekly issue of a user-defined newsletter travels with its definition', async () => {
    const items = weeklyItems().map((i) => ({ ...i, newsletter: 'our-week' }));
    const json = await withDb(async (db) => {
      await db.items.bulkAdd(items);
      await db.newsletters.put(ownWeekly);
      return backupToJson(await exportBackup(db, { kind: 'issue', newsletter: 'our-week', issue: '2024-W07' }, NOW));
    });
    const backup = parseBackup(json);
    expect(backup.items).toHaveLength(items.length - 1); // the other week stays home
    expect(backup.newsletters.map((n) => n.id)).toEqual(['our-week']);

    await withDb(async (db) => {
      await importBackups(db, [backup]);
      const preset = resolveNewsletter('our-week', await db.newsletters.toArray());
      const before = renderDraft({ preset: ownWeekly, issue: '2024-W07', items });
      expect(renderDraft({ preset, issue: '2024-W07', items: await db.items.toArray() })).toBe(before);
      expect(before.startsWith('---\ntitle: "This Week in Our Town #7"\n')).toBe(true);
    });
  });
});

describe('importing', () => {
  function backupOf(items: NewsItem[], exportedBy = 'someone'): Backup {
    return { format: 'newsdesk-backup', version: 1, exportedAt: NOW.toISOString(), exportedBy, scope: { kind: 'all' }, items, newsletters: [] };
  }

  it('previews without writing, then imports what it previewed; a second import changes nothing', async () => {
    await withDb(async (db) => {
      const stored = makeItem({ title: 'A', canonicalUrl: 'https://x.example/a', entry: 'mine', updatedAt: '2023-10-05T00:00:00.000Z' });
      await db.items.add(stored);
      const incoming = [
        makeItem({ title: 'A', canonicalUrl: 'https://x.example/a', entry: 'theirs', updatedAt: '2023-10-06T00:00:00.000Z', contributor: 'nicola' }),
        makeItem({ canonicalUrl: 'https://x.example/b', contributor: 'nicola' }),
      ];
      const before = await snapshot(db);
      const preview = await previewImport(db, [backupOf(incoming)]);
      expect(await snapshot(db)).toBe(before);
      expect(preview.summary).toMatchObject({ added: 1, updated: 1, conflicts: 1 });
      expect(preview.items.conflicts[0]).toMatchObject({ lost: stored, lostSide: 'local', fields: ['entry'] });

      const done = await importBackups(db, [backupOf(incoming)]);
      expect(done.summary).toEqual(preview.summary);
      expect((await db.items.get(stored.id))?.entry).toBe('theirs');
      const after = await snapshot(db);
      const again = await importBackups(db, [backupOf(incoming)]);
      expect(again.summary).toMatchObject({ added: 0, updated: 0 });
      expect(await snapshot(db)).toBe(after);
    });
  });

  it('a full disk on the 7th write leaves the database exactly as before', async () => {
    await withDb(async (db) => {
      await db.items.bulkAdd(october2023Items().slice(0, 5));
      await db.newsletters.put(ownWeekly);
      const before = await snapshot(db);
      const incoming = Array.from({ length: 20 }, () => makeItem({ contributor: 'nicola' }));
      const edited = { ...(await db.items.toArray())[0]!, entry: 'edited elsewhere', updatedAt: '2030-01-01T00:00:00.000Z' };

      let writes = 0;
      const failOnSeventh = () => {
        writes++;
        if (writes === 7) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      db.items.hook('creating', failOnSeventh);
      db.items.hook('updating', failOnSeventh);

      const error = await importBackups(db, [{ ...backupOf([edited, ...incoming]), newsletters: [{ ...ownWeekly, name: 'Renamed', updatedAt: '2030-01-01T00:00:00.000Z' }] }]).catch((e: unknown) => e);
      expect(writes).toBeGreaterThanOrEqual(7); // it really failed half-way, not before starting
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(/storage for Newsdesk is full/);
      db.items.hook('creating').unsubscribe(failOnSeventh);
      db.items.hook('updating').unsubscribe(failOnSeventh);
      expect(await snapshot(db)).toBe(before);
    });
  });

  it('a corrupt, foreign or newer file is refused before the database is touched', () => {
    const good = backupToJson(backupOf([makeItem()]));
    expect(() => parseBackup(good.slice(0, good.length / 2), 'half.json')).toThrow(/half\.json is not valid JSON/);
    expect(() => parseBackup('{"name": "some-package", "version": "1.0.0"}')).toThrow(/not a Newsdesk backup/);
    expect(() => parseBackup(good.replace('"version": 1', '"version": 2'))).toThrow(/version 2 backup from a newer Newsdesk/);
    expect(() => parseBackup(good.replace(/"status": "ready"/, '"status": "published"'))).toThrow(/items\[0\]\.status/);
    expect(() => parseBackup(good.replace(/"issue": "2023-10"/, '"issue": "October"'))).toThrow(/items\[0\]\.issue: must be an issue/);
    const twice = backupOf([makeItem({ id: 'same' }), makeItem({ id: 'same' })]);
    expect(() => parseBackup(backupToJson(twice))).toThrow(/"same" occurs twice/);
  });

  it('merging several contributors’ backups keeps who sent what, and the draft credits them all', async () => {
    await withDb(async (db) => {
      const alice = [makeItem({ contributor: 'Alice', entry: 'From Alice' }), makeItem({ contributor: 'Alice', entry: 'Also Alice', canonicalUrl: 'https://shared.example/p', createdAt: '2023-10-01T00:00:00.000Z' })];
      const bob = [makeItem({ contributor: 'bob', entry: 'From bob' }), makeItem({ contributor: 'bob', entry: 'bob on the shared page', canonicalUrl: 'https://shared.example/p', createdAt: '2023-10-03T00:00:00.000Z', updatedAt: '2023-10-12T00:00:00.000Z' })];
      await importBackups(db, [backupOf(alice, 'Alice'), backupOf(bob, 'bob')]);
      const items = await db.items.toArray();
      expect(items.map((i) => `${i.contributor}: ${i.entry}`).sort()).toEqual([
        'Alice: From Alice',
        'Alice: bob on the shared page', // Alice clipped it first; bob's later edit is the entry
        'bob: From bob',
      ]);
      const draft = renderDraft({ preset: getPreset('xmpp'), issue: '2023-10', items });
      expect(draft).toContain('General contributors: **Alice, bob**');
    });
  });
});
