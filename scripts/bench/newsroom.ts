import WebSocket from 'ws';
import { startProsody } from '../../test/support/prosody';
import { clipOf, createNewsroom, eventually, joinAs, type Member } from '../../test/support/newsroom';
import { buildBackup } from '../../utils/backup/format';
import { writeMark } from '../../utils/storage/sync-state';
import { connect, PubSub } from '../../utils/sync/xmpp';
import { generateItems } from './items';
import { mb, ms, triple, type Row, type SuiteResult } from './report';
import { summarize } from './stats';

/**
 * 6. The shared newsroom, in Node against a real Prosody 0.12 on loopback (started here), with
 * members' real stores (Dexie on fake-indexeddb) and the real sync engine:
 *   - a clip saved by a contributor → stored in the editor's collection (what the editor's Desk
 *     shows through its live query), p50/p95/max over 100 clips;
 *   - catching up: a member joins a newsroom of 1,000 and of 10,000 items (about 3 KB each, the
 *     page text included) with an empty collection; reconnects after 10 items were published
 *     meanwhile (only what is new is read); and does the daily full read with everything already
 *     here; time and the memory it took;
 *   - joining with a collection of 1,000 items: until all of it is sent.
 * The browser test (test/browser/newsroom.test.ts) prints the same clip → Desk time in Chromium.
 */

const CLIPS = 100;
const SIZES = [1_000, 10_000];
const CONTENT_CHARS = 2_000;
const PUBLISH_WINDOW = 16;
const NEW_MEANWHILE = 10;
const FIRST_SEND = 1_000;

