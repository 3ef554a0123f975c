import { listNewsletters, resolveNewsletter, type NewsletterSummary } from '../presets';
import type { NewsletterPreset } from '../presets/types';
import { ItemStore, type StoreEnv } from './items';
import { IssueMetaStore } from './issue-meta';
import { deleteUserNewsletter, listUserNewsletters, saveUserNewsletter } from './newsletters';
import { storageStatus, type StorageStatus } from './persistence';
import type { NewsdeskDb } from './schema';
import { noteBackupMade, readSettings, writeSettings, type Settings } from './settings';
import type { Backup, BackupScope } from '../backup/format';

/**
 * The storage API of the extension's pages (the Desk and the options page): one object over
 * the one database, with items behind the one write path (ItemStore). The background uses the
 * same modules for the popup. Pages read IndexedDB themselves, so a collection of any size is
 * backed up and imported without squeezing it through a runtime message.
 */
export class PageStorage {
  readonly items: ItemStore;
  /** Each issue's details (teaser, extra contributors, occasional blocks), on the same stamped write path. */
  readonly issueMeta: IssueMetaStore;

  constructor(
    readonly db: NewsdeskDb,
    private readonly env: StoreEnv = {},
  ) {
    this.items = new ItemStore(db, env);
    this.issueMeta = new IssueMetaStore(db, env);
  }

  settings(): Promise<Settings> {
    return readSettings(this.db);
  }

  /** Save settings; a newsletter that does not exist is refused. */
  async setSettings(patch: Partial<Settings>): Promise<Settings> {
    if (patch.newsletter !== undefined) await this.newsletter(patch.newsletter.trim());
    return writeSettings(this.db, patch);
  }

  async newsletters(): Promise<NewsletterSummary[]> {
    return listNewsletters(await listUserNewsletters(this.db));
  }

  userNewsletters(): Promise<NewsletterPreset[]> {
    return listUserNewsletters(this.db);
  }

  /** A built-in or user newsletter by id (UnknownNewsletterError otherwise). */
  async newsletter(id: string): Promise<NewsletterPreset> {
    return resolveNewsletter(id, await listUserNewsletters(this.db));
  }

  saveNewsletter(definition: NewsletterPreset): Promise<NewsletterPreset> {
    return saveUserNewsletter(this.db, definition, new Date((this.env.now ?? Date.now)()));
  }

  deleteNewsletter(id: string): Promise<void> {
    return deleteUserNewsletter(this.db, id);
  }

  /** A backup to download; a backup of everything also silences the end-of-month reminder. */
  async exportBackup(scope: BackupScope): Promise<Backup> {
    const backup = await this.items.exportBackup(scope);
    if (scope.kind === 'all') await noteBackupMade(this.db, new Date((this.env.now ?? Date.now)()));
    return backup;
  }

  status(): Promise<StorageStatus> {
    return storageStatus(this.db, new Date((this.env.now ?? Date.now)()));
  }
}
