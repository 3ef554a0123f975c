import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { ItemStore, type ClipInput } from '../../utils/storage/items';
import type { NewsdeskDb } from '../../utils/storage/schema';
import { startNewsroom, type NewsroomRunner, type NewsroomRunnerOptions } from '../../utils/sync/live';
import type { NewsroomConfig } from '../../utils/sync/newsroom';
import { connect, PubSub, type Affiliation } from '../../utils/sync/xmpp';
import { makeCapture } from './capture';
import { freshIndexedDb, openTestDb } from './db';
import { startProsody, type Prosody } from './prosody';

/** Helpers for the newsroom tests: a node made by the editor, members with their own database. */

/** The editor creates `node` (whitelist, 'max' items) and makes each of `publishers` a publisher. */
export async function createNewsroom(server: Prosody, node: string, publishers: readonly string[], affiliation: Affiliation = 'publisher'): Promise<void> {
  const session = await connect({ service: server.websocketUrl, jid: server.jid('editor'), password: server.users.editor!, WebSocket, keepAliveMs: 0 });
  try {
    const pubsub = new PubSub(session, server.pubsub);
    await pubsub.createNode(node);
    for (const user of publishers) await pubsub.setAffiliation(node, server.jid(user), affiliation);
  } finally {
    await session.close();
  }
}

export function newsroomConfig(server: Prosody, user: string, node: string, service = server.websocketUrl): NewsroomConfig {
  return { service, jid: server.jid(user), pubsub: server.pubsub, node };
}

export interface Member {
  user: string;
  db: NewsdeskDb;
  store: ItemStore;
  runner: NewsroomRunner;
  idb: ReturnType<typeof freshIndexedDb>;
  /** Stop syncing (the database stays). */
  stop(): Promise<void>;
  /** A new runner on the same database (a restart of the background). */
  restart(extra?: Partial<NewsroomRunnerOptions>): Promise<void>;
}

/** A member with a fresh database (or `idb`, to reopen one) and a running newsroom. */
export async function joinAs(
  server: Prosody,
  user: string,
  node: string,
  extra: Partial<NewsroomRunnerOptions> & { idb?: ReturnType<typeof freshIndexedDb>; name?: string } = {},
): Promise<Member> {
  const idb = extra.idb ?? freshIndexedDb();
  const db = openTestDb(idb);
  await db.settings.put({ key: 'contributor', value: extra.name ?? user });
  const store = new ItemStore(db);
  const start = (more: Partial<NewsroomRunnerOptions> = {}) =>
    startNewsroom({
      db,
      store,
      config: newsroomConfig(server, user, node),
      password: server.users[user]!,
      WebSocket,
      connection: { keepAliveMs: 0 },
      reconnect: { minDelayMs: 200, maxDelayMs: 2_000 },
      ...extra,
      ...more,
    });
  const member: Member = {
    user,
    db,
    store,
    idb,
    runner: start(),
    async stop() {
      await member.runner.stop();
    },
    async restart(more = {}) {
      await member.runner.stop();
      member.runner = start(more);
    },
  };
  return member;
}

/** Poll `check` until it returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last instanceof Error ? last.message : String(last)})` : ''}`);
    // Paces the poll of a store; the deadline above bounds it.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function connected(member: Member, timeoutMs = 15_000): Promise<void> {
  await eventually(`${member.user} connected`, () => member.runner.status.state === 'connected' && member.runner.status.waiting === 0, timeoutMs);
}

let clips = 0;
export function clipOf(title: string, section = 'clients', issue = '2026-11'): ClipInput {
  clips++;
  const url = `https://${title.toLowerCase().replace(/\W+/g, '-')}.example.org/news/${clips}`;
  const capture = makeCapture({ url, canonicalUrl: url, title });
  return { capture, newsletter: 'xmpp', issue, section, entry: `[${title}](${url}) has been released.`, title };
}

/**
 * A throw-away Prosody for one test file with these `users` (the editor is added by
 * startProsody): `newsroom()` makes a fresh node per test, `member()` joins one; members are
 * stopped and their databases closed after each test, the server after the file.
 */
export function newsroomsForThisFile(users: Record<string, string>, nodePrefix: string) {
  let server: Prosody | undefined;
  const members: Member[] = [];
  let nodes = 0;
  beforeAll(async () => {
    server = await startProsody({ users });
  }, 60_000);
  afterEach(async () => {
    const done = members.splice(0);
    await Promise.all(done.map((m) => m.stop().catch(() => {})));
    for (const m of done) m.db.close();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);
  const rooms = {
    get server(): Prosody {
      if (!server) throw new Error('Prosody is not started yet (use it inside a test or hook)');
      return server;
    },
    async newsroom(...contributors: string[]): Promise<string> {
      const node = `${nodePrefix}-${++nodes}`;
      await createNewsroom(rooms.server, node, contributors);
      return node;
    },
    async member(user: string, node: string, extra: Parameters<typeof joinAs>[3] = {}): Promise<Member> {
      const m = await joinAs(rooms.server, user, node, extra);
      members.push(m);
      return m;
    },
    /** A member the test stopped and closed itself (a restart): not stopped again after it. */
    forget(m: Member): void {
      members.splice(members.indexOf(m), 1);
    },
  };
  return rooms;
}
