/**
 * Keep a connection up: connect, hand each new session to the caller, and when it ends connect
 * again after an exponential, jittered delay. Never retries a refusal (wrong password, account
 * disabled, insecure address): that needs the user. A session is a fresh start each time, so the
 * caller's `onSession` re-attaches listeners and catches up (fetch what it missed) — PubSub
 * notifications sent while offline are not replayed by the server.
 */
import { systemClock, type Clock } from './clock';
import type { XmppSession, XmppStatus } from './connection';
import { XmppError } from './errors';

export interface KeepConnectedOptions {
  connect: () => Promise<XmppSession>;
  /** Each new session, once online. If it throws, that session is closed and retried like a lost one. */
  onSession?: (session: XmppSession) => void | Promise<void>;
  /** The next attempt is in `delayMs`, after `reason`. */
  onWait?: (delayMs: number, reason: string) => void;
  /** Gave up for good: the server refused (the status says why). */
  onRefused?: (status: Extract<XmppStatus, { state: 'refused' }>) => void;
  clock?: Clock;
  random?: () => number;
  /** First delay (default 1 s), doubling up to `maxDelayMs` (default 5 min). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A session that lasted this long resets the delay to the first one (default 60 s). */
  stableAfterMs?: number;
}

export interface Keeper {
  /** The session currently online, if any. */
  readonly session: XmppSession | undefined;
  /** Skip the wait (e.g. the browser says it is online again). */
  retryNow(): void;
  /** Stop reconnecting and close the current session. */
  stop(): Promise<void>;
}

/** Delay before attempt `attempt` (1-based): half fixed, half random, so clients don't stampede. */
export function backoffDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function keepConnected(options: KeepConnectedOptions): Keeper {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const minDelayMs = options.minDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let attempt = 0;
  let stopped = false;
  let timer: unknown;
  let current: XmppSession | undefined;

  const wait = (reason: string) => {
    if (stopped) return;
    attempt += 1;
    const delay = backoffDelay(attempt, minDelayMs, maxDelayMs, random);
    options.onWait?.(delay, reason);
    timer = clock.setTimeout(() => {
      timer = undefined;
      void cycle();
    }, delay);
  };

  const refused = (error: XmppError) => {
    options.onRefused?.({ state: 'refused', reason: error.message, error });
  };

  async function cycle(): Promise<void> {
    if (stopped) return;
    let session: XmppSession;
    try {
      session = await options.connect();
    } catch (error) {
      if (error instanceof XmppError && (error.code === 'refused' || error.code === 'insecure')) refused(error);
      else wait(error instanceof Error ? error.message : String(error));
      return;
    }
    if (stopped) {
      await session.close();
      return;
    }
    current = session;
    const startedAt = clock.now();
    try {
      await options.onSession?.(session);
    } catch {
      await session.close();
    }
    const final = await session.ended;
    current = undefined;
    if (stopped) return;
    if (final.state === 'refused') {
      refused(final.error);
      return;
    }
    if (clock.now() - startedAt >= stableAfterMs) attempt = 0;
    wait(final.state === 'offline' ? final.reason : 'The connection ended.');
  }

  void cycle();
  return {
    get session() {
      return current;
    },
    retryNow() {
      if (stopped || timer === undefined) return;
      clock.clearTimeout(timer);
      timer = undefined;
      void cycle();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      await current?.close();
    },
  };
}
