import { ItemStore } from '../storage/items';
import type { NewsdeskDb } from '../storage/schema';
import type { Handlers } from '../messages/server';
import type { NewsroomMember, NewsroomReport } from '../messages/protocol';
import { startNewsroom, type NewsroomRunner, type NewsroomRunnerOptions } from './live';
import { checkNewsroomConfig, newsroomLabel, type NewsroomConfig } from './newsroom';
import { OFF_STATUS, problemsLine, statusLine } from './status';
import { connect, isXmppError, PubSub, systemClock, type Clock, type WebSocketConstructor } from './xmpp';

/**
 * The background's newsroom: joins and leaves, keeps the one live runner, resumes it whenever
 * the service worker wakes (MV3 may stop it at any time; each wake-up reconnects, catches up and
 * sends what is waiting), answers the pages' questions, and runs the editor's tasks (create the
 * node, add and remove contributors) over a short connection of their own. Browser APIs come in
 * as functions, so this runs in Node tests too.
 */

/** What is kept in the extension's own storage (browser.storage.local): never in IndexedDB, backups or logs. */
export interface StoredNewsroom {
  config: NewsroomConfig;
  password: string;
}

export interface CredentialStore {
  load(): Promise<StoredNewsroom | null>;
  save(value: StoredNewsroom): Promise<void>;
  clear(): Promise<void>;
}

export interface NewsroomServiceDeps {
  db: NewsdeskDb;
  store?: ItemStore;
  credentials: CredentialStore;
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  /** Wake the background regularly while joined (browser.alarms), so an offline change is sent even after the worker was stopped. */
  wakeUps?: { start(): void; stop(): void };
  /** Extra runner options (tests: faster reconnects, no keep-alive). */
  runner?: Partial<NewsroomRunnerOptions>;
}

export type NewsroomHandlers = Pick<Handlers, 'newsroom.status' | 'newsroom.join' | 'newsroom.leave' | 'newsroom.retry' | 'newsroom.create' | 'newsroom.members' | 'newsroom.setMember'>;

export interface NewsroomService {
  /** The worker woke up (start, alarm, message): make sure the newsroom runs. */
  wake(): Promise<void>;
  report(): Promise<NewsroomReport>;
  /** The browser says it is online again. */
  retry(): void;
  handlers: NewsroomHandlers;
  /** Stop without forgetting (tests). */
  stop(): Promise<void>;
}

/** A newsroom that refused this member (not a member yet, no such node) is asked again this often. */
const RETRY_REFUSED_MS = 5 * 60_000;

export function createNewsroomService(deps: NewsroomServiceDeps): NewsroomService {
  const { db, credentials } = deps;
  const clock = deps.clock ?? systemClock;
  const store = deps.store ?? new ItemStore(db, { now: () => clock.now() });
  let runner: NewsroomRunner | undefined;
  let running: StoredNewsroom | undefined;
  let startedAt = 0;
  /** Serialises join, leave and wake so two messages never start two runners. */
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.then(task, task);
    chain = next.catch(() => {});
    return next;
  };

  const start = (stored: StoredNewsroom) => {
    running = stored;
    startedAt = clock.now();
    runner = startNewsroom({
      db,
      store,
      config: stored.config,
      password: stored.password,
      clock,
      ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
      ...deps.runner,
    });
    deps.wakeUps?.start();
  };

  const halt = async () => {
    const old = runner;
    runner = undefined;
    running = undefined;
    await old?.stop();
  };

  const wake = () =>
    serial(async () => {
      const stored = await credentials.load();
      if (!stored) {
        if (runner) await halt();
        deps.wakeUps?.stop();
        return;
      }
      if (!runner || JSON.stringify(running) !== JSON.stringify(stored)) {
        await halt();
        start(stored);
        return;
      }
      const { state, refusal } = runner.status;
      // A refusal that the other side can lift (the editor adds us, creates or closes the
      // node): try again, every few minutes at most.
      if (state === 'refused' && refusal !== 'password' && refusal !== 'insecure' && clock.now() - startedAt >= RETRY_REFUSED_MS) {
        await halt();
        start(stored);
      } else if (state === 'offline') runner.retryNow();
    });

  const report = async (): Promise<NewsroomReport> => {
    const stored = running ?? (await credentials.load());
    const status = runner?.status ?? (stored ? { ...OFF_STATUS, state: 'connecting' as const, newsroom: newsroomLabel(stored.config), jid: stored.config.jid } : OFF_STATUS);
    return {
      joined: stored !== null && stored !== undefined,
      ...(stored ? { config: stored.config } : {}),
      status,
      line: statusLine(status, clock.now()),
      problems: problemsLine(status),
    };
  };

  /** A short connection of its own for the editor's tasks. */
  const withPubSub = async <T>(doing: (pubsub: PubSub, config: NewsroomConfig) => Promise<T>): Promise<T> => {
    const stored = running ?? (await credentials.load());
    if (!stored) throw new Error('Join the newsroom first (your address and password are needed).');
    const session = await connect({
      service: stored.config.service,
      jid: stored.config.jid,
      password: stored.password,
      clock,
      keepAliveMs: 0,
      ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
    });
    try {
      return await doing(new PubSub(session, stored.config.pubsub), stored.config);
    } finally {
      await session.close();
    }
  };

  const members = () =>
    withPubSub(async (pubsub, config) => {
      const list = await pubsub.getAffiliations(config.node);
      return [...list.entries()].map(([jid, affiliation]): NewsroomMember => ({ jid, affiliation })).sort((a, b) => a.jid.localeCompare(b.jid));
    });

  return {
    wake,
    report,
    retry: () => runner?.retryNow(),
    stop: () => serial(halt),
    handlers: {
      'newsroom.status': async () => {
        // A page asking is a good moment to make sure the newsroom runs (the worker may have just woken).
        if (!runner) await wake();
        return report();
      },
      'newsroom.join': ({ password, ...input }) =>
        serial(async () => {
          const config = checkNewsroomConfig(input);
          if (!password) throw new Error('Enter the password (or app token) of your XMPP account.');
          await halt();
          await credentials.save({ config, password });
          start({ config, password });
        }).then(report),
      'newsroom.leave': () =>
        serial(async () => {
          await halt();
          // Tell the server to stop notifying this account (best effort: leaving works offline too).
          await withPubSub((pubsub, config) => pubsub.unsubscribe(config.node)).catch(() => {});
          await credentials.clear();
          deps.wakeUps?.stop();
        }).then(report),
      'newsroom.retry': async () => {
        // The user asked: start again at once, whatever the refusal (a password fixed elsewhere, a member just added).
        await serial(async () => {
          const stored = await credentials.load();
          await halt();
          if (stored) start(stored);
        });
        return report();
      },
      'newsroom.create': async () => {
        const message = await withPubSub(async (pubsub, config) => {
          try {
            await pubsub.createNode(config.node);
          } catch (error) {
            if (isXmppError(error, 'conflict')) return `The newsroom ${newsroomLabel(config)} already exists.`;
            throw error;
          }
          return `Created the newsroom ${newsroomLabel(config)}: only its members can read or write it. Add contributors below.`;
        });
        await serial(async () => {
          const stored = await credentials.load();
          await halt();
          if (stored) start(stored);
        });
        return { message };
      },
      'newsroom.members': () => members(),
      'newsroom.setMember': async ({ jid, member }) => {
        await withPubSub((pubsub, config) => (member ? pubsub.setAffiliation(config.node, jid.trim(), 'publisher') : pubsub.removeMember(config.node, jid.trim())));
        return members();
      },
    },
  };
}