/** Peak heap and RSS above the starting point while `run` runs (sampled every 20 ms). */
async function withMemory<T>(run: () => Promise<T>): Promise<{ value: T; heapMB: number; rssMB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  let heap = start.heapUsed;
  let rss = start.rss;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  }, 20);
  try {
    const value = await run();
    const end = process.memoryUsage();
    heap = Math.max(heap, end.heapUsed);
    rss = Math.max(rss, end.rss);
    return { value, heapMB: (heap - start.heapUsed) / 1024 / 1024, rssMB: (rss - start.rss) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchNewsroom(): Promise<SuiteResult> {
  const server = await startProsody({ users: { alice: 'alice-secret', bob: 'bob-secret' }, maxItems: 20_000 });
  const members: Member[] = [];
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  try {
    // 1. Clip → the editor's store.
    await createNewsroom(server, 'live', ['alice']);
    const editor = await joinAs(server, 'editor', 'live');
    const alice = await joinAs(server, 'alice', 'live');
    members.push(editor, alice);
    await Promise.all(members.map((m) => eventually(`${m.user} connected`, () => m.runner.status.state === 'connected', 30_000)));
    const latencies: number[] = [];
    for (let i = 0; i < CLIPS; i++) {
      const started = performance.now();
      const { item } = await alice.store.saveClip(clipOf(`Bench clip ${i}`), { kind: 'create' });
      await eventually(`clip ${i}`, () => editor.store.get(item.id), 10_000);
      latencies.push(performance.now() - started);
    }
    const clip = summarize(latencies);
    rows.push({ suite: 'newsroom', metric: `clip saved by a contributor → in the editor's collection, p50/p95/max (${CLIPS} clips, loopback)`, value: triple(clip), budget: '≤ 1 s', ok: clip.p95 <= 1_000, data: clip });

    // 2. Catching up.
    const session = await connect({ service: server.websocketUrl, jid: server.jid('alice'), password: 'alice-secret', WebSocket, keepAliveMs: 0 });
    const pubsub = new PubSub(session, server.pubsub);
    for (const size of SIZES) {
      const node = `catch-up-${size}`;
      await createNewsroom(server, node, ['alice', 'bob']);
      const items = generateItems(size, { issue: '2026-11', issues: 12, contentChars: CONTENT_CHARS });
      const t0 = performance.now();
      for (let at = 0; at < items.length; at += PUBLISH_WINDOW) {
        await Promise.all(items.slice(at, at + PUBLISH_WINDOW).map((item) => pubsub.publish(node, item.id, item)));
      }
      const publishMs = performance.now() - t0;
      const bob = await joinAs(server, 'bob', node, { watchOutbox: true });
      members.push(bob);
      const started = performance.now();
      const first = await withMemory(() => eventually(`bob caught up on ${size}`, async () => bob.runner.status.state === 'connected' && (await bob.db.items.count()) === size, 600_000));
      const firstMs = performance.now() - started;
      // A reconnect after 10 items were published meanwhile: only those are read.
      await bob.stop();
      const meanwhile = generateItems(size + NEW_MEANWHILE, { issue: '2026-11', contentChars: CONTENT_CHARS }).slice(size);
      for (const item of meanwhile) await pubsub.publish(node, item.id, item);
      await bob.restart();
      const again = performance.now();
      const second = await withMemory(() => eventually(`bob up to date on ${size}`, async () => bob.runner.status.state === 'connected' && (await bob.db.items.count()) === size + NEW_MEANWHILE, 600_000));
      const secondMs = performance.now() - again;
      // The daily full read, with everything already here.
      await bob.stop();
      await writeMark(bob.db, null);
      await bob.restart();
      const daily = performance.now();
      const third = await withMemory(() => eventually(`bob re-read ${size}`, () => bob.runner.status.state === 'connected', 600_000));
      const thirdMs = performance.now() - daily;
      await bob.stop();
      const sent = await bob.db.outbox.count();
      const what = `${size.toLocaleString('en')} items`;
      rows.push(
        { suite: 'newsroom', metric: `join a newsroom of ${what}: full catch-up into an empty collection`, value: `${ms(firstMs, 0)} (heap +${mb(first.heapMB * 1024 * 1024)}, RSS +${mb(first.rssMB * 1024 * 1024)})`, data: { ms: firstMs, heapMB: first.heapMB, rssMB: first.rssMB } },
        { suite: 'newsroom', metric: `reconnect to ${what}, ${NEW_MEANWHILE} new meanwhile: catch-up since the mark`, value: `${ms(secondMs, 0)} (heap +${mb(second.heapMB * 1024 * 1024)})`, data: { ms: secondMs, heapMB: second.heapMB, rssMB: second.rssMB } },
        { suite: 'newsroom', metric: `daily full catch-up of ${what}, all already here`, value: `${ms(thirdMs, 0)} (heap +${mb(third.heapMB * 1024 * 1024)})`, data: { ms: thirdMs, heapMB: third.heapMB, rssMB: third.rssMB } },
      );
      details[`catch-up-${size}`] = { publishMs, publishPerItemMs: publishMs / size, firstMs, secondMs, thirdMs, waitingAfter: sent };
    }
    await session.close();

    // 3. Joining with a collection: everything is sent once.
    await createNewsroom(server, 'first-send', ['alice']);
    const own = generateItems(FIRST_SEND, { issue: '2026-11', issues: 12, contentChars: CONTENT_CHARS });
    const carol = await joinAs(server, 'alice', 'first-send', { watchOutbox: true });
    members.push(carol);
    await carol.stop();
    await carol.store.importFiles([{ fileName: 'bench', rejected: [], backup: buildBackup({ items: own, newsletters: [], scope: { kind: 'all' }, exportedAt: new Date(), exportedBy: 'bench' }) }]);
    await carol.restart();
    const sendStart = performance.now();
    const sending = await withMemory(() => eventually('all sent', async () => carol.runner.status.state === 'connected' && (await carol.db.outbox.count()) === 0, 600_000));
    const sendMs = performance.now() - sendStart;
    rows.push({ suite: 'newsroom', metric: `join with a collection of ${FIRST_SEND.toLocaleString('en')} items: all sent`, value: `${ms(sendMs, 0)} (heap +${mb(sending.heapMB * 1024 * 1024)})`, data: { ms: sendMs, heapMB: sending.heapMB } });
  } finally {
    await Promise.all(members.map((m) => m.stop().catch(() => {})));
    for (const m of members) m.db.close();
    await server.stop();
  }
  return { rows, details };
}
