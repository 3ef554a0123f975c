import { afterEach, describe, expect, it } from 'vitest';
import type { NewsItem } from '../../../utils/model/item';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import type { PubSubEvent } from '../../../utils/sync/xmpp';
import { NewsroomRefusedError, NewsroomSync, type SyncNotice } from '../../../utils/sync/engine';
import { MemoryPubSub, type MemoryClient } from '../../support/memory-pubsub';
import { clipOf } from '../../support/newsroom';
import { openTestDb } from '../../support/db';
import { idSequence } from '../../support/store';
import { makeItem } from '../export/fixtures';

/**
 * The engine with one honest member and content published by another member, who may send
 * anything: records are validated one by one, far-ahead clocks and id tricks are kept aside
 * (once), nothing is echoed in answer to them, and a retraction does not delete anything.
 */

const HOST = 'newsdesk.test';
const NOW = Date.parse('2026-11-10T12:00:00Z');
let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

async function setUp() {
  const server = new MemoryPubSub('newsroom', `editor@${HOST}`);
  server.setAffiliation(`mallory@${HOST}`, 'publisher');
  db = openTestDb();
  await db.settings.put({ key: 'contributor', value: 'Editor' });
  let t = NOW;
  const store = new ItemStore(db, { now: () => (t += 1_000), newId: idSequence() });
  const notices: SyncNotice[] = [];
  const client = server.client(`editor@${HOST}`);
  const sync = new NewsroomSync(store, client, { source: 'newsroom test', label: '“newsroom” on pubsub.newsdesk.test', now: () => t, onNotice: (n) => notices.push(n) });
  await sync.subscribe();
  const other = server.client(`mallory@${HOST}`);
  const deliverAll = async (c: MemoryClient = client) => {
    const events: PubSubEvent[] = [];
    const off = c.onEvent((e) => events.push(e));
    while (c.deliver() !== undefined);
    off();
    return sync.apply(events);
  };
  return { server, store, sync, client, other, notices, deliverAll, db: db };
}

const quarantined = async (d: NewsdeskDb) => (await d.quarantine.toArray()).map((q) => ({ kind: q.kind, source: q.source, reasons: q.reasons }));

describe('newsroom engine: what other members send is untrusted', () => {
  it('applies good records and keeps a bad one aside with its reasons, once however often it is read', async () => {
    const { store, sync, other, db } = await setUp();
    const good = (await store.saveClip(clipOf('Good one'), { kind: 'create' })).item;
    await sync.flush();
    const copy: NewsItem = { ...good, id: 'bad-1', title: 'x'.repeat(3_000) };
    await other.publish('bad-1', copy);
    await other.publish('bad-2', 'not an item at all');
    await sync.catchUp();
    await sync.catchUp();
    expect((await store.readAll()).items.map((i) => i.id)).toEqual([good.id]);
    // (A catch-up reads the newest first.)
    expect(await quarantined(db)).toEqual([
      { kind: 'unreadable', source: 'newsroom test', reasons: ['(record): Invalid input: expected object, received string'] },
      { kind: 'unreadable', source: 'newsroom test', reasons: ['title: is longer than 2,000 characters'] },
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('holds back a version stamped far in the future: the item here is unchanged and nothing is sent back', async () => {
    const { store, sync, other, db, deliverAll } = await setUp();
    const mine = (await store.saveClip(clipOf('Mine'), { kind: 'create' })).item;
    await sync.flush();
    await deliverAll();
    const future = '9999-01-01T00:00:00.000Z';
    await other.publish(mine.id, { ...mine, entry: 'deleted forever', deletedAt: future, hlc: `${future}~0000~mallory`, updatedAt: future, ancestors: [mine.hlc] });
    await deliverAll();
    expect(await store.get(mine.id)).toEqual(mine);
    expect(await quarantined(db)).toEqual([{ kind: 'held-back', source: 'newsroom test', reasons: [expect.stringMatching(/^Its clock is 7,97\d years ahead of this computer’s/)] }]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps aside a payload published under another item’s id, and a page that takes the id of another page here', async () => {
    const { store, sync, other, db } = await setUp();
    const mine = (await store.saveClip(clipOf('Mine'), { kind: 'create' })).item;
    await sync.flush();
    const theirs = { ...mine, id: 'theirs-1', canonicalUrl: 'https://evil.example/', url: 'https://evil.example/' };
    await other.publish('x-1', theirs);
    await other.publish(mine.id, { ...theirs, id: mine.id });
    await sync.catchUp();
    expect(await store.get(mine.id)).toEqual(mine);
    expect((await quarantined(db)).map((q) => q.reasons[0])).toEqual([
      `Its id is that of another page here (${mine.canonicalUrl}); both are kept, this one aside.`,
      'Its payload is the item “theirs-1”, not the newsroom item “x-1” it was published as.',
    ]);
    // Not answered with this browser's version: a member with another view would answer back forever.
    expect(await db.outbox.count()).toBe(0);
  });

  it('puts an item back when someone retracts it: nothing is deleted here, and the newsroom gets it again', async () => {
    const { store, sync, server, notices, deliverAll } = await setUp();
    const mine = (await store.saveClip(clipOf('Keep me'), { kind: 'create' })).item;
    await sync.flush();
    await deliverAll();
    server.retract(`editor@${HOST}`, mine.id);
    await deliverAll();
    expect(await store.get(mine.id)).toEqual(mine);
    expect(notices.at(-1)?.text).toBe('“Keep me” was removed from the newsroom by someone else; Newsdesk never removes items, so this browser’s copy is sent again.');
    await sync.flush();
    expect(server.snapshot().map((s) => s.id)).toEqual([mine.id]);
  });

  it('does not echo a version the newsroom already has; sends a newer local one when the newsroom holds an older', async () => {
    const { store, sync, server, other, db, deliverAll } = await setUp();
    const first = (await store.saveClip(clipOf('Story'), { kind: 'create' })).item;
    expect((await sync.flush()).sent).toBe(1);
    await deliverAll(); // our own notification: nothing to do
    expect(await db.outbox.count()).toBe(0);
    const edited = (await store.edit(first.id, { entry: 'Newer words' })).item;
    await sync.flush();
    // Someone republishes the old version (they had not seen the edit).
    await other.publish(first.id, first);
    await deliverAll();
    expect(await store.get(first.id)).toEqual(edited);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ id: first.id, hlc: edited.hlc })]);
    await sync.flush();
    expect(server.snapshot()[0]?.json).toEqual(edited);
  });

  it('says in words when this member is not in the newsroom, or the newsroom is gone', async () => {
    const { store } = await setUp();
    const server = new MemoryPubSub('newsroom', `editor@${HOST}`);
    const outsider = new NewsroomSync(store, server.client(`bob@${HOST}`), { source: 's', label: '“newsroom” on pubsub.newsdesk.test' });
    const error = await outsider.subscribe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsroomRefusedError);
    expect(error).toMatchObject({ refusal: 'membership', message: 'bob@newsdesk.test is not a member of the newsroom “newsroom” on pubsub.newsdesk.test; ask its editor to add you.' });
    const gone = await outsider.apply([{ type: 'deleted', node: 'newsroom' }]).catch((e: unknown) => e);
    expect(gone).toMatchObject({ refusal: 'missing', message: 'The newsroom “newsroom” on pubsub.newsdesk.test was deleted on the server. Nothing was removed from this browser.' });
  });
});

