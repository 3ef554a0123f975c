import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../utils/model/fit';
import { parseHlc } from '../../../utils/model/hlc';
import { DuplicateError, ItemStore, type ClipInput } from '../../../utils/storage/items';
import { StorageError } from '../../../utils/storage/errors';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence, steppingNow, storeOn } from '../../support/store';
import { makeItem } from '../export/fixtures';

function clip(overrides: Partial<ClipInput> = {}, url = 'https://gajim.org/post/1/'): ClipInput {
  const capture = makeCapture({ url, canonicalUrl: url });
  return {
    capture,
    newsletter: 'xmpp',
    issue: '2023-10',
    section: 'clients',
    entry: `[Gajim 1.8.2](${url}) has been released.`,
    title: capture.title,
    ...overrides,
  };
}

let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

async function fresh(contributor = 'emus', now = steppingNow(Date.parse('2023-10-29T10:00:00Z'))): Promise<ItemStore> {
  db = openTestDb();
  return storeOn(db, { contributor, now });
}

const live = async (store: ItemStore, issue = '2023-10') => (await store.listIssue('xmpp', issue)).items;

describe('ItemStore: clips', () => {
  it('saves a clip with a random id, a clock stamp, the contributor and no tombstone', async () => {
    db = openTestDb();
    await db.settings.put({ key: 'contributor', value: 'emus' });
    const store = new ItemStore(db);
    const { item: saved, notices } = await store.saveClip(clip(), { kind: 'create' });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved).toMatchObject({ contributor: 'emus', updatedBy: 'emus', deletedAt: null, ancestors: [], history: [] });
    expect(parseHlc(saved.hlc)?.wall).toBe(Date.parse(saved.updatedAt));
    expect(saved.createdAt <= saved.updatedAt).toBe(true);
    expect(notices).toEqual([]);
    expect(await store.get(saved.id)).toEqual(saved);
  });

  it('refuses a second clip of the same canonical URL and names the existing item', async () => {
    const store = await fresh();
    const { item: first } = await store.saveClip(clip(), { kind: 'create' });
    const again = store.saveClip(clip({ entry: 'other words' }), { kind: 'create' });
    await expect(again).rejects.toBeInstanceOf(DuplicateError);
    await expect(again).rejects.toMatchObject({ existing: { id: first.id } });
    expect(await live(store)).toHaveLength(1);
  });

  it('updates the existing item when asked, keeping id, creation time and first contributor; the new version descends from the old', async () => {
    const store = await fresh('emus');
    const { item: first } = await store.saveClip(clip(), { kind: 'create' });
    await db!.settings.put({ key: 'contributor', value: 'nicola' });
    const { item: updated } = await store.saveClip(clip({ entry: 'better words' }), { kind: 'update', id: first.id });
    expect(updated).toMatchObject({ id: first.id, createdAt: first.createdAt, contributor: 'emus', updatedBy: 'nicola', entry: 'better words' });
    expect(updated.hlc > first.hlc).toBe(true);
    expect(updated.ancestors).toEqual([first.hlc]);
  });

  it('two saves of one page racing each other leave a single item', async () => {
    const store = await fresh();
    const results = await Promise.allSettled([store.saveClip(clip(), { kind: 'create' }), store.saveClip(clip(), { kind: 'create' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await live(store)).toHaveLength(1);
  });

  it('lists an issue in position order and counts issues newest first', async () => {
    const store = await fresh();
    const { item: a } = await store.saveClip(clip({}, 'https://a.example/1'), { kind: 'create' });
    const { item: b } = await store.saveClip(clip({}, 'https://a.example/2'), { kind: 'create' });
    await store.saveClip(clip({ issue: '2023-09' }, 'https://a.example/3'), { kind: 'create' });
    await store.saveClip(clip({ newsletter: 'other' }, 'https://a.example/4'), { kind: 'create' });
    expect(a.position).toBeLessThan(b.position);
    await store.edit(a.id, { position: b.position + 1 });
    expect((await live(store)).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await store.listIssues('xmpp')).toEqual([
      { issue: '2023-10', count: 2 },
      { issue: '2023-09', count: 1 },
    ]);
  });

  it('deletes with a tombstone stamped like any edit, restores it, and re-clipping a deleted page revives the same id', async () => {
    const store = await fresh();
    const { item: saved } = await store.saveClip(clip(), { kind: 'create' });
    const gone = await store.remove(saved.id);
    expect(gone.deletedAt).toBe(gone.updatedAt);
    expect(gone.ancestors[0]).toBe(saved.hlc);
    expect(await live(store)).toEqual([]);
    await store.restore(saved.id);
    expect(await live(store)).toHaveLength(1);
    await store.remove(saved.id);
    const { item: revived } = await store.saveClip(clip({ entry: 'new' }), { kind: 'create' });
    expect(revived.id).toBe(saved.id);
    expect(revived.deletedAt).toBeNull();
  });

  it('turns a full disk into a plain message and keeps what was stored', async () => {
    const store = await fresh();
    const { item: kept } = await store.saveClip(clip(), { kind: 'create' });
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const original = db!.items.put.bind(db!.items);
    db!.items.put = (() => Promise.reject(quota)) as unknown as NewsdeskDb['items']['put'];
    try {
      const failing = store.saveClip(clip({}, 'https://b.example/'), { kind: 'create' });
      await expect(failing).rejects.toBeInstanceOf(StorageError);
      await expect(failing).rejects.toThrow(/storage for Newsdesk is full/);
    } finally {
      db!.items.put = original;
    }
    expect(await live(store)).toEqual([kept]);
  });
});

describe('ItemStore: limits are enforced where items are written (issue 10, defect 1)', () => {
  it('a page with a 2,559-character title, a 25,000-character description, a 600-character site name and 150 authors is saved shortened, and says so', async () => {
    const store = await fresh();
    const capture = makeCapture({
      title: 'T'.repeat(2559),
      description: 'word '.repeat(5000),
      siteName: 'S'.repeat(600),
      authors: Array.from({ length: 150 }, (_, i) => `Author ${i}`),
    });
    const { item, notices } = await store.saveClip({ ...clip(), capture, title: capture.title }, { kind: 'create' });
    expect(item.title.length).toBeLessThanOrEqual(2000);
    expect(item.description!.length).toBeLessThanOrEqual(20_000);
    expect(item.siteName!.length).toBeLessThanOrEqual(500);
    expect(item.authors).toHaveLength(100);
    expect(notices.join('\n')).toMatch(/title is 2,559 characters long; Newsdesk keeps the first 2,000/);
    expect(notices.join('\n')).toMatch(/names 150 authors/);
  });

  it('refuses an address over 8,192 characters and an entry over 100,000 with a plain message, storing nothing', async () => {
    const store = await fresh();
    const long = `https://example.org/?q=${'a'.repeat(9000)}`;
    await expect(store.saveClip(clip({}, long), { kind: 'create' })).rejects.toThrow(/address is 9,0\d\d characters long; Newsdesk stores addresses of up to 8,192/);
    await expect(store.saveClip(clip({ entry: 'x'.repeat(100_001) }), { kind: 'create' })).rejects.toBeInstanceOf(ValidationError);
    const { item } = await store.saveClip(clip(), { kind: 'create' });
    await expect(store.edit(item.id, { entry: 'x'.repeat(100_001) })).rejects.toThrow(/at most 100,000/);
    expect((await store.get(item.id))?.entry).toBe(item.entry);
    expect(await live(store)).toHaveLength(1);
  });
});

describe('ItemStore: two editors on one entry (issue 10, defect 11)', () => {
  it('a save over a change made elsewhere goes through but keeps the other version in history and says so', async () => {
    const store = await fresh('emus');
    const { item } = await store.saveClip(clip(), { kind: 'create' });
    // Desk A and Desk B both opened the entry at `item`.
    const base = { hlc: item.hlc, values: { entry: item.entry } };
    const a = await store.edit(item.id, { entry: 'Desk A’s words' }, base);
    expect(a.overwritten).toBeNull();
    const b = await store.edit(item.id, { entry: 'Desk B’s words' }, base);
    expect(b.item.entry).toBe('Desk B’s words');
    expect(b.overwritten).toMatchObject({ entry: 'Desk A’s words', reason: 'overwritten', dismissed: false });
    expect(b.item.history.map((h) => h.entry)).toEqual(['Desk A’s words']);
    // The editor takes A's words back: B's go to history, nothing is lost.
    const restored = await store.restoreVersion(item.id, b.overwritten!.hlc);
    expect(restored.entry).toBe('Desk A’s words');
    expect(restored.history.map((h) => h.entry).sort()).toEqual(['Desk A’s words', 'Desk B’s words']);
  });

  it('an edit of another field, or one that started from the current version, is no conflict', async () => {
    const store = await fresh();
    const { item } = await store.saveClip(clip(), { kind: 'create' });
    const moved = await store.edit(item.id, { section: 'servers' });
    const typed = await store.edit(item.id, { entry: 'new words' }, { hlc: item.hlc, values: { entry: item.entry } });
    expect(typed.overwritten).toBeNull();
    const again = await store.edit(item.id, { entry: 'newer words' }, { hlc: typed.item.hlc, values: { entry: 'new words' } });
    expect(again.overwritten).toBeNull();
    expect(again.item.section).toBe(moved.item.section);
  });
});

describe('ItemStore: clocks (issue 10, defect 4)', () => {
  it('stamps keep rising when the computer’s clock is set back an hour', async () => {
    let t = Date.parse('2026-03-10T12:00:00Z');
    const store = await fresh('emus', () => t);
    const { item } = await store.saveClip(clip(), { kind: 'create' });
    t -= 3_600_000;
    const { item: later } = await store.edit(item.id, { entry: 'after the clock went back' });
    expect(later.hlc > item.hlc).toBe(true);
    expect(later.ancestors).toEqual([item.hlc]);
  });

  it('a far-future stamp stored by an old version does not drag new stamps into the future', async () => {
    db = openTestDb();
    await db.settings.put({ key: 'hlc', value: '9999-12-31T23:59:59.999Z~0000~evil' });
    const store = new ItemStore(db, { now: () => Date.parse('2026-03-10T12:00:00Z'), newId: idSequence() });
    const { item } = await store.saveClip(clip(), { kind: 'create' });
    expect(item.updatedAt).toBe('2026-03-10T12:00:00.000Z');
  });
});

describe('ItemStore: damaged records (issue 10, defect 13)', () => {
  it('a record whose entry is a number, or missing, does not hide the good items; it is returned apart, with reasons', async () => {
    const store = await fresh();
    const good = makeItem({ title: 'Good one', issue: '2023-10' });
    db!.items.put(good);
    await db!.items.put({ ...makeItem({ title: 'Number entry' }), entry: 42 } as never);
    const missing = { ...makeItem({ title: 'No entry' }) } as Record<string, unknown>;
    delete missing.entry;
    await db!.items.put(missing as never);
    const { items, damaged } = await store.listIssue('xmpp', '2023-10');
    expect(items.map((i) => i.title)).toEqual(['Good one']);
    expect(damaged.map((d) => d.label).sort()).toEqual(['“No entry”', '“Number entry”']);
    expect(damaged.every((d) => d.reasons.some((r) => r.startsWith('entry')))).toBe(true);
  });

  it('a backup of a collection with a damaged record carries it, so nothing is lost', async () => {
    const store = await fresh();
    await db!.items.put({ ...makeItem({ title: 'Broken' }), status: 'published' } as never);
    await db!.items.put(makeItem({ title: 'Fine' }));
    const backup = await store.exportBackup({ kind: 'all' });
    expect(backup.items.map((i) => i.title)).toEqual(['Fine']);
    expect(backup.damaged).toHaveLength(1);
    expect(backup.damaged[0]!.reasons.join()).toMatch(/status/);
  });
});

describe('ItemStore: one page in several places', () => {
  it('keeps a page clipped again for another issue as a new item, and says where it appeared', async () => {
    const store = await fresh();
    const { item: june } = await store.saveClip(clip({ issue: '2023-09' }), { kind: 'create' });
    const { item: july } = await store.saveClip(clip({ issue: '2023-10' }), { kind: 'create' });
    expect(july.id).not.toBe(june.id);
    // June's item stays in June's issue.
    expect((await store.get(june.id))?.issue).toBe('2023-09');
    const covered = await store.coveredElsewhere([july.canonicalUrl], ['xmpp'], '2023-10');
    expect(covered.get(july.canonicalUrl)).toEqual([{ id: june.id, issue: '2023-09', section: 'clients', contributor: 'emus', archived: false }]);
    // Clipping it twice for the same issue is still refused.
    await expect(store.saveClip(clip({ issue: '2023-10' }), { kind: 'create' })).rejects.toBeInstanceOf(DuplicateError);
  });

  it('lets an editor place one page in a second section of the issue, as an item of its own', async () => {
    const store = await fresh();
    const { item } = await store.saveClip(clip({ section: 'xep-stable' }), { kind: 'create' });
    const copy = await store.placeAlso(item.id, 'xep-updated');
    expect(copy).toMatchObject({ canonicalUrl: item.canonicalUrl, issue: '2023-10', section: 'xep-updated', entry: item.entry, contributor: item.contributor, ancestors: [], history: [] });
    expect(copy.id).not.toBe(item.id);
    const sections = (await live(store)).map((i) => i.section).sort();
    expect(sections).toEqual(['xep-stable', 'xep-updated']);
    // Editing one leaves the other alone.
    await store.edit(copy.id, { entry: 'Updated wording' });
    expect((await store.get(item.id))?.entry).toBe(item.entry);
    await expect(store.placeAlso(item.id, 'xep-stable')).rejects.toThrow(/already in that section/);
  });
});
