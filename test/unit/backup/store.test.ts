import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { backupToJson, buildBackup, parseBackup, type Backup, type ParsedBackup } from '../../../utils/backup';
import { renderDraft } from '../../../utils/export/draft';
import { ITEM_LIMITS, type NewsItem } from '../../../utils/model/item';
import { getPreset, resolveNewsletter } from '../../../utils/presets';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { StorageError } from '../../../utils/storage/errors';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence, steppingNow } from '../../support/store';
import { makeItem, october2023Items } from '../export/fixtures';
import { weeklyItems } from '../presets/fixtures';
import { writeFigures } from '../reliability/report';

const NOW = Date.parse('2023-11-02T09:00:00.000Z');

/** A user's own newsletter: the weekly digest, renamed. */
const ownWeekly: NewsletterPreset = {
  ...getPreset('weekly-digest'),
  id: 'our-week',
  name: 'This Week in Our Town',
  titleTemplate: '{newsletter} #{week}',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

async function withDb<T>(fn: (db: NewsdeskDb, store: ItemStore) => Promise<T>, now: () => number = () => NOW): Promise<T> {
  const db = openTestDb();
  try {
    return await fn(db, new ItemStore(db, { now, newId: idSequence() }));
  } finally {
    db.close();
  }
}

async function snapshot(db: NewsdeskDb): Promise<string> {
  const items = (await db.items.toArray()).sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({ items, newsletters: await db.newsletters.toArray(), quarantine: await db.quarantine.toArray() });
}

function octoberCollection(): NewsItem[] {
  return [
    ...october2023Items(),
    // A deleted item and an excluded one travel too (the draft leaves both out).
    makeItem({ entry: 'Deleted', deletedAt: '2023-10-20T00:00:00.000Z', updatedAt: '2023-10-20T00:00:00.000Z' }),
    makeItem({ entry: 'Excluded', status: 'excluded' }),
  ];
}

const file = (backup: Backup, name = 'backup.json'): ParsedBackup => parseBackup(backupToJson(backup), name);
function backupOf(items: NewsItem[], exportedBy = 'someone', newsletters: NewsletterPreset[] = []): Backup {
  return buildBackup({ items, newsletters, scope: { kind: 'all' }, exportedAt: new Date(NOW), exportedBy });
}

describe('backup round trip', () => {
  it('items → backup → import into an empty database → export gives a byte-identical draft and file', async () => {
    const items = octoberCollection();
    const json = await withDb(async (db, store) => {
      await db.items.bulkAdd(items);
      await db.settings.put({ key: 'contributor', value: 'emus' });
      return backupToJson(await store.exportBackup({ kind: 'all' }));
    });
    const draftBefore = renderDraft({ preset: getPreset('xmpp-2023'), issue: '2023-10', items });
    await withDb(async (db, store) => {
      const plan = await store.importFiles([parseBackup(json)]);
      expect(plan.summary).toMatchObject({ added: items.length - 1, addedDeleted: 1, updated: 0, conflicts: 0, rejected: 0 });
      expect(renderDraft({ preset: getPreset('xmpp-2023'), issue: '2023-10', items: await db.items.toArray() })).toBe(draftBefore);
      await db.settings.put({ key: 'contributor', value: 'emus' });
      expect(backupToJson(await store.exportBackup({ kind: 'all' }))).toBe(json);
    });
  });

  it('a weekly issue of a user-defined newsletter travels with its definition', async () => {
    const items = weeklyItems().map((i) => ({ ...i, newsletter: 'our-week' }));
    const json = await withDb(async (db, store) => {
      await db.items.bulkAdd(items);
      await db.newsletters.put(ownWeekly);
      return backupToJson(await store.exportBackup({ kind: 'issue', newsletter: 'our-week', issue: '2024-W07' }));
    });
    const parsed = parseBackup(json);
    expect(parsed.backup.items).toHaveLength(items.length - 1); // the other week stays home
    expect(parsed.backup.newsletters.map((n) => n.id)).toEqual(['our-week']);
    await withDb(async (db, store) => {
      await store.importFiles([parsed]);
      const preset = resolveNewsletter('our-week', await db.newsletters.toArray());
      expect(renderDraft({ preset, issue: '2024-W07', items: await db.items.toArray() })).toBe(renderDraft({ preset: ownWeekly, issue: '2024-W07', items }));
    });
  });

  it('reads version 1 backups (before clock stamps): the fixtures written by an earlier Newsdesk import, twice idempotently', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../fixtures/backups/emus.json', import.meta.url), 'utf8');
    await withDb(async (db, store) => {
      const first = await store.importFiles([parseBackup(text, 'emus.json')]);
      expect(first.summary).toMatchObject({ rejected: 0 });
      expect(first.summary.added + first.summary.addedDeleted).toBeGreaterThan(5);
      const again = await store.importFiles([parseBackup(text, 'emus.json')]);
      expect(again.summary).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    });
  });
});

