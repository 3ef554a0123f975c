import { HybridClock, newNodeId } from '../model/hlc';
import { issueMetaRecordId, issueMetaSchema, type IssueMeta } from '../model/issue-meta';
import { itemSchema, type NewsItem } from '../model/item';
import { ValidationError } from '../model/fit';
import { stampIssueMeta, stampVersion, type IssueMetaVersionFields, type VersionFields } from '../model/stamp';
import { storageError } from './errors';
import { outboxRow } from './outbox';
import type { NewsdeskDb } from './schema';
import { readSettings } from './settings';

/**
 * THE stamped write transaction. Every change of an item (utils/storage/items.ts) and of an
 * issue's metadata (utils/storage/issue-meta.ts) is written inside `stampedWrite`, which
 *   1. loads this browser's clock (and node id) from the settings table and who is writing,
 *   2. hands out stamps higher than every stamp this browser issued or saw, and validates each
 *      new version with the same zod schema backups are read with,
 *   3. writes the versions and queues them for the newsroom (the outbox), then saves the clock,
 * all in ONE IndexedDB transaction, so stamps keep rising across the background, the Desk and
 * the options page, and a failure half-way leaves nothing behind.
 */

export interface Writer {
  clock: HybridClock;
  contributor: string;
  /** A new version of `before` (or a first one) with these fields, stamped and validated. */
  stamp(before: NewsItem | undefined, fields: VersionFields): NewsItem;
  /** Store these versions and queue them for the newsroom, in this transaction. */
  put(items: NewsItem | readonly NewsItem[]): Promise<void>;
  /** A new version of an issue's metadata (or a first one), stamped and validated. */
  stampMeta(before: IssueMeta | undefined, fields: IssueMetaVersionFields): IssueMeta;
  /** Store these metadata versions and queue them for the newsroom, in this transaction. */
  putMeta(metas: readonly IssueMeta[]): Promise<void>;
}

const CLOCK_KEY = 'hlc';
const NODE_KEY = 'node';

export type TableName = keyof NewsdeskDb & string;

/**
 * Run `fn` in one read-write transaction over items, metadata, settings and the outbox (and
 * `extraTables`), with the clock loaded from, and saved back to, the settings table.
 */
export async function stampedWrite<T>(db: NewsdeskDb, now: () => number, doing: string, fn: (w: Writer) => Promise<T>, extraTables: readonly TableName[] = []): Promise<T> {
  const tables = [db.items, db.issueMeta, db.settings, db.outbox, ...extraTables.map((name) => db.table(name))];
  try {
    return await db.transaction('rw', tables, async () => {
      const [nodeRow, clockRow, settings] = await Promise.all([db.settings.get(NODE_KEY), db.settings.get(CLOCK_KEY), readSettings(db)]);
      let node = nodeRow?.value;
      if (!node || !/^[a-z0-9-]{1,32}$/.test(node)) {
        node = newNodeId();
        await db.settings.put({ key: NODE_KEY, value: node });
      }
      const clock = new HybridClock(node, now, clockRow?.value);
      const writer: Writer = {
        clock,
        contributor: settings.contributor,
        stamp: (before, fields) => validatedItem(stampVersion(before, fields, clock.now(), settings.contributor)),
        put: async (one) => {
          const at = now();
          if (!Array.isArray(one)) {
            const item = one as NewsItem;
            await db.items.put(item);
            await db.outbox.put(outboxRow(item, at));
            return;
          }
          const items = one as readonly NewsItem[];
          if (items.length === 0) return;
          await db.items.bulkPut(items);
          await db.outbox.bulkPut(items.map((item) => outboxRow(item, at)));
        },
        stampMeta: (before, fields) => validatedIssueMeta(stampIssueMeta(before, fields, clock.now(), settings.contributor)),
        putMeta: async (metas) => {
          if (metas.length === 0) return;
          const at = now();
          await db.issueMeta.bulkPut(metas);
          await db.outbox.bulkPut(metas.map((meta) => outboxRow({ id: issueMetaRecordId(meta.key), hlc: meta.hlc }, at)));
        },
      };
      const result = await fn(writer);
      await db.settings.put({ key: CLOCK_KEY, value: clock.last });
      return result;
    });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const inner = (error as { inner?: unknown } | null)?.inner;
    if (inner instanceof ValidationError) throw inner;
    throw storageError(error, doing);
  }
}

/** This browser's clock as last saved (for previews, which stamp nothing). */
export async function savedClock(db: NewsdeskDb, now: () => number): Promise<HybridClock> {
  const row = await db.settings.get(CLOCK_KEY);
  return new HybridClock('preview', now, row?.value);
}

/** The item as the schema reads it, or a ValidationError in words. */
export function validatedItem(candidate: unknown): NewsItem {
  const parsed = itemSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'item'} ${i.message}`);
  throw new ValidationError(`Newsdesk cannot store this item: ${reasons.join('; ')}.`);
}

/** The metadata as the schema reads it, or a ValidationError in words. */
export function validatedIssueMeta(candidate: unknown): IssueMeta {
  const parsed = issueMetaSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'record'} ${i.message}`);
  throw new ValidationError(`Newsdesk cannot store the issue’s details: ${reasons.join('; ')}.`);
}
