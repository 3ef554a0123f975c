import { describe, expect, it } from 'vitest';
import { backoffDelay, keepConnected, XmppError, type Clock, type XmppSession, type XmppStatus } from '../../../utils/sync/xmpp';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const clock: Clock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await flush();
      }
      now = until;
      await flush();
    },
  };
  return clock;
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** The part of a session keepConnected uses: it ends when the test says so. */
function fakeSession() {
  let end!: (status: XmppStatus) => void;
  const ended = new Promise<XmppStatus>((resolve) => (end = resolve));
  let closed = false;
  const session = {
    ended,
    close: async () => {
      closed = true;
      end({ state: 'offline', reason: 'Signed out.' });
    },
  } as unknown as XmppSession;
  return { session, lose: () => end({ state: 'offline', reason: 'The connection to x was lost.', error: new XmppError('connection-lost', 'lost') }), isClosed: () => closed };
}

describe('backoffDelay', () => {
  it('doubles from the first delay up to the ceiling, half of it random', () => {
    expect([1, 2, 3, 4, 10, 50].map((n) => backoffDelay(n, 1_000, 60_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, 1_000, 60_000, () => 0))).toEqual([500, 1_000, 2_000]);
  });
});

describe('keepConnected', () => {
  it('retries failed connections with growing delays, hands over the session, and starts over when it is lost', async () => {
    const clock = manualClock();
    const waits: number[] = [];
    const handed: XmppSession[] = [];
    const sessions = [fakeSession(), fakeSession()];
    let calls = 0;
    const keeper = keepConnected({
      clock,
      random: () => 1,
      connect: async () => {
        calls += 1;
        if (calls <= 3) throw new XmppError('connection-lost', 'Could not reach wss://x');
        return sessions[calls - 4]!.session;
      },
      onSession: (session) => void handed.push(session),
      onWait: (delay) => waits.push(delay),
    });
    await flush();
    expect(waits).toEqual([1_000]);
    await clock.advance(1_000);
    await clock.advance(2_000);
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    await clock.advance(3_999);
    expect(handed).toHaveLength(0);
    await clock.advance(1);
    expect(handed).toEqual([sessions[0]!.session]);
    expect(keeper.session).toBe(sessions[0]!.session);
    // Lost after a long stable stretch: the delays start over.
    await clock.advance(120_000);
    sessions[0]!.lose();
    await flush();
    expect(keeper.session).toBeUndefined();
    expect(waits.at(-1)).toBe(1_000);
    keeper.retryNow();
    await flush();
    expect(handed).toEqual([sessions[0]!.session, sessions[1]!.session]);
    await keeper.stop();
    expect(sessions[1]!.isClosed()).toBe(true);
    await clock.advance(600_000);
    expect(calls).toBe(5);
  });

  it('never retries a refusal', async () => {
    const clock = manualClock();
    let calls = 0;
    let refused: string | undefined;
    keepConnected({
      clock,
      connect: async () => {
        calls += 1;
        throw new XmppError('refused', 'The server refused the password for alice@example.org.');
      },
      onRefused: (status) => (refused = status.reason),
    });
    await clock.advance(3_600_000);
    expect(calls).toBe(1);
    expect(refused).toBe('The server refused the password for alice@example.org.');
  });

  it('stops waiting when stopped', async () => {
    const clock = manualClock();
    let calls = 0;
    const keeper = keepConnected({
      clock,
      connect: async () => {
        calls += 1;
        throw new XmppError('timeout', 'no answer');
      },
    });
    await flush();
    await keeper.stop();
    await clock.advance(3_600_000);
    expect(calls).toBe(1);
  });
});
