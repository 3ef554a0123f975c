import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { canonicalJson } from '../../../utils/merge/versions';
import type { NewsItem } from '../../../utils/model/item';
import { statusLine } from '../../../utils/sync/status';
import { connect, PubSub } from '../../../utils/sync/xmpp';
import { clipOf, connected, eventually, newsroomsForThisFile, type Member } from '../../support/newsroom';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

/**
 * The shared newsroom end to end in Node: members' real stores (Dexie on fake-indexeddb) synced
 * by the real engine through a real Prosody 0.12 on 127.0.0.1. The editor owns the node; alice
 * and bob are contributors; mallory has an account on the server but is not a member.
 * Each test uses its own node, so tests do not see each other's items.
 */

const proxies: TcpProxy[] = [];
const rooms = newsroomsForThisFile({ alice: 'alice-secret', bob: 'bob-secret', mallory: 'mallory-secret' }, 'newsroom');
const { newsroom, member } = rooms;

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
}, 30_000);

const live = async (m: Member) => (await m.store.readAll()).items.sort((a, b) => (a.id < b.id ? -1 : 1));
const snapshot = async (m: Member) => canonicalJson(await live(m));

/** Everyone holds the same items (bookkeeping included) and nothing is waiting. */
async function converged(...ms: Member[]): Promise<NewsItem[]> {
  return eventually(
    `${ms.map((m) => m.user).join(', ')} hold the same items`,
    async () => {
      for (const m of ms) await m.runner.idle();
      if (ms.some((m) => m.runner.status.waiting > 0 || m.runner.status.state !== 'connected')) return undefined;
      const [first, ...rest] = await Promise.all(ms.map(snapshot));
      return rest.every((s) => s === first) ? live(ms[0]!) : undefined;
    },
    20_000,
  );
}

