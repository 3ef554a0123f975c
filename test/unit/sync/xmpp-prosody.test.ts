import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connect,
  isXmppError,
  keepConnected,
  PubSub,
  type ConnectOptions,
  type PubSubEvent,
  type XmppSession,
  type XmppStatus,
} from '../../../utils/sync/xmpp';
import { startProsody, type Prosody } from '../../support/prosody';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

/**
 * The transport against a real Prosody 0.12 (Debian's), started on 127.0.0.1 for this file.
 * The editor is the pubsub component's admin (the only one who may create nodes); alice and bob
 * are contributors; mallory is a registered user who was never added to the newsroom.
 * Figures (login, publish → notification latency, fetching 1,000 items) are printed, not asserted.
 */

let server: Prosody;
const open: XmppSession[] = [];

beforeAll(async () => {
  server = await startProsody({ users: { alice: 'alice-secret', bob: 'bob-secret', mallory: 'mallory-secret' } });
}, 60_000);

afterAll(async () => {
  await Promise.all(open.map((session) => session.close().catch(() => {})));
  await server?.stop();
}, 30_000);

function login(user: string, extra: Partial<ConnectOptions> = {}): Promise<XmppSession> {
  return connect({ service: server.websocketUrl, jid: server.jid(user), password: server.users[user]!, WebSocket, keepAliveMs: 0, ...extra }).then((session) => {
    open.push(session);
    return session;
  });
}

/** Events of one node, with a per-event wait. */
function eventQueue(pubsub: PubSub, node: string) {
  const queue: { event: PubSubEvent; at: number }[] = [];
  let wake: (() => void) | undefined;
  pubsub.onEvent((event) => {
    queue.push({ event, at: performance.now() });
    wake?.();
  }, node);
  return {
    async next(timeoutMs = 10_000): Promise<{ event: PubSubEvent; at: number }> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no notification on "${node}" within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return queue.shift()!;
    },
    get pending() {
      return queue.length;
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a result');
}

describe('signing in', () => {
  it('signs in with SCRAM-SHA-1 (WebCrypto) and with PLAIN, binds a resource and reports online', async () => {
    const timings: Record<string, number[]> = { 'SCRAM-SHA-1': [], PLAIN: [] };
    for (let round = 0; round < 5; round++) {
      for (const mechanism of ['SCRAM-SHA-1', 'PLAIN'] as const) {
        const statuses: XmppStatus['state'][] = [];
        const started = performance.now();
        const session = await login('alice', { mechanisms: [mechanism], onStatus: (status) => statuses.push(status.state) });
        timings[mechanism]!.push(performance.now() - started);
        expect(session.mechanism).toBe(mechanism);
        expect(session.jid).toMatch(/^alice@newsdesk\.test\/newsdesk-[0-9a-f]+$/);
        expect(session.status).toEqual({ state: 'online', jid: session.jid });
        await session.close();
        expect(statuses).toEqual(['connecting', 'online', 'offline']);
        expect(session.status).toEqual({ state: 'offline', reason: 'Signed out.' });
      }
    }
    console.log(
      `login on loopback, p50 of 5: SCRAM-SHA-1 ${percentile(timings['SCRAM-SHA-1']!, 50).toFixed(1)} ms, PLAIN ${percentile(timings.PLAIN!, 50).toFixed(1)} ms`,
    );
  });

  it('refuses a wrong password in plain words and reports the session as refused', async () => {
    const statuses: XmppStatus[] = [];
    const error = await rejection(login('alice', { password: 'not-her-password', onStatus: (status) => statuses.push(status) }));
    expect(isXmppError(error, 'refused')).toBe(true);
    expect((error as Error).message).toBe('The server refused the password for alice@newsdesk.test.');
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'refused']);
    expect(statuses[1]).toMatchObject({ reason: 'The server refused the password for alice@newsdesk.test.' });
  });

  it('refuses an unknown account the same way (the server does not tell which)', async () => {
    const error = await rejection(connect({ service: server.websocketUrl, jid: 'nobody@newsdesk.test', password: 'x', WebSocket }));
    expect(isXmppError(error, 'refused')).toBe(true);
    expect((error as Error).message).toBe('The server refused the password for nobody@newsdesk.test.');
  });

  it('never opens ws:// to a host that is not this computer', async () => {
    let constructed = 0;
    class Recording extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        constructed += 1;
      }
    }
    const error = await rejection(connect({ service: 'ws://xmpp.example.org/xmpp-websocket', jid: 'alice@example.org', password: 'x', WebSocket: Recording }));
    expect(isXmppError(error, 'insecure')).toBe(true);
    expect((error as Error).message).toBe(
      'Newsdesk connects only over an encrypted WebSocket (wss://); ws://xmpp.example.org/xmpp-websocket is not encrypted and not on this computer.',
    );
    expect(constructed).toBe(0);
  });

  it('says so when nothing listens at the address', async () => {
    const proxy = await startTcpProxy(1);
    const port = proxy.port;
    await proxy.close();
    const error = await rejection(connect({ service: `ws://127.0.0.1:${port}/xmpp-websocket`, jid: 'alice@newsdesk.test', password: 'x', WebSocket }));
    expect(isXmppError(error, 'connection-lost')).toBe(true);
    expect((error as Error).message).toContain(`Could not reach ws://127.0.0.1:${port}/xmpp-websocket`);
  });
});

