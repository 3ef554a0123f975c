import type { RemoteRecord } from '../merge/remote';
import type { AppliedRemote, ItemStore } from '../storage/items';
import { dropQueued, markSent, markUnsendable, nextToSend, queueMissing, requeue, type Outgoing, type OutgoingRecord } from '../storage/outbox';
import { readMark, writeMark } from '../storage/sync-state';
import type { NewsroomChannel } from './channel';
import { isXmppError, XmppError, type PubSubEvent, type PubSubItem } from './xmpp';
import { fnv1a } from '../model/fingerprint';

/**
 * The sync engine's steps, each short, resumable and safe to repeat (an MV3 service worker may
 * be stopped between any two of them):
 *   - `catchUp`: read what was published since this browser last caught up — the newsroom
 *     lists items by last publication, so those are the ones newer than the newest item it
 *     read then (the mark) — or, when the mark is not among them, on first joining, after a
 *     purge and at least once a day, every item in batches; each batch merges in one
 *     transaction; a full read then queues what this browser has and the newsroom lacks. Only
 *     a catch-up moves the mark, never a notification: notifications may come late, twice or
 *     not at all, what the newsroom lists is what it holds;
 *   - `flush`: send the outbox, a few items at a time; a row is settled only once its version
 *     reached the server, and only if nothing was queued for that item since;
 *   - `apply`: merge notifications as they arrive.
 * Merging is the store's (ItemStore.applyRemote): validated per record, far-ahead clocks held
 * back, conflicts kept in history. Issues' details travel as records of their own in the same
 * node (id `issue-meta:<newsletter>|<issue>`), sent, caught up and merged the same way. Why this converges: a member sends a version whenever its
 * merge holds something the newsroom's copy lacks, and catches up after every (re)connection,
 * so whatever the newsroom lost to a race is sent again by whoever still holds it.
 */

export interface SyncNotice {
  at: string;
  text: string;
}

