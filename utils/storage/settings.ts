import { storageError } from './errors';
import type { NewsdeskDb } from './schema';

/** User settings, with one set of defaults. */
export interface Settings {
  /** Name credited on the items this browser clips. */
  contributor: string;
  /** Newsletter (preset id) new clips go to. */
  newsletter: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { contributor: '', newsletter: 'xmpp' };

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

export async function readSettings(db: NewsdeskDb): Promise<Settings> {
  try {
    const rows = await db.settings.bulkGet(KEYS);
    const settings: Settings = { ...DEFAULT_SETTINGS };
    rows.forEach((row, i) => {
      const key = KEYS[i];
      if (row && key && typeof row.value === 'string') settings[key] = row.value;
    });
    return settings;
  } catch (error) {
    throw storageError(error, 'read the settings');
  }
}

export async function writeSettings(db: NewsdeskDb, patch: Partial<Settings>): Promise<Settings> {
  const rows = KEYS.filter((key) => typeof patch[key] === 'string').map((key) => ({
    key,
    value: (patch[key] as string).trim(),
  }));
  try {
    await db.settings.bulkPut(rows);
  } catch (error) {
    throw storageError(error, 'save the settings');
  }
  return readSettings(db);
}

/** Settings-table key of the last backup download (kept out of Settings: the user does not edit it). */
const LAST_BACKUP_KEY = 'lastBackupAt';

/** Record that a backup file was made now; the end-of-period reminder then stays quiet. */
export async function noteBackupMade(db: NewsdeskDb, at: Date = new Date()): Promise<void> {
  try {
    await db.settings.put({ key: LAST_BACKUP_KEY, value: at.toISOString() });
  } catch (error) {
    throw storageError(error, 'note the backup');
  }
}

export async function readLastBackup(db: NewsdeskDb): Promise<string | null> {
  try {
    const row = await db.settings.get(LAST_BACKUP_KEY);
    return typeof row?.value === 'string' ? row.value : null;
  } catch (error) {
    throw storageError(error, 'read when you last made a backup');
  }
}
