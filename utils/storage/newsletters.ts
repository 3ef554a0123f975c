import type { NewsletterPreset } from '../presets/types';
import { isBuiltInPreset } from '../presets';
import { NewsletterFormatError, parseNewsletter } from '../presets/schema';
import { StorageError, storageError } from './errors';
import type { NewsdeskDb } from './schema';

/**
 * The user's own newsletters. Every definition is validated on the way in and on the way out,
 * so a record damaged by hand or by an old bug never reaches the export as a half-working one.
 */

/** Valid stored definitions; a damaged record is left out and named in `damaged`. */
export async function readUserNewsletters(db: NewsdeskDb): Promise<{ newsletters: NewsletterPreset[]; damaged: string[] }> {
  let rows: unknown[];
  try {
    rows = await db.newsletters.toArray();
  } catch (error) {
    throw storageError(error, 'read your newsletters');
  }
  const newsletters: NewsletterPreset[] = [];
  const damaged: string[] = [];
  for (const row of rows) {
    try {
      newsletters.push(parseNewsletter(row));
    } catch {
      damaged.push(String((row as { id?: unknown } | null)?.id ?? '?'));
    }
  }
  return { newsletters: newsletters.sort((a, b) => a.name.localeCompare(b.name)), damaged };
}

export async function listUserNewsletters(db: NewsdeskDb): Promise<NewsletterPreset[]> {
  return (await readUserNewsletters(db)).newsletters;
}

/**
 * Create or replace a definition (validated; built-in ids refused). Renaming the id is not
 * offered: items refer to it.
 */
export async function saveUserNewsletter(db: NewsdeskDb, definition: unknown, now: Date = new Date()): Promise<NewsletterPreset> {
  const preset = parseNewsletter({ ...(definition as object), updatedAt: now.toISOString() });
  if (isBuiltInPreset(preset.id)) {
    throw new NewsletterFormatError(`"${preset.id}" is the id of a built-in newsletter; choose another id for your own.`);
  }
  try {
    await db.newsletters.put(preset);
  } catch (error) {
    throw storageError(error, 'save the newsletter');
  }
  return preset;
}

/** Delete a definition, refused while live items still belong to it. */
export async function deleteUserNewsletter(db: NewsdeskDb, id: string): Promise<void> {
  try {
    await db.transaction('rw', [db.newsletters, db.items], async () => {
      const live = await db.items
        .where('[newsletter+issue]')
        .between([id, ''], [id, '\uffff'])
        .filter((item) => item.deletedAt === null)
        .count();
      if (live > 0) {
        throw new StorageError(`${live} item${live === 1 ? '' : 's'} still belong to this newsletter; move or delete them first.`);
      }
      await db.newsletters.delete(id);
    });
  } catch (error) {
    throw storageError(error, 'delete the newsletter');
  }
}
