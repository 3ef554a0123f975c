/**
 * The newsroom's state as a user reads it: one status object (kept by the sync runner in the
 * background) and the sentence every page shows for it — the options page, the Desk header and
 * the popup's status line all use `statusLine`, so they say the same thing.
 */

export type NewsroomState = 'off' | 'connecting' | 'catching-up' | 'connected' | 'offline' | 'refused';

/** Why the newsroom refused (each needs the user, not a retry). */
export type Refusal =
  /** Wrong password, unknown or disabled account. */
  | 'password'
  /** Signed in, but not a member of the node (whitelist). */
  | 'membership'
  /** No such node (the editor has not created it, or it was deleted). */
  | 'missing'
  /** The node is no longer whitelist-only: Newsdesk does not publish into it. */
  | 'private'
  /** Not an encrypted address (ws:// off this computer), or not a WebSocket address. */
  | 'insecure';

export interface NewsroomNotice {
  /** ISO 8601 */
  at: string;
  text: string;
}

export interface NewsroomStatus {
  state: NewsroomState;
  /** “xmpp-newsletter” on pubsub.example.org */
  newsroom?: string;
  jid?: string;
  /** Changes in this browser the newsroom does not have yet. */
  waiting: number;
  /** While catching up: items read of all. */
  progress?: { done: number; total: number };
  /** Why offline or refused, in words. */
  reason?: string;
  refusal?: Refusal;
  /** When offline: the time (ms since 1970) of the next attempt. */
  retryAt?: number;
  /** Items that cannot be sent as they are (too large), with the reason. */
  problems: Array<{ id: string; title: string; problem: string }>;
  /** Recent things worth knowing (conflicts, records kept aside, items put back), newest last. */
  notices: NewsroomNotice[];
  /** ISO 8601: the last time everything was caught up and sent. */
  lastSyncAt?: string;
}

export const OFF_STATUS: NewsroomStatus = { state: 'off', waiting: 0, problems: [], notices: [] };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function inSeconds(at: number, now: number): string {
  const s = Math.max(0, Math.round((at - now) / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The status in one plain sentence (two at most). */
export function statusLine(status: NewsroomStatus, now = Date.now()): string {
  const waiting = status.waiting;
  switch (status.state) {
    case 'off':
      return 'Not in a newsroom.';
    case 'connecting':
      return `Connecting to the newsroom…${waiting ? ` ${plural(waiting, 'change')} waiting to be sent.` : ''}`;
    case 'catching-up': {
      const p = status.progress;
      return p && p.total > 0 ? `Catching up with the newsroom: ${p.done.toLocaleString('en')} of ${plural(p.total, 'item')} read.` : 'Catching up with the newsroom…';
    }
    case 'connected':
      return waiting ? `Connected to the newsroom; sending ${plural(waiting, 'change')}.` : 'Connected to the newsroom: everything is shared.';
    case 'offline': {
      const when = status.retryAt !== undefined ? ` Next try in ${inSeconds(status.retryAt, now)}.` : '';
      const what = waiting ? `Offline: ${plural(waiting, 'change')} waiting, sent when the connection is back.` : 'Offline: nothing waiting to be sent.';
      return `${what}${when}${status.reason ? ` (${status.reason})` : ''}`;
    }
    case 'refused':
      return `Refused: ${status.reason ?? 'the newsroom refused this browser.'}${waiting ? ` ${plural(waiting, 'change')} waiting.` : ''}`;
  }
}

/** Items that cannot be shared, in one sentence, or null. */
export function problemsLine(status: NewsroomStatus): string | null {
  const n = status.problems.length;
  if (n === 0) return null;
  const titles = status.problems.slice(0, 3).map((p) => `“${p.title}”`).join(', ');
  return `${plural(n, 'item')} cannot be shared: ${titles}${n > 3 ? '…' : ''}.`;
}
