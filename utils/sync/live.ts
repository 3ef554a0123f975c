import Dexie, { type ObservabilitySet } from 'dexie';
import { ItemStore } from '../storage/items';
import { outboxSummary } from '../storage/outbox';
import type { NewsdeskDb } from '../storage/schema';
import { pubsubChannel, type NewsroomChannel } from './channel';
import { NewsroomRefusedError, NewsroomSync, type SyncNotice } from './engine';
import { newsroomLabel, newsroomSource, type NewsroomConfig } from './newsroom';
import { OFF_STATUS, type NewsroomStatus } from './status';
import { connect, keepConnected, PubSub, systemClock, type Clock, type ConnectOptions, type Keeper, type PubSubEvent, type WebSocketConstructor, type XmppSession } from './xmpp';

/**
 * A live newsroom: stays connected (keepConnected: reconnects with backoff, never retries a
 * refused password), and on every session subscribes, catches up and sends the outbox; then
 * merges notifications as they come and sends each local change as it is queued (it watches the
 * outbox, so changes made by any page — the Desk, the options page, the popup's background — go
 * out at once). One task runs at a time; each is a short engine step, safe to repeat. The same
 * code runs in the extension's background and in Node (tests, bench).
 */

export interface NewsroomRunnerOptions {
  db: NewsdeskDb;
  store?: ItemStore;
  config: NewsroomConfig;
  password: string;
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  /** Passed to `connect` (keep-alive, timeouts, stanza limit). */
  connection?: Partial<Pick<ConnectOptions, 'keepAliveMs' | 'timeoutMs' | 'maxStanzaBytes' | 'mechanisms' | 'resource'>>;
  /** Reconnection delays (default 1 s doubling to 5 min). */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /** Watch the outbox for changes made anywhere (default true). */
  watchOutbox?: boolean;
  /** Items per fetch while catching up. */
  batchSize?: number;
  /** A quiet catch-up while connected, this often (default 15 min). */
  checkpointMs?: number;
  /** A session to the newsroom other than the XMPP one (the model tests' in-memory server). */
  channelFor?: (session: XmppSession) => NewsroomChannel;
}