/** Items as extreme as the store accepts: every limit reached, hostile text, every kind's details. */
const extremeText = (max: number) =>
  fc.oneof(fc.string({ maxLength: 40 }), fc.constant('x'.repeat(max)), fc.constant('\u2028\u0085"\\\u0000{{< x >}}\ud800'.repeat(Math.ceil(max / 12)).slice(0, max)));

const roundTrips = { clipsTried: 0, shortenedWithNotice: 0, roundTripsChecked: 0, itemsLost: 0, fieldsChanged: 0 };
afterAll(() => writeFigures('roundtrip', { title: 'store → backup file → import, over extreme clips (property test)', figures: { ...roundTrips } }));

describe('what the store accepts, a backup gives back (issue 10, defect 1)', () => {
  it('any clip the store saves — page text at or beyond every limit — survives backup → import field for field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: extremeText(3000),
          description: fc.option(extremeText(25_000), { nil: null }),
          siteName: fc.option(extremeText(700), { nil: null }),
          authors: fc.array(fc.string({ maxLength: 20 }), { maxLength: 130 }),
          entry: extremeText(ITEM_LIMITS.entry),
          kind: fc.constantFrom('release' as const, 'xep' as const, 'video' as const, 'event' as const, 'article' as const),
        }),
        async (page) => {
          await withDb(async (db, store) => {
            const capture = makeCapture({
              title: page.title || 'T',
              description: page.description,
              siteName: page.siteName,
              authors: page.authors,
              kind: page.kind,
              xep: page.kind === 'xep' ? { number: '0424', title: page.title, version: '0.4.0', status: 'Experimental', abstract: page.description, lastUpdated: '2023-10-01', changes: [page.entry.slice(0, 9000)], initials: 'jcb' } : null,
              video: page.kind === 'video' ? { channel: page.siteName, duration: 'PT12M3S' } : null,
              event: page.kind === 'event' ? { startDate: '2023-11-18', endDate: '2023-11-19', location: page.siteName, locality: 'Berlin' } : null,
            });
            roundTrips.clipsTried += 1;
            const { item, notices } = await store.saveClip({ capture, newsletter: 'xmpp', issue: '2023-10', section: 'articles', entry: page.entry, title: capture.title }, { kind: 'create' });
            if (notices.length) roundTrips.shortenedWithNotice += 1;
            const parsed = parseBackup(backupToJson(await store.exportBackup({ kind: 'all' })));
            if (parsed.rejected.length) roundTrips.itemsLost += 1;
            expect(parsed.rejected).toEqual([]);
            expect(parsed.backup.items).toEqual([item]);
            await withDb(async (_other, otherStore) => {
              await otherStore.importFiles([parsed]);
              const back = await otherStore.get(item.id);
              roundTrips.roundTripsChecked += 1;
              if (!back) roundTrips.itemsLost += 1;
              else if (JSON.stringify(back) !== JSON.stringify(item)) roundTrips.fieldsChanged += 1;
              expect(back).toEqual(item);
            });
          });
        },
      ),
      { numRuns: Number(process.env.RELIABILITY_ROUNDTRIP_RUNS ?? 25), seed: 1010 },
    );
  }, 120_000);

  it('a fully populated item of every kind survives the round trip field for field (event.locality included)', async () => {
    await withDb(async (_db, store) => {
      const kinds = [
        makeCapture({ kind: 'event', release: null, event: { startDate: '2023-11-18', endDate: '2023-11-19', location: 'c-base, Berlin', locality: 'Berlin' } }),
        makeCapture({ url: 'https://xmpp.org/extensions/xep-0424.html', canonicalUrl: 'https://xmpp.org/extensions/xep-0424.html', kind: 'xep', release: null, xep: { number: '0424', title: 'Message Retraction', version: '0.4.0', status: 'Experimental', abstract: 'A way to retract.', lastUpdated: '2023-10-01', changes: ['a', 'b'], initials: 'jcb' } }),
        makeCapture({ url: 'https://v.example/w/1', canonicalUrl: 'https://v.example/w/1', kind: 'video', release: null, video: { channel: 'XSF', duration: 'PT1H' } }),
        makeCapture({ url: 'https://g.example/r', canonicalUrl: 'https://g.example/r' }),
      ];
      const saved = [];
      for (const capture of kinds) saved.push((await store.saveClip({ capture, newsletter: 'xmpp', issue: '2023-10', section: 'articles', entry: 'e', title: capture.title }, { kind: 'create' })).item);
      const parsed = parseBackup(backupToJson(await store.exportBackup({ kind: 'all' })));
      expect(parsed.rejected).toEqual([]);
      expect([...parsed.backup.items].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...saved].sort((a, b) => a.id.localeCompare(b.id)));
      expect(parsed.backup.items.find((i) => i.kind === 'event')?.event?.locality).toBe('Berlin');
    });
  });

  it('a file with some bad records imports the good ones and lists the bad ones with reasons, keeping them aside', async () => {
    const data = JSON.parse(backupToJson(backupOf([makeItem({ title: 'Good' }), makeItem({ title: 'Bad status' }), makeItem({ title: 'Bad issue' })])));
    for (const item of data.items) {
      if (item.title === 'Bad status') item.status = 'published';
      if (item.title === 'Bad issue') item.issue = 'October';
    }
    const parsed = parseBackup(JSON.stringify(data), 'alice.json');
    expect(parsed.backup.items.map((i) => i.title)).toEqual(['Good']);
    expect(parsed.rejected.map((r) => `${r.label}: ${r.reasons.join()}`).sort()).toEqual([
      '“Bad issue”: issue: must be an issue like 2023-10 or 2024-W07',
      '“Bad status”: status: Invalid option: expected one of "draft"|"ready"|"excluded"',
    ]);
    await withDb(async (db, store) => {
      const plan = await store.importFiles([parsed]);
      expect(plan.summary).toMatchObject({ added: 1, rejected: 2 });
      expect(plan.rejected.every((r) => r.file === 'alice.json')).toBe(true);
      expect((await db.quarantine.toArray()).map((q) => q.kind)).toEqual(['unreadable', 'unreadable']);
    });
  });

  it('a corrupt, foreign or newer file is refused as a whole, in words, before the database is touched', () => {
    const good = backupToJson(backupOf([makeItem()]));
    expect(() => parseBackup(good.slice(0, good.length / 2), 'half.json')).toThrow(/half\.json is not valid JSON/);
    expect(() => parseBackup('{"name": "some-package", "version": "1.0.0"}')).toThrow(/not a Newsdesk backup/);
    expect(() => parseBackup(good.replace('"version": 2', '"version": 3'))).toThrow(/version 3 backup from a newer Newsdesk/);
    expect(() => parseBackup(JSON.stringify({ ...JSON.parse(good), items: 'all of them' }))).toThrow(/damaged Newsdesk backup; nothing was imported:\n- items:/);
  });
});

