import { checkItem, type NewsItem } from '../model/item';
import { storageError } from './errors';
import type { NewsdeskDb, OutboxRecord, SenderRecord } from './schema';

/**
 * The outbox: items whose current version the newsroom does not have yet. The write path
 * (utils/storage/items.ts) queues every version it writes in the same transaction; the sync
 * engine (utils/sync/engine.ts) sends the queued items and settles each row only if nothing was
 * queued for that item meanwhile, so a change made while a send is in flight is sent again, and
 * a send that is interrupted is simply repeated (republishing the same version is harmless).
 */

function randomSeq(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The outbox row for a version just written: a new `seq`, and any earlier problem forgotten (the item changed). */
export function outboxRow(item: Pick<NewsItem, 'id' | 'hlc'>, now: number): OutboxRecord {
  return { id: item.id, seq: randomSeq(), hlc: item.hlc, queuedAt: new Date(now).toISOString() };
}

export interface Outgoing {
  entry: OutboxRecord;
  /** The item's current version; absent when its stored record cannot be read (`problem` says why). */
  item?: NewsItem;
  problem?: string;
}

/** Up to `limit` queued items to send, oldest first, skipping ids in `skip` and rows that cannot be sent. */
export async function nextToSend(db: NewsdeskDb, limit: number, skip: ReadonlySet<string> = new Set()): Promise<Outgoing[]> {
  try {
    return await db.transaction('r', [db.outbox, db.items], async () => {
      const entries = await db.outbox
        .orderBy('queuedAt')
        .filter((row) => row.problem === undefined && !skip.has(row.id))
        .limit(limit)
        .toArray();
      const records = await db.items.bulkGet(entries.map((e) => e.id));
      return entries.map((entry, i) => {
        const record = records[i];
        if (record === undefined) return { entry, problem: 'It is no longer stored in this browser.' };
        const checked = checkItem(record);
        return checked.ok ? { entry, item: checked.item } : { entry, problem: `Its stored record cannot be read here (${checked.reasons.join('; ')}).` };
      });
    });
  } catch (error) {
    throw storageError(error, 'read the changes waiting for the newsroom');
  }
}

/**
 * These versions reached the newsroom: their rows go, unless the item was queued again since
 * (another `seq`). `jid` (this member's address) is recorded as their sender.
 */
export async function markSent(db: NewsdeskDb, sent: ReadonlyArray<{ entry: OutboxRecord; item: NewsItem }>, jid?: string): Promise<void> {
  if (sent.length === 0) return;
  try {
    await db.transaction('rw', [db.outbox, db.senders], async () => {
      const ids = sent.map((s) => s.entry.id);
      const [rows, senders] = await Promise.all([db.outbox.bulkGet(ids), db.senders.bulkGet(ids)]);
      const done = sent.filter((s, i) => rows[i]?.seq === s.entry.seq).map((s) => s.entry.id);
      if (done.length) await db.outbox.bulkDelete(done);
      if (jid) {
        await db.senders.bulkPut(
          sent.map(({ item }, i): SenderRecord => {
            const first = senders[i]?.firstJid ?? (item.ancestors.length === 0 ? jid : undefined);
            return { id: item.id, hlc: item.hlc, jid, ...(first ? { firstJid: first } : {}) };
          }),
        );
      }
    });
  } catch (error) {
    throw storageError(error, 'note what was sent to the newsroom');
  }
}

/** This row cannot be sent as it is (e.g. too large): kept with the reason, retried once the item changes. */
export async function markUnsendable(db: NewsdeskDb, entry: OutboxRecord, problem: string): Promise<void> {
  try {
    await db.transaction('rw', db.outbox, async () => {
      const row = await db.outbox.get(entry.id);
      if (row?.seq === entry.seq) await db.outbox.put({ ...row, problem });
    });
  } catch (error) {
    throw storageError(error, 'note a change that cannot be sent');
  }
}

/** Drop a row that has nothing to send (its item is gone), unless it was queued again. */
export async function dropQueued(db: NewsdeskDb, entry: OutboxRecord): Promise<void> {
  try {
    await db.transaction('rw', db.outbox, async () => {
      const row = await db.outbox.get(entry.id);
      if (row?.seq === entry.seq) await db.outbox.delete(entry.id);
    });
  } catch (error) {
    throw storageError(error, 'update the changes waiting for the newsroom');
  }
}

/**
 * Queue every stored item the newsroom does not hold at all (`present`: the ids it lists), so a
 * collection that existed before joining, or items removed from the newsroom by someone else,
 * are sent. Returns how many were queued.
 */
export async function queueMissing(db: NewsdeskDb, present: ReadonlySet<string>, now: number): Promise<number> {
  try {
    return await db.transaction('rw', [db.items, db.outbox], async () => {
      const [ids, queued] = await Promise.all([db.items.toCollection().primaryKeys(), db.outbox.toCollection().primaryKeys()]);
      const waiting = new Set(queued);
      const missing = ids.filter((id) => !present.has(id) && !waiting.has(id));
      if (missing.length === 0) return 0;
      const rows: OutboxRecord[] = [];
      for (const record of await db.items.bulkGet(missing)) {
        const checked = checkItem(record);
        if (checked.ok) rows.push(outboxRow(checked.item, now));
      }
      await db.outbox.bulkPut(rows);
      return rows.length;
    });
  } catch (error) {
    throw storageError(error, 'queue the items the newsroom lacks');
  }
}

/** Queue one stored item again (the newsroom lost it); false when it is not stored here. */
export async function requeue(db: NewsdeskDb, id: string, now: number): Promise<boolean> {
  try {
    return await db.transaction('rw', [db.items, db.outbox], async () => {
      const checked = checkItem(await db.items.get(id));
      if (!checked.ok) return false;
      await db.outbox.put(outboxRow(checked.item, now));
      return true;
    });
  } catch (error) {
    throw storageError(error, 'queue the item again');
  }
}

export interface OutboxSummary {
  /** Items waiting to be sent. */
  waiting: number;
  /** Items that cannot be sent as they are, with the reason. */
  problems: Array<{ id: string; title: string; problem: string }>;
}

export async function outboxSummary(db: NewsdeskDb): Promise<OutboxSummary> {
  try {
    return await db.transaction('r', [db.outbox, db.items], async () => {
      const blocked = await db.outbox.filter((row) => row.problem !== undefined).toArray();
      const total = await db.outbox.count();
      const records = await db.items.bulkGet(blocked.map((row) => row.id));
      return {
        waiting: total - blocked.length,
        problems: blocked.map((row, i) => {
          const title = (records[i] as { title?: unknown } | undefined)?.title;
          return { id: row.id, title: typeof title === 'string' && title ? title : row.id, problem: row.problem! };
        }),
      };
    });
  } catch (error) {
    throw storageError(error, 'count the changes waiting for the newsroom');
  }
}

/** Who sent these items' current versions to the newsroom, by item id (as far as this browser knows). */
export async function sendersOf(db: NewsdeskDb, ids: readonly string[]): Promise<Map<string, SenderRecord>> {
  try {
    const rows = await db.senders.bulkGet([...ids]);
    return new Map(rows.filter((row): row is SenderRecord => row !== undefined).map((row) => [row.id, row]));
  } catch (error) {
    throw storageError(error, 'read who sent the items');
  }
}