/** A failure that needs the user: the session cannot go on (not a member, node gone or opened up). */
export class NewsroomRefusedError extends Error {
  override name = 'NewsroomRefusedError';
  constructor(
    readonly refusal: 'membership' | 'missing' | 'private',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SyncOptions {
  /** Where kept-aside records came from (the quarantine's `source`). */
  source: string;
  /** The newsroom in words, for messages. */
  label: string;
  now?: () => number;
  /** Items per fetch while catching up (default 250). */
  batchSize?: number;
  /** Publishes in flight at once (default 8). */
  window?: number;
  onProgress?: (done: number, total: number) => void;
  onNotice?: (notice: SyncNotice) => void;
}

/** A full read at least this often, so an item removed from the newsroom while no member was connected is put back. */
export const FULL_CATCH_UP_EVERY_MS = 24 * 3_600_000;
/** How many of the newest items an incremental catch-up reads before it gives up and reads everything. */
const SINCE_STEPS = [20, 250];

/** FNV-1a of the payload as read: the same version of an item gives the same fingerprint. */
function fingerprint(item: PubSubItem): string {
  const text = item.problem ?? JSON.stringify(item.json) ?? '';
  return `${text.length}.${fnv1a(text).toString(36)}`;
}

export interface CatchUpReport {
  /** 'since': only what was published since the mark; 'full': every item. */
  kind: 'full' | 'since';
  /** Items read from the newsroom. */
  items: number;
  added: number;
  updated: number;
  conflicts: number;
  keptAside: number;
  /** Items queued to be sent: merges the newsroom lacks, and items it does not have at all. */
  queued: number;
}

export interface FlushReport {
  sent: number;
  /** Items that cannot be sent as they are (kept, and reported). */
  unsendable: number;
  /** Items the server refused this time (retried in the next session). */
  failed: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en')} KiB`;
}

const encoder = new TextEncoder();

export class NewsroomSync {
  private readonly now: () => number;
  private readonly batchSize: number;
  private readonly window: number;
  /** Items the server refused in this session: not retried until the next one. */
  private readonly failed = new Set<string>();

  constructor(
    readonly store: ItemStore,
    readonly channel: NewsroomChannel,
    private readonly options: SyncOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.batchSize = options.batchSize ?? 250;
    this.window = options.window ?? 8;
  }

  private notice(text: string): void {
    this.options.onNotice?.({ at: new Date(this.now()).toISOString(), text });
  }

  /** Subscribe: from now on every change is notified (call before catching up, so nothing falls between). */
  async subscribe(): Promise<void> {
    try {
      await this.channel.subscribe();
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** Catch up with the newsroom: what was published since the mark, or everything (`full`, or when that cannot be told). */
  async catchUp(mode: 'auto' | 'full' = 'auto'): Promise<CatchUpReport> {
    try {
      const since = mode === 'auto' ? await this.catchUpSince() : null;
      return since ?? (await this.catchUpFully());
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private emptyReport(kind: CatchUpReport['kind']): CatchUpReport {
    return { kind, items: 0, added: 0, updated: 0, conflicts: 0, keptAside: 0, queued: 0 };
  }

  /** Only what was published after the mark; null when the mark is not found among the newest items. */
  private async catchUpSince(): Promise<CatchUpReport | null> {
    const mark = await readMark(this.store.db);
    if (!mark || mark.newsroom !== this.options.source || this.now() - Date.parse(mark.fullAt) > FULL_CATCH_UP_EVERY_MS) return null;
    for (const max of SINCE_STEPS) {
      const newest = await this.channel.fetchNewest(max);
      // An empty mark: the newsroom was empty then, so everything in it is new (if it all came).
      const at = mark.id === '' && newest.length < max ? newest.length : newest.findIndex((item) => item.id === mark.id && fingerprint(item) === mark.fingerprint);
      if (at === -1) {
        if (newest.length < max) return null; // the whole newsroom was read: the mark is gone (republished, removed)
        continue;
      }
      const report = this.emptyReport('since');
      const fresh = newest.slice(0, at).reverse();
      report.items = fresh.length;
      this.options.onProgress?.(0, fresh.length);
      if (fresh.length) this.count(await this.store.applyRemote(fresh, this.options.source), report);
      this.options.onProgress?.(fresh.length, fresh.length);
      if (newest[0]) await writeMark(this.store.db, { ...mark, id: newest[0].id, fingerprint: fingerprint(newest[0]) });
      return report;
    }
    return null;
  }

  /** Read every item of the newsroom, merge it, and queue what it lacks. */
  private async catchUpFully(): Promise<CatchUpReport> {
    const startedAt = new Date(this.now()).toISOString();
    const ids = await this.channel.listIds();
    const report = this.emptyReport('full');
    const present = new Set<string>();
    let newest: PubSubItem | undefined;
    this.options.onProgress?.(0, ids.length);
    for (let at = 0; at < ids.length; at += this.batchSize) {
      const fetched = await this.channel.fetch(ids.slice(at, at + this.batchSize));
      if (at === 0) newest = fetched.find((item) => item.id === ids[0]);
      for (const item of fetched) present.add(item.id);
      const plan = await this.store.applyRemote(fetched, this.options.source);
      this.count(plan, report);
      this.options.onProgress?.(Math.min(at + this.batchSize, ids.length), ids.length);
    }
    report.items = present.size;
    report.queued += await queueMissing(this.store.db, present, this.now());
    const mark = newest ? { id: newest.id, fingerprint: fingerprint(newest) } : ids.length === 0 ? { id: '', fingerprint: '' } : null;
    await writeMark(this.store.db, mark && { newsroom: this.options.source, ...mark, fullAt: startedAt });
    return report;
  }

  /** Merge notifications (in the order they came). Returns true when the whole newsroom should be read again (it was purged). */
  async apply(events: readonly PubSubEvent[]): Promise<{ catchUp: boolean; plan: AppliedRemote | null }> {
    const published: RemoteRecord[] = [];
    let catchUp = false;
    let plan: AppliedRemote | null = null;
    const applyPublished = async () => {
      if (published.length === 0) return;
      plan = await this.store.applyRemote(published.splice(0), this.options.source);
      this.count(plan, this.emptyReport('since'));
    };
    for (const event of events) {
      if (event.type === 'published') {
        const { type: _t, node: _n, ...record } = event;
        published.push(record);
        continue;
      }
      await applyPublished();
      if (event.type === 'retracted') {
        // Newsdesk never removes an item from the newsroom (a deletion is a version with a
        // tombstone): whatever removed it, the copy here goes back.
        const item = await this.store.get(event.id);
        if (await requeue(this.store.db, event.id, this.now())) {
          this.notice(`“${item?.title ?? event.id}” was removed from the newsroom by someone else; Newsdesk never removes items, so this browser’s copy is sent again.`);
        }
      } else if (event.type === 'purged') {
        this.notice('All items were removed from the newsroom by its owner; this browser sends its copies again.');
        await writeMark(this.store.db, null);
        catchUp = true;
      } else if (event.type === 'deleted') {
        throw new NewsroomRefusedError('missing', `The newsroom ${this.options.label} was deleted on the server. Nothing was removed from this browser.`);
      }
    }
    await applyPublished();
    return { catchUp, plan };
  }

  /** Send everything waiting, a window of items at a time. */
  async flush(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, unsendable: 0, failed: 0 };
    for (;;) {
      const batch = await nextToSend(this.store.db, this.window * 4, this.failed);
      if (batch.length === 0) return report;
      for (let at = 0; at < batch.length; at += this.window) {
        const part = batch.slice(at, at + this.window);
        const results = await Promise.allSettled(part.map((out) => this.send(out)));
        const sent: Array<{ entry: Outgoing['entry']; record: OutgoingRecord }> = [];
        let fatal: unknown;
        results.forEach((result, i) => {
          const out = part[i]!;
          if (result.status === 'fulfilled') {
            if (result.value === 'sent') sent.push({ entry: out.entry, record: out.record! });
            else if (result.value === 'unsendable') report.unsendable++;
          } else if (fatal === undefined && this.isFatal(result.reason)) {
            fatal = result.reason;
          } else if (fatal === undefined) {
            this.failed.add(out.entry.id);
            report.failed++;
            this.notice(`“${out.record?.title ?? out.entry.id}” could not be sent: ${result.reason instanceof Error ? result.reason.message : String(result.reason)} It is tried again after reconnecting.`);
          }
        });
        await markSent(this.store.db, sent, this.channel.jid);
        report.sent += sent.length;
        if (fatal !== undefined) throw this.refusal(fatal);
      }
    }
  }

  private async send(out: Outgoing): Promise<'sent' | 'unsendable' | 'dropped'> {
    if (!out.record) {
      if (out.problem?.startsWith('It is no longer stored')) await dropQueued(this.store.db, out.entry);
      else await markUnsendable(this.store.db, out.entry, out.problem ?? 'It cannot be read.');
      return 'dropped';
    }
    const item = out.record;
    const bytes = encoder.encode(JSON.stringify(item.json)).length;
    try {
      if (bytes > this.channel.maxJsonBytes) throw new XmppError('too-large', 'too large');
      await this.channel.publish(item.id, item.json);
      return 'sent';
    } catch (error) {
      if (!isXmppError(error, 'too-large')) throw error;
      const problem = `It is too large to send to the newsroom (${kib(bytes)}; the server takes at most ${kib(this.channel.maxJsonBytes)} per item). It stays in this browser and is sent once it fits — most of its size is the page text kept with it.`;
      await markUnsendable(this.store.db, out.entry, problem);
      this.notice(`“${item.title}” cannot be shared: ${problem}`);
      return 'unsendable';
    }
  }

  private isFatal(error: unknown): boolean {
    return isXmppError(error) && ['forbidden', 'item-not-found', 'precondition-not-met', 'connection-lost', 'timeout', 'not-authorized'].includes(error.code);
  }

  /** A failure in the newsroom's words: membership, a missing node and an opened node need the user. */
  private refusal(error: unknown): unknown {
    if (!isXmppError(error)) return error;
    const who = this.channel.jid;
    if (error.code === 'forbidden' || error.code === 'not-authorized') {
      return new NewsroomRefusedError('membership', `${who} is not a member of the newsroom ${this.options.label}; ask its editor to add you.`, { cause: error });
    }
    if (error.code === 'item-not-found') {
      return new NewsroomRefusedError('missing', `The newsroom ${this.options.label} does not exist (yet): its editor creates it in Newsdesk’s settings.`, { cause: error });
    }
    if (error.code === 'precondition-not-met') {
      return new NewsroomRefusedError('private', `The newsroom ${this.options.label} is no longer private (whitelist): Newsdesk sends nothing into it until its editor makes it private again.`, { cause: error });
    }
    return error;
  }

  private count(plan: AppliedRemote, report: CatchUpReport): void {
    const meta = plan.issueMeta;
    report.added += plan.added + meta.added;
    report.updated += plan.updated + meta.updated;
    report.conflicts += plan.conflicts.length + meta.conflicts.length;
    report.keptAside += plan.aside.length + meta.aside.length;
    report.queued += plan.queue.length + meta.queue.length;
    for (const c of plan.conflicts) {
      const side = c.lostSide === 'local' ? 'the version here' : 'the newsroom’s version';
      this.notice(`Conflict on “${c.title}”: kept the later edit (by ${c.kept.updatedBy || 'someone unnamed'}); ${side} differs in ${c.fields.join(', ')} and is kept in the item’s history.`);
    }
    for (const c of meta.conflicts) {
      const side = c.lostSide === 'local' ? 'the version here' : 'the newsroom’s version';
      this.notice(`Conflict on the details of ${c.newsletter} ${c.issue}: kept the later edit (by ${c.kept.updatedBy || 'someone unnamed'}); ${side} differs in ${c.fields.join(', ')} and is kept in the issue’s history.`);
    }
    const aside = [...plan.aside, ...meta.aside];
    if (aside.length) {
      this.notice(`${plural(aside.length, 'record')} from the newsroom kept aside, not applied: ${aside.slice(0, 2).map((a) => `${a.label} (${a.reasons[0] ?? ''})`).join('; ')}${aside.length > 2 ? '…' : ''} See Settings → records kept aside.`);
    }
  }
}