describe('a newsroom node', () => {
  const node = 'newsroom-2026';
  let editor: PubSub;
  let alice: PubSub;
  let mallory: PubSub;

  beforeAll(async () => {
    editor = new PubSub(await login('editor'), server.pubsub);
    alice = new PubSub(await login('alice'), server.pubsub);
    mallory = new PubSub(await login('mallory'), server.pubsub);
  }, 30_000);

  it('is created by the editor as whitelist-only with room for 10,000 items, as read back from the server', async () => {
    await editor.createNode(node, { maxItems: 10_000, title: 'XMPP Newsletter newsroom' });
    const config = await editor.getNodeConfig(node);
    expect(config).toMatchObject({ accessModel: 'whitelist', publishModel: 'publishers', maxItems: 10_000, persistItems: true, notifyRetract: true, title: 'XMPP Newsletter newsroom' });
    expect(config.fields['pubsub#type']).toEqual(['urn:xmpp:json:0']);
  });

  it('cannot be created twice, nor by a contributor', async () => {
    const twice = await rejection(editor.createNode(node));
    expect(isXmppError(twice, 'conflict')).toBe(true);
    expect((twice as Error).message).toBe(`Could not create the node "${node}" on pubsub.newsdesk.test: the node already exists.`);
    const byAlice = await rejection(alice.createNode('alices-own'));
    expect(isXmppError(byAlice, 'forbidden')).toBe(true);
    expect((byAlice as Error).message).toContain('only the service\'s administrators may create nodes');
  });

  it('lets the editor add contributors as publishers and lists them', async () => {
    await editor.setAffiliation(node, server.jid('alice'), 'publisher');
    await editor.setAffiliation(node, `${server.jid('bob')}/some-device`, 'publisher');
    expect(Object.fromEntries(await editor.getAffiliations(node))).toEqual({
      'editor@newsdesk.test': 'owner',
      'alice@newsdesk.test': 'publisher',
      'bob@newsdesk.test': 'publisher',
    });
    const notOwner = await rejection(alice.getAffiliations(node));
    expect(isXmppError(notOwner, 'forbidden')).toBe(true);
  });

  it("delivers a contributor's item to the editor's subscription with the publisher's address (200 publishes, latency printed)", async () => {
    expect(await editor.subscribe(node)).toBe('subscribed');
    const events = eventQueue(editor, node);
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `clip-${i}`;
      const item = { id, title: `Clip ${i} <b>&amp;</b> “quoted”`, url: `https://example.org/${i}` };
      const started = performance.now();
      await alice.publish(node, id, item);
      const { event, at } = await events.next();
      latencies.push(at - started);
      expect(event).toEqual({ type: 'published', node, id, publisher: 'alice@newsdesk.test', json: item });
    }
    console.log(
      `publish → editor's notification over 200 publishes: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    expect(events.pending).toBe(0);
  });

  it('notifies a session from the moment connect() resolves (initial presence is in effect by then)', async () => {
    const second = new PubSub(await login('editor'), server.pubsub);
    const events = eventQueue(second, node);
    await alice.publish(node, 'first-after-connect', { ok: true });
    expect((await events.next()).event).toMatchObject({ type: 'published', id: 'first-after-connect', publisher: 'alice@newsdesk.test' });
    await second.session.close();
  });

  it('lets a contributor subscribe and unsubscribe', async () => {
    expect(await alice.subscribe(node)).toBe('subscribed');
    await alice.unsubscribe(node);
    const again = await rejection(alice.unsubscribe(node));
    expect(isXmppError(again)).toBe(true);
  });

  it('replaces an item republished under the same id, and tells subscribers', async () => {
    const events = eventQueue(editor, node);
    await alice.publish(node, 'clip-7', { id: 'clip-7', title: 'Edited title' });
    expect((await events.next()).event).toMatchObject({ type: 'published', id: 'clip-7', json: { id: 'clip-7', title: 'Edited title' } });
    expect(await editor.fetchItem(node, 'clip-7')).toEqual({ id: 'clip-7', publisher: 'alice@newsdesk.test', json: { id: 'clip-7', title: 'Edited title' } });
    expect(await editor.listItemIds(node)).toHaveLength(201); // 200 clips and first-after-connect
  });

  it('tells subscribers when an item is retracted, and the item is gone', async () => {
    const events = eventQueue(editor, node);
    await alice.retract(node, 'clip-8');
    expect((await events.next()).event).toEqual({ type: 'retracted', node, id: 'clip-8' });
    const gone = await rejection(editor.fetchItem(node, 'clip-8'));
    expect(isXmppError(gone, 'item-not-found')).toBe(true);
    expect((gone as Error).message).toBe(`The item "clip-8" is not in "${node}".`);
  });

  it('keeps an outsider out: fetching, listing, subscribing and publishing are forbidden, and no event reaches them', async () => {
    const seen: PubSubEvent[] = [];
    mallory.onEvent((event) => seen.push(event));
    for (const attempt of [
      () => mallory.fetchItems(node),
      () => mallory.fetchItem(node, 'clip-1'),
      () => mallory.listItemIds(node),
      () => mallory.subscribe(node),
      () => mallory.publish(node, 'spam', { title: 'spam' }),
      () => mallory.retract(node, 'clip-1'),
    ]) {
      const error = await rejection(attempt());
      expect(isXmppError(error, 'forbidden')).toBe(true);
      expect((error as Error).message).toMatch(/: mallory@newsdesk\.test is not a member of this newsroom \(or lacks the rights for this\)\.$/);
    }
    const events = eventQueue(editor, node);
    await alice.publish(node, 'after-mallory', { ok: true });
    await events.next();
    expect(seen).toEqual([]);
    expect((await editor.fetchItem(node, 'clip-1')).json).toMatchObject({ id: 'clip-1' });
  });

  it('removes a contributor: afterwards they are an outsider', async () => {
    const bob = new PubSub(await login('bob'), server.pubsub);
    await bob.publish(node, 'bob-1', { by: 'bob' });
    await editor.setAffiliation(node, server.jid('bob'), 'none');
    const error = await rejection(bob.publish(node, 'bob-2', { by: 'bob' }));
    expect(isXmppError(error, 'forbidden')).toBe(true);
    expect(await editor.getAffiliations(node)).not.toContain('bob@newsdesk.test');
  });

  it('publishes only into a node that is still whitelist-only when asked to (publish-options)', async () => {
    await alice.publish(node, 'checked', { ok: 1 }, { require: { accessModel: 'whitelist' } });
    const error = await rejection(alice.publish(node, 'unchecked', { ok: 1 }, { require: { accessModel: 'open' } }));
    expect(isXmppError(error, 'precondition-not-met')).toBe(true);
    expect((error as Error).message).toContain("the node's settings are not what was required");
    expect((await alice.fetchItems(node, { ids: ['unchecked'] }))).toEqual([]);
  });

  it('refuses an item over the size limit before sending, in plain words, and the session stays usable', async () => {
    const session = alice.session;
    const limit = session.maxStanzaBytes;
    expect(alice.maxJsonBytes).toBe(limit - 1024);
    const error = await rejection(alice.publish(node, 'huge', { text: 'x'.repeat(limit) }));
    expect(isXmppError(error, 'too-large')).toBe(true);
    expect((error as Error).message).toMatch(/^The item "huge" is too large to publish: \d+ KiB, and the server accepts at most 256 KiB per item\. Nothing was sent\.$/);
    // The largest item the limit announces does go through.
    const fits = { text: 'y'.repeat(alice.maxJsonBytes - 20) };
    await alice.publish(node, 'largest', fits);
    expect((await alice.fetchItem(node, 'largest')).json).toEqual(fits);
    await alice.retract(node, 'largest');
    expect(session.status.state).toBe('online');
  });

  it("shows what the server does with a stanza over its limit: it closes the connection, and the request fails at once", async () => {
    const careless = await login('alice', { maxStanzaBytes: 4 * 1024 * 1024 });
    const error = await rejection(new PubSub(careless, server.pubsub).publish(node, 'huge', { text: 'x'.repeat(300 * 1024) }));
    expect(isXmppError(error, 'connection-lost')).toBe(true);
    expect((error as Error).message).toContain('The server closed the connection: Newsdesk sent more than the server accepts');
    expect(careless.status).toMatchObject({ state: 'offline', error: { code: 'too-large', condition: 'policy-violation', serverText: 'stanza too large' } });
  });

  it('fetches 1,000 items in one answer and in batches by id (times printed)', async () => {
    const big = 'catch-up';
    await editor.createNode(big, { maxItems: 'max' });
    await editor.setAffiliation(big, server.jid('alice'), 'publisher');
    const text = 'A clipped article, about the length of a newsletter entry. '.repeat(6);
    const ids = Array.from({ length: 1_000 }, (_, i) => `item-${String(i).padStart(4, '0')}`);
    for (let at = 0; at < ids.length; at += 20) {
      await Promise.all(ids.slice(at, at + 20).map((id) => alice.publish(big, id, { id, text })));
    }
    let started = performance.now();
    const all = await editor.fetchItems(big, { timeoutMs: 60_000 });
    const oneAnswerMs = performance.now() - started;
    expect(all).toHaveLength(1_000);
    expect(new Set(all.map((item) => item.id))).toEqual(new Set(ids));
    expect(all.every((item) => item.publisher === 'alice@newsdesk.test' && (item.json as { text: string }).text === text)).toBe(true);
    started = performance.now();
    const batched = await editor.fetchAllItems(big, { batchSize: 250 });
    const batchedMs = performance.now() - started;
    expect(batched.map((item) => item.id).sort()).toEqual(ids);
    const newest = await editor.fetchItems(big, { max: 10 });
    expect(newest).toHaveLength(10);
    console.log(`fetch 1,000 items (~${Math.round(JSON.stringify(all).length / 1024)} KiB of JSON): one answer ${oneAnswerMs.toFixed(0)} ms, ids + 4 batches of 250 ${batchedMs.toFixed(0)} ms`);
  }, 120_000);
});

describe('a connection that breaks', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(server.httpPort);
  });
  afterAll(() => proxy?.close());
  const viaProxy = () => `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;

  it('fails a request in flight at once when the connection is cut (not after its timeout)', async () => {
    const session = await login('alice', { service: viaProxy(), timeoutMs: 120_000 });
    const pubsub = new PubSub(session, server.pubsub);
    proxy.hold();
    const inFlight = rejection(pubsub.fetchItems('newsroom-2026'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    proxy.cut();
    proxy.release();
    const error = await inFlight; // the test's own timeout (30 s) is far below the request's (120 s)
    expect(isXmppError(error, 'connection-lost')).toBe(true);
    expect((error as Error).message).toMatch(/^Could not read the items of "newsroom-2026": The connection to 127\.0\.0\.1:\d+ was lost\. The request was not answered; it may or may not have been carried out\.$/);
    expect(session.status.state).toBe('offline');
    const after = await rejection(pubsub.fetchItems('newsroom-2026'));
    expect(isXmppError(after, 'connection-lost')).toBe(true);
  });

  it('times a request out when the server goes quiet, and the keep-alive ping ends the silent connection', async () => {
    // Sign-in keeps generous timeouts (a busy CI machine); only the quiet phase is short.
    const session = await login('alice', { service: viaProxy(), timeoutMs: 3_000, keepAliveMs: 300 });
    proxy.hold();
    try {
      const error = await rejection(new PubSub(session, server.pubsub).fetchItems('newsroom-2026', { timeoutMs: 800 }));
      expect(isXmppError(error, 'timeout')).toBe(true);
      expect((error as Error).message).toBe('Could not read the items of "newsroom-2026": pubsub.newsdesk.test did not answer within 0.8 s.');
      const final = await session.ended;
      expect(final).toMatchObject({ state: 'offline', error: { code: 'timeout' } });
      expect(final.state === 'offline' && final.reason).toMatch(/stopped answering \(no reply to a ping within 3 s\)/);
    } finally {
      proxy.release();
      proxy.cut();
    }
  });

  it('reconnects with keepConnected after a cut, and gives up on a refused password', async () => {
    const sessions: XmppSession[] = [];
    const waits: number[] = [];
    const keeper = keepConnected({
      connect: () => login('alice', { service: viaProxy() }),
      onSession: (session) => {
        sessions.push(session);
      },
      onWait: (delay) => waits.push(delay),
      minDelayMs: 50,
    });
    try {
      await expect.poll(() => sessions.length, { timeout: 10_000 }).toBe(1);
      proxy.cut();
      await expect.poll(() => sessions.length, { timeout: 10_000 }).toBe(2);
      expect(sessions[0]!.status.state).toBe('offline');
      expect(sessions[1]!.status.state).toBe('online');
      expect(waits).toHaveLength(1);
    } finally {
      await keeper.stop();
    }
    expect(sessions[1]!.status.state).toBe('offline');

    let refusedWith = '';
    let attempts = 0;
    const refusing = keepConnected({
      connect: () => {
        attempts += 1;
        return login('alice', { password: 'wrong' });
      },
      onRefused: (status) => (refusedWith = status.reason),
      minDelayMs: 10,
    });
    await expect.poll(() => refusedWith, { timeout: 10_000 }).toBe('The server refused the password for alice@newsdesk.test.');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toBe(1);
    await refusing.stop();
  });
});
