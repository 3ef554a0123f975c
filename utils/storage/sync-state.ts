import { storageError } from './errors';
import type { NewsdeskDb } from './schema';

/**
 * Where this browser left the newsroom: the newest newsroom item it had seen when it was last
 * caught up (its id and a fingerprint of its payload), and when it last read the whole
 * newsroom. A reconnect then reads only what was published since (utils/sync/engine.ts).
 * Kept in the settings table; not a secret, not in backups.
 */
export interface NewsroomMark {
  /** Which newsroom (the engine's source label). */
  newsroom: string;
  id: string;
  fingerprint: string;
  /** ISO 8601: the last full read. */
  fullAt: string;
}

const KEY = 'newsroomMark';

export async function readMark(db: NewsdeskDb): Promise<NewsroomMark | null> {
  try {
    const row = await db.settings.get(KEY);
    if (!row) return null;
    const mark = JSON.parse(row.value) as Partial<NewsroomMark>;
    return typeof mark.newsroom === 'string' && typeof mark.id === 'string' && typeof mark.fingerprint === 'string' && typeof mark.fullAt === 'string'
      ? (mark as NewsroomMark)
      : null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw storageError(error, 'read where the newsroom was left');
  }
}

export async function writeMark(db: NewsdeskDb, mark: NewsroomMark | null): Promise<void> {
  try {
    if (mark) await db.settings.put({ key: KEY, value: JSON.stringify(mark) });
    else await db.settings.delete(KEY);
  } catch (error) {
    throw storageError(error, 'note where the newsroom was left');
  }
}