describe('importing', () => {
  it('previews without writing, then imports what it previewed; a second import changes nothing', async () => {
    await withDb(async (db, store) => {
      const stored = makeItem({ id: 'a', title: 'A', canonicalUrl: 'https://x.example/a', entry: 'mine', updatedAt: '2023-10-05T00:00:00.000Z' });
      await db.items.add(stored);
      const incoming = [
        // A concurrent edit of the same item, later.
        makeItem({ id: 'a', title: 'A', canonicalUrl: 'https://x.example/a', entry: 'theirs', updatedAt: '2023-10-06T00:00:00.000Z', contributor: 'nicola' }),
        makeItem({ canonicalUrl: 'https://x.example/b', contributor: 'nicola' }),
      ];
      const before = await snapshot(db);
      const preview = await store.previewImport([file(backupOf(incoming))]);
      expect(await snapshot(db)).toBe(before);
      expect(preview.summary).toMatchObject({ added: 1, updated: 1, conflicts: 1 });
      expect(preview.items.conflicts[0]).toMatchObject({ lost: stored, lostSide: 'local' });

      const done = await store.importFiles([file(backupOf(incoming))]);
      expect(done.summary).toEqual(preview.summary);
      const after = await store.get('a');
      expect(after?.entry).toBe('theirs');
      expect(after?.history.map((h) => h.entry)).toEqual(['mine']);
      const frozen = await snapshot(db);
      const again = await store.importFiles([file(backupOf(incoming))]);
      expect(again.summary).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
      expect(await snapshot(db)).toBe(frozen);
    });
  });

  it('a full disk on the 7th write leaves the database exactly as before', async () => {
    await withDb(async (db, store) => {
      await db.items.bulkAdd(october2023Items().slice(0, 5));
      await db.newsletters.put(ownWeekly);
      const before = await snapshot(db);
      const incoming = Array.from({ length: 20 }, () => makeItem({ contributor: 'nicola' }));
      let writes = 0;
      const failOnSeventh = () => {
        writes++;
        if (writes === 7) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      db.items.hook('creating', failOnSeventh);
      db.items.hook('updating', failOnSeventh);
      const error = await store.importFiles([file(backupOf(incoming, 'n', [{ ...ownWeekly, name: 'Renamed', updatedAt: '2030-01-01T00:00:00.000Z' }]))], { acceptNewsletters: ['our-week'] }).catch((e: unknown) => e);
      expect(writes).toBeGreaterThanOrEqual(7); // it really failed half-way, not before starting
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(/storage for Newsdesk is full/);
      db.items.hook('creating').unsubscribe(failOnSeventh);
      db.items.hook('updating').unsubscribe(failOnSeventh);
      expect(await snapshot(db)).toBe(before);
    });
  });

  it('merging several contributors’ backups keeps who clipped what; the same page clipped twice stays twice and is listed', async () => {
    await withDb(async (db, store) => {
      const alice = [makeItem({ contributor: 'Alice', entry: 'From Alice' }), makeItem({ id: 'al-shared', contributor: 'Alice', entry: 'Alice on the shared page', canonicalUrl: 'https://shared.example/p' })];
      const bob = [makeItem({ contributor: 'bob', entry: 'From bob' }), makeItem({ id: 'bo-shared', contributor: 'bob', entry: 'bob on the shared page', canonicalUrl: 'https://shared.example/p' })];
      const plan = await store.importFiles([file(backupOf(alice, 'Alice'), 'alice.json'), file(backupOf(bob, 'bob'), 'bob.json')]);
      expect(plan.summary).toMatchObject({ added: 4, duplicates: 1 });
      const items = await db.items.toArray();
      expect(items.map((i) => `${i.contributor}: ${i.entry}`).sort()).toEqual(['Alice: Alice on the shared page', 'Alice: From Alice', 'bob: From bob', 'bob: bob on the shared page']);
      expect(renderDraft({ preset: getPreset('xmpp-2023'), issue: '2023-10', items })).toContain('General contributors: **Alice, bob**');
    });
  });

  it('two different pages with the same id are both kept and the clash is listed (defect 3)', async () => {
    await withDb(async (db, store) => {
      const mine = makeItem({ id: 'same', title: 'Mine', canonicalUrl: 'https://one.example/', url: 'https://one.example/' });
      await db.items.add(mine);
      const plan = await store.importFiles([file(backupOf([makeItem({ id: 'same', title: 'Theirs', canonicalUrl: 'https://two.example/', url: 'https://two.example/' })]))]);
      expect(plan.summary).toMatchObject({ added: 1, renamed: 1 });
      expect((await db.items.toArray()).map((i) => i.title).sort()).toEqual(['Mine', 'Theirs']);
      expect(plan.items.renamed[0]).toMatchObject({ from: 'same', canonicalUrl: 'https://two.example/' });
    });
  });

  it('a far-future deletion does not delete the editor’s item, at the first import or any later one; it is kept aside (defect 4)', async () => {
    let t = Date.parse('2026-03-10T12:00:00Z');
    await withDb(
      async (db, store) => {
        await db.settings.put({ key: 'contributor', value: 'editor' });
        const { item } = await store.saveClip({ capture: makeCapture(), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: 'the editor’s words', title: 'Gajim' }, { kind: 'create' });
        const tombstone = { ...item, entry: 'gone', deletedAt: '9999-12-31T00:00:00.000Z', updatedAt: '9999-12-31T00:00:00.000Z', hlc: '9999-12-31T00:00:00.000Z~0000~mallory', updatedBy: 'mallory' };
        const hostile = file(backupOf([tombstone]), 'mallory.json');
        for (let round = 0; round < 3; round++) {
          const plan = await store.importFiles([hostile]);
          expect(plan.summary).toMatchObject({ heldBack: 1, updated: 0 });
          expect(plan.items.heldBack[0]!.reason).toMatch(/clock is 7,97\d years ahead/);
          expect((await store.get(item.id))?.deletedAt).toBeNull();
          t += 60_000;
        }
        // "Import with this computer's time" is the editor's explicit choice, and then it is an ordinary later deletion.
        const [kept] = await store.listQuarantine();
        expect(kept?.kind).toBe('held-back');
      },
      () => t,
    );
  });

  it('with this computer’s clock set back an hour, the editor’s newest edit survives re-importing an older backup (defect 4)', async () => {
    let t = Date.parse('2026-03-10T12:00:00Z');
    await withDb(
      async (_db, store) => {
        const { item } = await store.saveClip({ capture: makeCapture(), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: 'first', title: 'Gajim' }, { kind: 'create' });
        const older = file(await store.exportBackup({ kind: 'all' }));
        t -= 3_600_000; // the computer's clock goes back an hour
        await store.edit(item.id, { entry: 'newest' });
        const plan = await store.importFiles([older]);
        expect(plan.summary, JSON.stringify(plan.summary)).toMatchObject({ updated: 0, conflicts: 0, skipped: 1 });
        expect((await store.get(item.id))?.entry).toBe('newest');
      },
      () => (t += 1000),
    );
  });

  it('a definition that differs from the user’s own is not replaced without consent; consent replaces it (defect 5)', async () => {
    await withDb(async (db, store) => {
      await db.newsletters.put(ownWeekly);
      const theirs = { ...ownWeekly, name: 'Hijacked', updatedAt: '2030-01-01T00:00:00.000Z' };
      const plan = await store.importFiles([file(backupOf([], 'x', [theirs]))]);
      expect(plan.summary).toMatchObject({ newslettersDiffering: 1, newslettersAdded: 0 });
      expect(plan.newsletters.differing[0]!.changes).toEqual(['name: “This Week in Our Town” → “Hijacked”']);
      expect((await db.newsletters.get('our-week'))?.name).toBe('This Week in Our Town');
      await store.importFiles([file(backupOf([], 'x', [theirs]))], { acceptNewsletters: ['our-week'] });
      expect((await db.newsletters.get('our-week'))?.name).toBe('Hijacked');
    });
  });
});