describe('newsroom engine: catching up after being offline', () => {
  async function member() {
    const server = new MemoryPubSub('newsroom', `editor@${HOST}`);
    server.setAffiliation(`alice@${HOST}`, 'publisher');
    db = openTestDb();
    let t = NOW;
    const clock = { advance: (ms: number) => (t += ms) };
    const store = new ItemStore(db, { now: () => (t += 1), newId: idSequence() });
    const calls: string[] = [];
    const session = async () => {
      const client = server.client(`editor@${HOST}`);
      const counted: MemoryClient = Object.assign(Object.create(client) as MemoryClient, {
        listIds: () => (calls.push('list'), client.listIds()),
        fetchNewest: (max: number) => (calls.push(`newest ${max}`), client.fetchNewest(max)),
        fetch: (ids: readonly string[]) => (calls.push(`fetch ${ids.length}`), client.fetch(ids)),
      });
      const sync = new NewsroomSync(store, counted, { source: 'newsroom test', label: 'test', now: () => t, batchSize: 50 });
      await sync.subscribe();
      return { sync, client };
    };
    const alice = server.client(`alice@${HOST}`);
    let n = 0;
    const publish = async (count: number) => {
      const made: NewsItem[] = [];
      for (let i = 0; i < count; i++) {
        n++;
        const url = `https://example.org/${n}`;
        made.push(makeItem({ id: `alice-${n}`, url, canonicalUrl: url, title: `Story ${n}`, contributor: 'alice', updatedAt: '2026-11-09T10:00:00.000Z' }));
      }
      for (const item of made) await alice.publish(item.id, item);
      return made;
    };
    return { server, store, calls, session, publish, clock, alice };
  }

  it('reads only what was published since it was last caught up', async () => {
    const { store, calls, session, publish } = await member();
    await publish(30);
    const first = await session();
    expect((await first.sync.catchUp()).kind).toBe('full');
    first.client.disconnect();
    const fresh = await publish(3);
    calls.length = 0;
    const { sync } = await session();
    const report = await sync.catchUp();
    expect(report).toMatchObject({ kind: 'since', items: 3, added: 3 });
    expect(calls).toEqual(['newest 20']);
    for (const item of fresh) expect(await store.get(item.id)).toEqual(item);
    expect((await store.readAll()).items).toHaveLength(33);
  });

  it('starts from where it last caught up, whatever notifications came (late, twice or never)', async () => {
    const { store, calls, session, publish } = await member();
    const first = await session();
    await first.sync.catchUp();
    const events: PubSubEvent[] = [];
    first.client.onEvent((e) => events.push(e));
    const made = await publish(5);
    // Only the last notification arrives before the connection drops.
    first.client.deliver(4);
    await first.sync.apply(events);
    first.client.disconnect();
    calls.length = 0;
    const { sync } = await session();
    expect(await sync.catchUp()).toMatchObject({ kind: 'since', items: 5, added: 4 });
    expect(calls).toEqual(['newest 20']);
    for (const item of made) expect(await store.get(item.id)).toEqual(item);
  });

  it('reads everything when too much is new, when the item it stopped at was changed or removed, and once a day', async () => {
    const { server, calls, session, publish, clock, alice } = await member();
    await publish(5);
    await (await session()).sync.catchUp();
    await publish(260);
    calls.length = 0;
    expect((await (await session()).sync.catchUp()).kind).toBe('full');
    expect(calls.slice(0, 3)).toEqual(['newest 20', 'newest 250', 'list']);

    // The item it stopped at is republished (a new version): it cannot tell what came after.
    const [newestId] = server.snapshot().map((s) => s.id);
    const json = server.snapshot()[0]!.json as NewsItem;
    await alice.publish(newestId!, { ...json, entry: 'changed' });
    calls.length = 0;
    expect((await (await session()).sync.catchUp()).kind).toBe('full');

    calls.length = 0;
    expect((await (await session()).sync.catchUp()).kind).toBe('since');
    clock.advance(25 * 3_600_000);
    expect((await (await session()).sync.catchUp()).kind).toBe('full');
  });
});