export interface NewsroomRunner {
  readonly status: NewsroomStatus;
  onStatus(listener: (status: NewsroomStatus) => void): () => void;
  /** Something was queued: send it (when connected) and recount what is waiting. */
  kick(): void;
  /** Skip the wait before the next connection attempt. */
  retryNow(): void;
  /** Resolves once no step is running or queued. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_NOTICES = 20;
/** A quiet catch-up while connected, this often. */
const CHECKPOINT_MS = 15 * 60_000;

export function startNewsroom(options: NewsroomRunnerOptions): NewsroomRunner {
  const { db, config } = options;
  const clock = options.clock ?? systemClock;
  const store = options.store ?? new ItemStore(db, { now: () => clock.now() });
  const label = newsroomLabel(config);
  const listeners = new Set<(status: NewsroomStatus) => void>();
  let status: NewsroomStatus = { ...OFF_STATUS, state: 'connecting', newsroom: label, jid: config.jid };
  let stopped = false;
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  let flushQueued = false;
  let current: { session: XmppSession; sync: NewsroomSync } | undefined;

  const set = (patch: Partial<NewsroomStatus>) => {
    status = { ...status, ...patch };
    if (patch.state && patch.state !== 'catching-up') delete status.progress;
    if (patch.state && patch.state !== 'offline') delete status.retryAt;
    if (patch.state && patch.state !== 'offline' && patch.state !== 'refused') {
      delete status.reason;
      delete status.refusal;
    }
    for (const listener of [...listeners]) {
      try {
        listener(status);
      } catch {
        // a listener's failure is not the newsroom's
      }
    }
  };
  const notice = (n: SyncNotice) => set({ notices: [...status.notices, n].slice(-MAX_NOTICES) });

  // Counting reads the outbox: once at a time, and again once more if asked meanwhile (a
  // large first send changes it thousands of times).
  let counting: Promise<void> | undefined;
  let countAgain = false;
  const recount = async (): Promise<void> => {
    if (counting) {
      countAgain = true;
      return counting;
    }
    counting = (async () => {
      do {
        countAgain = false;
        try {
          const summary = await outboxSummary(db);
          set({ waiting: summary.waiting, problems: summary.problems });
        } catch {
          // counting is a courtesy; the next step counts again
        }
      } while (countAgain && !stopped);
    })();
    try {
      await counting;
    } finally {
      counting = undefined;
    }
  };

  /** Run steps one at a time; a step of a session that has ended is skipped. */
  const enqueue = (step: () => Promise<void>) => {
    pending++;
    tail = tail.then(step).catch(fail).finally(() => {
      pending--;
    });
    return tail;
  };

  const fail = async (error: unknown) => {
    if (error instanceof NewsroomRefusedError) {
      set({ state: 'refused', reason: error.message, refusal: error.refusal });
      await keeper.stop();
      return;
    }
    // A lost connection: keepConnected reports it and connects again. Anything else is said.
    if (current && current.session.status.state === 'online') {
      notice({ at: new Date(clock.now()).toISOString(), text: `The newsroom stopped: ${error instanceof Error ? error.message : String(error)} Newsdesk reconnects.` });
      await current.session.close();
    }
  };

  const flushStep = (sync: NewsroomSync) => async () => {
    flushQueued = false;
    if (current?.sync !== sync) return;
    await sync.flush();
    await recount();
    if (current?.sync === sync && status.state === 'connected' && status.waiting === 0) set({ lastSyncAt: new Date(clock.now()).toISOString() });
  };

  const scheduleFlush = () => {
    if (!current || flushQueued) return;
    flushQueued = true;
    void enqueue(flushStep(current.sync));
  };

  const catchUpStep = (sync: NewsroomSync, quietly = false) => async () => {
    if (current?.sync !== sync) return;
    if (!quietly) set({ state: 'catching-up', progress: { done: 0, total: 0 } });
    await sync.catchUp();
    if (current?.sync !== sync) return;
    if (!quietly || status.state === 'catching-up') set({ state: 'connected' });
    await recount();
  };

  // While connected, catch up now and then anyway (cheap: the newest few items): it moves the
  // mark, so a later reconnect reads little, and it picks up what a lost notification missed.
  let checkpoint: unknown;
  const scheduleCheckpoint = (sync: NewsroomSync) => {
    clock.clearTimeout(checkpoint);
    checkpoint = clock.setTimeout(() => {
      if (current?.sync !== sync) return;
      void enqueue(catchUpStep(sync, true)).then(() => scheduleCheckpoint(sync));
    }, options.checkpointMs ?? CHECKPOINT_MS);
  };

  const onEvents = (sync: NewsroomSync, events: PubSubEvent[]) => async () => {
    if (current?.sync !== sync) return;
    const { catchUp } = await sync.apply(events);
    if (catchUp) await catchUpStep(sync)();
    scheduleFlush();
  };

  const keeper: Keeper = keepConnected({
    clock,
    ...(options.reconnect?.minDelayMs !== undefined ? { minDelayMs: options.reconnect.minDelayMs } : {}),
    ...(options.reconnect?.maxDelayMs !== undefined ? { maxDelayMs: options.reconnect.maxDelayMs } : {}),
    connect: () => {
      set({ state: 'connecting' });
      return connect({ service: config.service, jid: config.jid, password: options.password, clock, ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}), ...options.connection });
    },
    onSession: async (session) => {
      const channel = options.channelFor?.(session) ?? pubsubChannel(new PubSub(session, config.pubsub), config.node);
      const sync = new NewsroomSync(store, channel, {
        source: newsroomSource(config),
        label,
        now: () => clock.now(),
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        onProgress: (done, total) => {
          if (current?.sync === sync) set({ state: 'catching-up', progress: { done, total } });
        },
        onNotice: notice,
      });
      current = { session, sync };
      // Notifications that arrive while catching up wait their turn: merging is order-free.
      let batch: PubSubEvent[] = [];
      channel.onEvent((event) => {
        batch.push(event);
        if (batch.length === 1) {
          void enqueue(async () => {
            const events = batch;
            batch = [];
            await onEvents(sync, events)();
          });
        }
      });
      session.ended.then(() => {
        if (current?.sync === sync) current = undefined;
      });
      set({ state: 'catching-up', progress: { done: 0, total: 0 } });
      await sync.subscribe().catch(async (error: unknown) => {
        await fail(error);
        throw error;
      });
      await enqueue(catchUpStep(sync));
      scheduleFlush();
      scheduleCheckpoint(sync);
    },
    onWait: (delayMs, reason) => {
      if (stopped) return;
      set({ state: 'offline', reason, retryAt: clock.now() + delayMs });
      void recount();
    },
    onRefused: (refused) => {
      set({ state: 'refused', reason: refused.reason, refusal: refused.error.code === 'insecure' ? 'insecure' : 'password' });
    },
  });

  // Changes queued by any page: send them now. Dexie tells every context of the origin which
  // tables a transaction changed (a BroadcastChannel), so no page has to tell the background.
  const outboxPart = `idb://${db.name}/outbox/`;
  const onMutated = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part.startsWith(outboxPart))) {
      void recount();
      scheduleFlush();
    }
  };
  if (options.watchOutbox !== false) Dexie.on.storagemutated.subscribe(onMutated);

  return {
    get status() {
      return status;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    kick() {
      void recount();
      scheduleFlush();
    },
    retryNow() {
      keeper.retryNow();
    },
    async idle() {
      for (;;) {
        const seen = tail;
        await seen;
        if (tail === seen && pending === 0) return;
      }
    },
    async stop() {
      stopped = true;
      clock.clearTimeout(checkpoint);
      Dexie.on.storagemutated.unsubscribe(onMutated);
      current = undefined;
      await keeper.stop();
      await tail.catch(() => {});
      set({ ...OFF_STATUS, state: 'off', notices: status.notices });
    },
  };
}
