import type { NewsItem } from '../model/item';
import type { NewsletterPreset } from '../presets/types';
import { storageError } from '../storage/errors';
import type { NewsdeskDb } from '../storage/schema';
import { readSettings } from '../storage/settings';
import { buildBackup, type Backup, type BackupScope } from './format';
import { planImport, type ImportPlan } from './plan';

/**
 * Backups against the database: export reads, import writes everything in ONE transaction,
 * so a failure half-way (a full disk, a closed tab) leaves the collection exactly as it was.
 */

/** A backup of the whole collection or of one issue (tombstones included). */
export async function exportBackup(db: NewsdeskDb, scope: BackupScope, now: Date = new Date()): Promise<Backup> {
  try {
    return await db.transaction('r', [db.items, db.newsletters, db.settings], async () => {
      const settings = await readSettings(db);
      const items =
        scope.kind === 'all'
          ? await db.items.toArray()
          : await db.items.where('[newsletter+issue]').equals([scope.newsletter, scope.issue]).toArray();
      const newsletters = await db.newsletters.toArray();
      return buildBackup({
        items,
        newsletters: scope.kind === 'all' ? newsletters : newsletters.filter((n) => n.id === scope.newsletter),
        scope,
        exportedAt: now,
        exportedBy: settings.contributor,
        ...(scope.kind === 'all' ? { settings } : {}),
      });
    });
  } catch (error) {
    throw storageError(error, 'export the backup');
  }
}

async function readLocal(db: NewsdeskDb): Promise<{ items: NewsItem[]; newsletters: NewsletterPreset[] }> {
  return { items: await db.items.toArray(), newsletters: await db.newsletters.toArray() };
}

/** What importing `backups` would do; writes nothing. */
export async function previewImport(db: NewsdeskDb, backups: readonly Backup[]): Promise<ImportPlan> {
  try {
    return await db.transaction('r', [db.items, db.newsletters], async () => planImport(await readLocal(db), backups));
  } catch (error) {
    throw storageError(error, 'read the collection');
  }
}

/**
 * Import `backups`: the plan is computed again inside the write transaction (so an edit made
 * since the preview is merged, not overwritten) and written there. Returns what was done.
 */
export async function importBackups(db: NewsdeskDb, backups: readonly Backup[]): Promise<ImportPlan> {
  try {
    return await db.transaction('rw', [db.items, db.newsletters], async () => {
      const plan = planImport(await readLocal(db), backups);
      const writes = [...plan.items.added, ...plan.items.updated.map((u) => u.after)];
      if (writes.length) await db.items.bulkPut(writes);
      const definitions = [...plan.newsletters.added, ...plan.newsletters.updated.map((u) => u.after)];
      if (definitions.length) await db.newsletters.bulkPut(definitions);
      return plan;
    });
  } catch (error) {
    throw storageError(error, 'import the backup');
  }
}
