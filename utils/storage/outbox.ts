import { checkIssueMeta, issueMetaKeyOfRecord, issueMetaRecordId, type IssueMeta } from '../model/issue-meta';
import { checkItem, type NewsItem } from '../model/item';
import { storageError } from './errors';
import type { NewsdeskDb, OutboxRecord, SenderRecord } from './schema';

/**
 * The outbox: items (and issues' details, under `issue-meta:<key>`) whose current version the
 * newsroom does not have yet. The write path (utils/storage/writer.ts) queues every version it
 * writes in the same transaction; the sync
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

/** A record to publish: an item's current version, or an issue's details. */
export interface OutgoingRecord {
  /** The newsroom id: the item's id, or `issue-meta:<key>`. */
  id: string;
  json: NewsItem | IssueMeta;
  /** For messages. */
  title: string;
  /** A first version (nothing before it): its sender is the one who made it. */
  first: boolean;
}

export interface Outgoing {
  entry: OutboxRecord;
  /** The current version; absent when its stored record cannot be read (`problem` says why). */
  record?: OutgoingRecord;
  problem?: string;
}

/** Rows' stored records, items and issue details alike, in the order of `ids` (undefined: not stored). */
async function storedRecords(db: NewsdeskDb, ids: readonly string[]): Promise<unknown[]> {
  const keys = ids.map(issueMetaKeyOfRecord);
  const itemIds = ids.filter((_, i) => keys[i] === null);
  const metaKeys = keys.filter((k): k is string => k !== null);
  const [items, metas] = await Promise.all([db.items.bulkGet(itemIds), db.issueMeta.bulkGet(metaKeys)]);
  let i = 0;
  let m = 0;
  return keys.map((key) => (key === null ? items[i++] : metas[m++]));
}

function outgoingOf(id: string, record: unknown): { record?: OutgoingRecord; problem?: string } {
  if (record === undefined) return { problem: 'It is no longer stored in this browser.' };
  const key = issueMetaKeyOfRecord(id);
  if (key !== null) {
    const checked = checkIssueMeta(record);
    if (!checked.ok) return { problem: `Its stored record cannot be read here (${checked.reasons.join('; ')}).` };
    const meta = checked.meta;
    return { record: { id, json: meta, title: `the details of ${meta.newsletter} ${meta.issue}`, first: meta.ancestors.length === 0 } };
  }
  const checked = checkItem(record);
  if (!checked.ok) return { problem: `Its stored record cannot be read here (${checked.reasons.join('; ')}).` };
  return { record: { id, json: checked.item, title: checked.item.title, first: checked.item.ancestors.length === 0 } };
}

/** Up to `limit` queued items to send, oldest first, skipping ids in `skip` and rows that cannot be sent. */
export async function nextToSend(db: NewsdeskDb, limit: number, skip: ReadonlySet<string> = new Set()): Promise<Outgoing[]> {
  try {
    return await db.transaction('r', [db.outbox, db.items, db.issueMeta], async () => {
      const entries = await db.outbox
        .orderBy('queuedAt')
        .filter((row) => row.problem === undefined && !skip.has(row.id))
        .limit(limit)
        .toArray();
      const records = await storedRecords(db, entries.map((e) => e.id));
      return entries.map((entry, i) => ({ entry, ...outgoingOf(entry.id, records[i]) }));
    });
  } catch (error) {
    throw storageError(error, 'read the changes waiting for the newsroom');
  }
}

/**
 * These versions reached the newsroom: their rows go, unless the record was queued again since
 * (another `seq`). `jid` (this member's address) is recorded as the items' sender.
 */
export async function markSent(db: NewsdeskDb, sent: ReadonlyArray<{ entry: OutboxRecord; record: OutgoingRecord }>, jid?: string): Promise<void> {
  if (sent.length === 0) return;
  try {
    await db.transaction('rw', [db.outbox, db.senders], async () => {
      const ids = sent.map((s) => s.entry.id);
      const [rows, senders] = await Promise.all([db.outbox.bulkGet(ids), db.senders.bulkGet(ids)]);
      const done = sent.filter((s, i) => rows[i]?.seq === s.entry.seq).map((s) => s.entry.id);
      if (done.length) await db.outbox.bulkDelete(done);
      if (jid) {
        const rows = sent.flatMap(({ record }, i): SenderRecord[] => {
          if (issueMetaKeyOfRecord(record.id) !== null) return [];
          const first = senders[i]?.firstJid ?? (record.first ? jid : undefined);
          return [{ id: record.id, hlc: record.json.hlc, jid, ...(first ? { firstJid: first } : {}) }];
        });
        if (rows.length) await db.senders.bulkPut(rows);
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

/** Drop a row that has nothing to send (its record is gone), unless it was queued again. */
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
 * Queue every stored item (and issue's details) the newsroom does not hold at all (`present`:
 * the ids it lists), so a collection that existed before joining, or records removed from the
 * newsroom by someone else, are sent. Returns how many were queued.
 */
export async function queueMissing(db: NewsdeskDb, present: ReadonlySet<string>, now: number): Promise<number> {
  try {
    return await db.transaction('rw', [db.items, db.issueMeta, db.outbox], async () => {
      const [itemIds, metaKeys, queued] = await Promise.all([db.items.toCollection().primaryKeys(), db.issueMeta.toCollection().primaryKeys(), db.outbox.toCollection().primaryKeys()]);
      const waiting = new Set(queued);
      const missing = [...itemIds, ...metaKeys.map(issueMetaRecordId)].filter((id) => !present.has(id) && !waiting.has(id));
      if (missing.length === 0) return 0;
      const records = await storedRecords(db, missing);
      const rows: OutboxRecord[] = [];
      missing.forEach((id, i) => {
        const { record } = outgoingOf(id, records[i]);
        if (record) rows.push(outboxRow({ id, hlc: record.json.hlc }, now));
      });
      await db.outbox.bulkPut(rows);
      return rows.length;
    });
  } catch (error) {
    throw storageError(error, 'queue the items the newsroom lacks');
  }
}

/** Queue one stored record again (the newsroom lost it); false when it is not stored here. */
export async function requeue(db: NewsdeskDb, id: string, now: number): Promise<boolean> {
  try {
    return await db.transaction('rw', [db.items, db.issueMeta, db.outbox], async () => {
      const [stored] = await storedRecords(db, [id]);
      const { record } = outgoingOf(id, stored);
      if (!record) return false;
      await db.outbox.put(outboxRow({ id, hlc: record.json.hlc }, now));
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
    return await db.transaction('r', [db.outbox, db.items, db.issueMeta], async () => {
      const blocked = await db.outbox.filter((row) => row.problem !== undefined).toArray();
      const total = await db.outbox.count();
      const records = await storedRecords(db, blocked.map((row) => row.id));
      return {
        waiting: total - blocked.length,
        problems: blocked.map((row, i) => {
          const title = outgoingOf(row.id, records[i]).record?.title ?? (records[i] as { title?: unknown } | undefined)?.title;
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