describe('newsroom sync against Prosody', () => {
  it('a clip saved by a contributor appears in the editor’s store within a second (latency printed)', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const { item } = await alice.store.saveClip(clipOf(`Client ${i}`), { kind: 'create' });
      const arrived = await eventually(`clip ${i} at the editor`, () => editor.store.get(item.id), 5_000);
      latencies.push(performance.now() - started);
      expect(arrived).toEqual(item);
    }
    latencies.sort((a, b) => a - b);
    console.log(`clip → editor's store on loopback: p50 ${latencies[10]!.toFixed(1)} ms, max ${latencies[19]!.toFixed(1)} ms (20 clips)`);
    expect(latencies[10]).toBeLessThan(1_000);
    const items = await converged(editor, alice);
    expect(items).toHaveLength(20);
    // The editor's copy knows who sent it, as the server says.
    const senders = await editor.db.senders.toArray();
    expect(new Set(senders.map((s) => s.jid))).toEqual(new Set([rooms.server.jid('alice')]));
    expect(senders.every((s) => s.firstJid === rooms.server.jid('alice'))).toBe(true);
  });

  it('edits, moves, reorders and deletes converge on every member', async () => {
    const node = await newsroom('alice', 'bob');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    const bob = await member('bob', node);
    await Promise.all([connected(editor), connected(alice), connected(bob)]);
    const a = (await alice.store.saveClip(clipOf('Gajim 1.9'), { kind: 'create' })).item;
    const b = (await bob.store.saveClip(clipOf('Dino 0.5'), { kind: 'create' })).item;
    const c = (await bob.store.saveClip(clipOf('Conversations 2.14'), { kind: 'create' })).item;
    await converged(editor, alice, bob);
    await editor.store.edit(a.id, { section: 'articles' });
    await editor.store.reorder(c.id, 0);
    await alice.store.edit(b.id, { entry: 'Dino 0.5 brings **audio calls** to groups.' });
    await bob.store.remove(c.id);
    const items = await converged(editor, alice, bob);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(a.id)).toMatchObject({ section: 'articles', deletedAt: null });
    expect(byId.get(b.id)?.entry).toBe('Dino 0.5 brings **audio calls** to groups.');
    expect(byId.get(c.id)?.deletedAt).not.toBeNull();
    // Deletion is a tombstone in the newsroom too: nothing was retracted.
    const session = await connect({ service: rooms.server.websocketUrl, jid: rooms.server.jid('editor'), password: rooms.server.users.editor!, WebSocket, keepAliveMs: 0 });
    try {
      expect(new Set(await new PubSub(session, rooms.server.pubsub).listItemIds(node))).toEqual(new Set([a.id, b.id, c.id]));
    } finally {
      await session.close();
    }
  });

  it('keeps both sides of a concurrent edit: the later one wins everywhere, the other is in history', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    const { item } = await alice.store.saveClip(clipOf('Movim 0.24'), { kind: 'create' });
    await converged(editor, alice);
    await Promise.all([alice.stop(), editor.stop()]);
    await alice.store.edit(item.id, { entry: 'Alice’s words' });
    // The editor's edit is the later one by the wall clock: in the same millisecond the two
    // stamps would tie, and the node ids (random) would decide instead.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editor.store.edit(item.id, { entry: 'The editor’s words' });
    await Promise.all([alice.restart(), editor.restart()]);
    const [merged] = await converged(editor, alice);
    expect(merged!.entry).toBe('The editor’s words');
    expect(merged!.history.map((h) => h.entry)).toEqual(['Alice’s words']);
  });

  it('queues changes made offline and sends them on reconnect; the status says how many are waiting', async () => {
    const node = await newsroom('alice');
    const proxy = await startTcpProxy(rooms.server.httpPort);
    proxies.push(proxy);
    const editor = await member('editor', node);
    const alice = await member('alice', node, { config: { service: `ws://127.0.0.1:${proxy.port}/xmpp-websocket`, jid: rooms.server.jid('alice'), pubsub: rooms.server.pubsub, node } });
    await Promise.all([connected(editor), connected(alice)]);
    const first = (await alice.store.saveClip(clipOf('Prosody 13'), { kind: 'create' })).item;
    await converged(editor, alice);

    proxy.block();
    proxy.cut();
    await eventually('alice offline', () => alice.runner.status.state === 'offline');
    await alice.store.edit(first.id, { entry: 'Edited on the train' });
    const second = (await alice.store.saveClip(clipOf('ejabberd 25'), { kind: 'create' })).item;
    const line = await eventually('two changes waiting', () => {
      const text = statusLine(alice.runner.status);
      return alice.runner.status.waiting === 2 ? text : undefined;
    });
    expect(line).toMatch(/^Offline: 2 changes waiting, sent when the connection is back\./);
    expect(await editor.store.get(second.id)).toBeUndefined();

    proxy.unblock();
    alice.runner.retryNow();
    const items = await converged(editor, alice);
    expect(items.find((i) => i.id === first.id)?.entry).toBe('Edited on the train');
    expect(items.map((i) => i.id)).toContain(second.id);
  });

  it('loses nothing across a restart: what was queued before the background stopped is sent by the next one', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    await alice.stop();
    const queued = [];
    for (let i = 0; i < 5; i++) queued.push((await alice.store.saveClip(clipOf(`Offline clip ${i}`), { kind: 'create' })).item);
    expect(await alice.db.outbox.count()).toBe(5);
    // The service worker is gone; a new one starts on the same database.
    alice.db.close();
    const reopened = await member('alice', node, { idb: alice.idb });
    rooms.forget(alice);
    const items = await converged(editor, reopened);
    expect(items.map((i) => i.id).sort()).toEqual(queued.map((i) => i.id).sort());
  });

  it('refuses a user who is not a member, and says so in words; nothing of theirs reaches the newsroom', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const mallory = await member('mallory', node);
    await mallory.store.saveClip(clipOf('Spam'), { kind: 'create' });
    await eventually('mallory refused', () => mallory.runner.status.state === 'refused');
    expect(mallory.runner.status.refusal).toBe('membership');
    expect(statusLine(mallory.runner.status)).toBe(`Refused: mallory@newsdesk.test is not a member of the newsroom “${node}” on pubsub.newsdesk.test; ask its editor to add you. 1 change waiting.`);
    await connected(editor);
    expect(await live(editor)).toEqual([]);
  });

  it('refuses a wrong password in words and does not retry it', async () => {
    const node = await newsroom('alice');
    const alice = await member('alice', node, { password: 'wrong' });
    await eventually('refused', () => alice.runner.status.state === 'refused');
    expect(alice.runner.status.refusal).toBe('password');
    expect(statusLine(alice.runner.status)).toBe('Refused: The server refused the password for alice@newsdesk.test.');
  });

  it('reports an item too large for the server instead of dropping it, and sends the rest', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    const big = clipOf('A very long article');
    big.capture = { ...big.capture, contentMarkdown: 'word '.repeat(80_000) };
    const large = (await alice.store.saveClip(big, { kind: 'create' })).item;
    const small = (await alice.store.saveClip(clipOf('A short one'), { kind: 'create' })).item;
    await eventually('the small one arrives', () => editor.store.get(small.id));
    const problem = await eventually('the large one reported', () => alice.runner.status.problems[0]);
    expect(problem).toMatchObject({ id: large.id, title: 'A very long article' });
    expect(problem.problem).toMatch(/^It is too large to send to the newsroom \(39\d KiB; the server takes at most 255 KiB per item\)\./);
    expect(alice.runner.status.notices.map((n) => n.text).join('\n')).toContain('“A very long article” cannot be shared');
    expect(await editor.store.get(large.id)).toBeUndefined();
    // It stays here, and stays listed until it changes.
    expect(await alice.store.get(large.id)).toBeDefined();
    expect(await alice.db.outbox.get(large.id)).toMatchObject({ problem: expect.stringContaining('too large') });
  });
});
