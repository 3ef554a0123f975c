import type { CategoryMemory } from '../categorize/suggest';
import type { ProjectNote } from '../templates/learn';
import { storageError } from './errors';
import type { NewsdeskDb } from './schema';

/**
 * Remembers where the user filed a site or a project, so the next clip from there is
 * proposed in the same section.
 */

const siteKey = (newsletter: string, site: string) => `${newsletter}|site|${site}`;
const projectKey = (newsletter: string, project: string) => `${newsletter}|project|${project.toLowerCase()}`;

export async function readMemory(db: NewsdeskDb, newsletter: string): Promise<CategoryMemory> {
  const prefix = `${newsletter}|`;
  const memory: { sites: Record<string, string>; projects: Record<string, string> } = { sites: {}, projects: {} };
  try {
    await db.memory
      .where('key')
      .startsWith(prefix)
      .each((record) => {
        const [, kind, name] = record.key.split('|');
        if (!name) return;
        if (kind === 'site') memory.sites[name] = record.section;
        else if (kind === 'project') memory.projects[name] = record.section;
      });
  } catch (error) {
    throw storageError(error, 'read what you filed before');
  }
  return memory;
}

export async function rememberChoice(
  db: NewsdeskDb,
  newsletter: string,
  choice: { site: string; project: string | null; section: string },
  now: Date = new Date(),
): Promise<void> {
  const updatedAt = now.toISOString();
  const records = [{ key: siteKey(newsletter, choice.site), section: choice.section, updatedAt }];
  if (choice.project) records.push({ key: projectKey(newsletter, choice.project), section: choice.section, updatedAt });
  try {
    await db.memory.bulkPut(records);
  } catch (error) {
    throw storageError(error, 'remember your choice');
  }
}

const aboutKey = (newsletter: string, project: string) => `${newsletter}|about|${project.toLowerCase()}`;

export type ProjectNotes = Record<string, { homepage: string | null; description: string | null }>;

/** What the newsletter wrote about its projects (home page, description), by lower-case name. */
export async function readProjectNotes(db: NewsdeskDb, newsletter: string): Promise<ProjectNotes> {
  const notes: ProjectNotes = {};
  try {
    await db.memory
      .where('key')
      .startsWith(`${newsletter}|about|`)
      .each((record) => {
        const name = record.key.slice(`${newsletter}|about|`.length);
        if (name) notes[name] = { homepage: record.homepage ?? null, description: record.description ?? null };
      });
  } catch (error) {
    throw storageError(error, 'read what the newsletter wrote about its projects');
  }
  return notes;
}

/** Remember projects' home pages and descriptions; a note without one keeps what was known. */
export async function rememberProjectNotes(db: NewsdeskDb, newsletter: string, notes: readonly ProjectNote[], now: Date = new Date()): Promise<void> {
  if (notes.length === 0) return;
  const updatedAt = now.toISOString();
  try {
    await db.transaction('rw', db.memory, async () => {
      for (const note of notes) {
        const key = aboutKey(newsletter, note.project);
        const known = await db.memory.get(key);
        await db.memory.put({
          key,
          section: '',
          updatedAt,
          homepage: note.homepage ?? known?.homepage ?? null,
          description: note.description ?? known?.description ?? null,
        });
      }
    });
  } catch (error) {
    throw storageError(error, 'remember the project');
  }
}
