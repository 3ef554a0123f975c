import { afterEach, describe, expect, it } from 'vitest';
import { Collection, DuplicateError, type ClipInput, type Clock } from '../../../utils/storage/collection';
import { StorageError } from '../../../utils/storage/errors';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';

function steppingClock(start = Date.parse('2023-10-29T10:00:00Z')): Clock {
  let t = start;
  let n = 0;
  return {
    now: () => new Date((t += 1000)),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
}

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

describe('Collection', () => {
  it('saves a clip with a random id, timestamps, contributor and no tombstone', async () => {
    db = openTestDb();
    const items = new Collection(db);
    const saved = await items.saveClip(clip(), 'emus', { kind: 'create' });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.contributor).toBe('emus');
    expect(saved.createdAt).toBe(saved.updatedAt);
    expect(saved.deletedAt).toBeNull();
    expect(await items.get(saved.id)).toEqual(saved);
  });

  it('refuses a second clip of the same canonical URL and names the existing item', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const first = await items.saveClip(clip(), 'emus', { kind: 'create' });
    const again = items.saveClip(clip({ entry: 'other words' }), 'nicola', { kind: 'create' });
    await expect(again).rejects.toBeInstanceOf(DuplicateError);
    await expect(again).rejects.toMatchObject({ existing: { id: first.id } });
    expect(await items.listIssue('xmpp', '2023-10')).toHaveLength(1);
    expect((await items.get(first.id))?.entry).toBe(first.entry);
  });

  it('updates the existing item when asked, keeping id, creation time and first contributor', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const first = await items.saveClip(clip(), 'emus', { kind: 'create' });
    const updated = await items.saveClip(clip({ entry: 'better words' }), 'nicola', { kind: 'update', id: first.id });
    expect(updated).toMatchObject({ id: first.id, createdAt: first.createdAt, contributor: 'emus', entry: 'better words' });
    expect(updated.updatedAt > first.updatedAt).toBe(true);
    expect(await items.listIssue('xmpp', '2023-10')).toHaveLength(1);
  });

  it('two saves of one page racing each other leave a single item', async () => {
    db = openTestDb();
    const items = new Collection(db);
    const results = await Promise.allSettled([
      items.saveClip(clip(), 'a', { kind: 'create' }),
      items.saveClip(clip(), 'b', { kind: 'create' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await items.listIssue('xmpp', '2023-10')).toHaveLength(1);
  });

  it('lists an issue in position order and counts issues newest first', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const a = await items.saveClip(clip({}, 'https://a.example/1'), 'x', { kind: 'create' });
    const b = await items.saveClip(clip({}, 'https://a.example/2'), 'x', { kind: 'create' });
    await items.saveClip(clip({ issue: '2023-09' }, 'https://a.example/3'), 'x', { kind: 'create' });
    await items.saveClip(clip({ newsletter: 'other' }, 'https://a.example/4'), 'x', { kind: 'create' });
    expect(a.position).toBeLessThan(b.position);
    await items.update(a.id, { position: b.position + 1 });
    expect((await items.listIssue('xmpp', '2023-10')).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await items.listIssues('xmpp')).toEqual([
      { issue: '2023-10', count: 2 },
      { issue: '2023-09', count: 1 },
    ]);
  });

  it('counts only live items per issue, and drops an issue whose items are all deleted', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const a = await items.saveClip(clip({}, 'https://a.example/1'), 'x', { kind: 'create' });
    await items.saveClip(clip({}, 'https://a.example/2'), 'x', { kind: 'create' });
    const c = await items.saveClip(clip({ issue: '2023-09' }, 'https://a.example/3'), 'x', { kind: 'create' });
    await items.remove(a.id);
    await items.remove(c.id);
    expect(await items.listIssues('xmpp')).toEqual([{ issue: '2023-10', count: 1 }]);
    await items.restore(c.id);
    expect(await items.listIssues('xmpp')).toEqual([
      { issue: '2023-10', count: 1 },
      { issue: '2023-09', count: 1 },
    ]);
  });

  it('deletes with a tombstone, restores it, and re-clipping a deleted page revives the same id', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const saved = await items.saveClip(clip(), 'emus', { kind: 'create' });
    await items.remove(saved.id);
    expect(await items.listIssue('xmpp', '2023-10')).toEqual([]);
    expect((await items.get(saved.id))?.deletedAt).not.toBeNull();
    await items.restore(saved.id);
    expect(await items.listIssue('xmpp', '2023-10')).toHaveLength(1);
    await items.remove(saved.id);
    const revived = await items.saveClip(clip({ entry: 'new' }), 'emus', { kind: 'create' });
    expect(revived.id).toBe(saved.id);
    expect(revived.deletedAt).toBeNull();
  });

  it('moving an item to another section puts it at the end there', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const server = await items.saveClip(clip({ section: 'servers' }, 'https://a.example/s'), 'x', { kind: 'create' });
    const moved = await items.saveClip(clip({ section: 'clients' }, 'https://a.example/c'), 'x', { kind: 'create' });
    const after = await items.update(moved.id, { section: 'servers' });
    expect(after.section).toBe('servers');
    expect(after.position).toBeGreaterThan(server.position);
  });

  it('turns a full disk into a plain message and keeps what was stored', async () => {
    db = openTestDb();
    const items = new Collection(db, steppingClock());
    const kept = await items.saveClip(clip(), 'emus', { kind: 'create' });
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const original = db.items.put.bind(db.items);
    db.items.put = (() => Promise.reject(quota)) as unknown as typeof db.items.put;
    try {
      const failing = items.saveClip(clip({}, 'https://b.example/'), 'emus', { kind: 'create' });
      await expect(failing).rejects.toBeInstanceOf(StorageError);
      await expect(failing).rejects.toThrow(/storage for Newsdesk is full/);
    } finally {
      db.items.put = original;
    }
    expect(await items.listIssue('xmpp', '2023-10')).toEqual([kept]);
  });
});
