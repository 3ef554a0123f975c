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
