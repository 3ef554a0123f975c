import { storageError } from './errors';
import type { NewsdeskDb } from './schema';
import { readLastBackup } from './settings';

/**
 * Keeping a month of clippings safe: ask the browser not to evict Newsdesk's storage, report
 * what is stored, and remind the contributor to download a backup around the end of each
 * issue period. The reminder rule is pure; the browser calls are small wrappers that never
 * throw (a browser without the API just reports "unknown").
 */

export interface StorageStatus {
  /** Live items in the collection (all newsletters). */
  itemCount: number;
  /** Bytes used by the extension's origin, or null when the browser does not say. */
  usageBytes: number | null;
  quotaBytes: number | null;
  /** True when the browser will not evict the data under storage pressure; null if unknown. */
  persisted: boolean | null;
  /** ISO time of the last backup download, or null if none was made in this browser. */
  lastBackupAt: string | null;
  /** A reminder to show, or null. */
  reminder: BackupReminder | null;
  /** Records kept aside (held-back or unreadable imports), listed in the options page. */
  quarantined: number;
}

export interface BackupReminder {
  message: string;
  /** Days until the period ends (negative once it has ended). */
  daysLeft: number;
}

/** The reminder shows in the last days of a month and the first days of the next. */
export const REMIND_DAYS_BEFORE = 5;
export const REMIND_DAYS_AFTER = 5;

const DAY_MS = 86_400_000;

function startOfMonth(year: number, month: number): Date {
  return new Date(year, month, 1);
}

/**
 * The backup reminder for `now` (local calendar): in the last REMIND_DAYS_BEFORE days of a
 * month, or the first REMIND_DAYS_AFTER days of the next, unless a backup was downloaded since
 * that window opened. Nothing to back up, nothing to remind.
 */
export function backupReminder(now: Date, lastBackupAt: string | null, itemCount: number): BackupReminder | null {
  if (itemCount === 0) return null;
  const y = now.getFullYear();
  const m = now.getMonth();
  const nextStart = startOfMonth(y, m + 1);
  const thisStart = startOfMonth(y, m);
  const daysLeft = Math.ceil((nextStart.getTime() - now.getTime()) / DAY_MS);
  const daysInto = Math.floor((now.getTime() - thisStart.getTime()) / DAY_MS);

  let windowOpened: Date;
  let message: string;
  if (daysLeft <= REMIND_DAYS_BEFORE) {
    windowOpened = new Date(nextStart.getTime() - REMIND_DAYS_BEFORE * DAY_MS);
    message =
      daysLeft <= 1
        ? 'The month ends today — download a backup of your collection.'
        : `The month ends in ${daysLeft} days — download a backup of your collection.`;
  } else if (daysInto < REMIND_DAYS_AFTER) {
    windowOpened = new Date(thisStart.getTime() - REMIND_DAYS_BEFORE * DAY_MS);
    const last = new Date(y, m - 1, 1).toLocaleString('en', { month: 'long' });
    message = `${last} has ended — download a backup of your collection.`;
  } else {
    return null;
  }
  const last = lastBackupAt ? Date.parse(lastBackupAt) : NaN;
  if (!Number.isNaN(last) && last >= windowOpened.getTime()) return null;
  return { message, daysLeft: daysLeft <= REMIND_DAYS_BEFORE ? daysLeft : -daysInto };
}

/** Everything the options page and the popup's reminder show about storage. */
export async function storageStatus(db: NewsdeskDb, now: Date): Promise<StorageStatus> {
  const [itemCount, lastBackupAt, facts, quarantined] = await Promise.all([
    countLiveItems(db),
    readLastBackup(db),
    browserStorageFacts(),
    db.quarantine.count().catch(() => 0),
  ]);
  return { itemCount, lastBackupAt, ...facts, reminder: backupReminder(now, lastBackupAt, itemCount), quarantined };
}

/** Live (not deleted) items, all newsletters. */
export async function countLiveItems(db: NewsdeskDb): Promise<number> {
  try {
    return await db.items.filter((item) => item.deletedAt === null).count();
  } catch (error) {
    throw storageError(error, 'count the items');
  }
}

interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

function storageManager(): StorageManagerLike | undefined {
  return (globalThis.navigator as { storage?: StorageManagerLike } | undefined)?.storage;
}

/** Usage, quota and persistence as the browser reports them (works in the service worker). */
export async function browserStorageFacts(
  manager: StorageManagerLike | undefined = storageManager(),
): Promise<Pick<StorageStatus, 'usageBytes' | 'quotaBytes' | 'persisted'>> {
  const facts: Pick<StorageStatus, 'usageBytes' | 'quotaBytes' | 'persisted'> = { usageBytes: null, quotaBytes: null, persisted: null };
  try {
    const estimate = await manager?.estimate?.();
    facts.usageBytes = typeof estimate?.usage === 'number' ? estimate.usage : null;
    facts.quotaBytes = typeof estimate?.quota === 'number' ? estimate.quota : null;
  } catch {
    // Unknown is an honest answer.
  }
  try {
    const persisted = await manager?.persisted?.();
    facts.persisted = typeof persisted === 'boolean' ? persisted : null;
  } catch {
    facts.persisted = null;
  }
  return facts;
}

/**
 * Ask the browser to keep Newsdesk's storage (navigator.storage.persist, a window-only API, so
 * extension pages call it, never the service worker). Called after the user's own action (a
 * save, a button), so a browser that asks the user (Firefox may) asks at a moment that makes
 * sense. Returns whether storage is persistent afterwards, or null when the browser cannot say.
 */
export async function requestPersistence(manager: StorageManagerLike | undefined = storageManager()): Promise<boolean | null> {
  try {
    if (await manager?.persisted?.()) return true;
    const granted = await manager?.persist?.();
    return typeof granted === 'boolean' ? granted : null;
  } catch {
    return null;
  }
}

/** "1.2 MB" */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
