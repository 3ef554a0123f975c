import type { CategoryMemory } from '../categorize/suggest';
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
