import Dexie from 'dexie';
import type { PageCapture } from '../model/capture';
import type { NewsItem } from '../model/item';
import { storageError, StorageError } from './errors';
import type { NewsdeskDb } from './schema';

/**
 * The collection of clipped items: the only code that reads or writes items. The UI talks to
 * it through the background's messages; a sync layer can sit here later without the UI
 * noticing. Items are never hard-deleted: `deletedAt` marks them.
 */

/** What the popup sends to save a clip: the page's facts plus the user's choices. */
export interface ClipInput {
  capture: PageCapture;
  newsletter: string;
  issue: string;
  section: string;
  entry: string;
  /** Title as the user left it in the popup. */
  title: string;
}

export type SaveMode =
  /** A new clip; refused when the canonical URL is already in the collection. */
  | { kind: 'create' }
  /** Replace the clip of item `id` (the user confirmed the update). */
  | { kind: 'update'; id: string };

export class DuplicateError extends StorageError {
  override name = 'DuplicateError';
  constructor(readonly existing: NewsItem) {
    super(`This page is already in the collection (${existing.issue}, section ${existing.section}).`);
  }
}

export class NotFoundError extends StorageError {
  override name = 'NotFoundError';
}

export interface Clock {
  now(): Date;
  newId(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

/** Fields of an item a user may edit after saving. */
export type ItemPatch = Partial<Pick<NewsItem, 'title' | 'entry' | 'section' | 'issue' | 'status' | 'position'>>;

export class Collection {
  constructor(
    private readonly db: NewsdeskDb,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The live (not deleted) item with this canonical URL, if any. */
  async findByUrl(canonicalUrl: string): Promise<NewsItem | undefined> {
    try {
      const matches = await this.db.items.where('canonicalUrl').equals(canonicalUrl).toArray();
      return matches.find((item) => item.deletedAt === null);
    } catch (error) {
      throw storageError(error, 'look up the page');
    }
  }

  async get(id: string): Promise<NewsItem | undefined> {
    try {
      return await this.db.items.get(id);
    } catch (error) {
      throw storageError(error, 'read the item');
    }
  }

  /**
   * Save a clip. Dedupe and write happen in one transaction, so two popups saving the same
   * page at once still leave one item.
   */
  async saveClip(input: ClipInput, contributor: string, mode: SaveMode): Promise<NewsItem> {
    const db = this.db;
    try {
      return await db.transaction('rw', db.items, async () => {
        const now = this.clock.now().toISOString();
        const sameUrl = await db.items.where('canonicalUrl').equals(input.capture.canonicalUrl).toArray();
        const live = sameUrl.find((item) => item.deletedAt === null);
        if (mode.kind === 'create' && live) throw new DuplicateError(live);
        const previous =
          mode.kind === 'update'
            ? await db.items.get(mode.id)
            : // Re-clipping a deleted page brings its item back under the same id.
              sameUrl.find((item) => item.deletedAt !== null);
        if (mode.kind === 'update' && !previous) {
          throw new NotFoundError('The item to update is no longer in the collection.');
        }
        if (mode.kind === 'update' && live && live.id !== mode.id) throw new DuplicateError(live);
        const item = buildItem(input, contributor, now, previous, this.clock);
        if (!previous || previous.deletedAt !== null || previous.issue !== item.issue || previous.section !== item.section) {
          item.position = await this.nextPosition(item.newsletter, item.issue, item.section);
        }
        await db.items.put(item);
        return item;
      });
    } catch (error) {
      throw storageError(error, 'save the clip');
    }
  }

  /** Live items of one issue, in section order as stored (position, then creation). */
  async listIssue(newsletter: string, issue: string): Promise<NewsItem[]> {
    try {
      const items = await this.db.items.where('[newsletter+issue]').equals([newsletter, issue]).toArray();
      return items.filter((item) => item.deletedAt === null).sort(byPosition);
    } catch (error) {
      throw storageError(error, 'load the issue');
    }
  }

  /** Issues that have live items, newest first, with their item counts. */
  async listIssues(newsletter: string): Promise<Array<{ issue: string; count: number }>> {
    try {
      // Counted from indexes, reading no item: every item of an issue minus its tombstones
      // (the only items in [newsletter+issue+deletedAt]).
      const db = this.db;
      const rows = await db.transaction('r', db.items, async () => {
        const keys = (await db.items
          .where('[newsletter+issue]')
          .between([newsletter, ''], [newsletter, '\uffff'])
          .uniqueKeys()) as unknown as Array<[string, string]>;
        return Promise.all(
          keys.map(async ([, issue]) => {
            const all = await db.items.where('[newsletter+issue]').equals([newsletter, issue]).count();
            const deleted = await db.items
              .where('[newsletter+issue+deletedAt]')
              .between([newsletter, issue, Dexie.minKey], [newsletter, issue, Dexie.maxKey])
              .count();
            return { issue, count: all - deleted };
          }),
        );
      });
      return rows.filter((row) => row.count > 0).sort((a, b) => b.issue.localeCompare(a.issue));
    } catch (error) {
      throw storageError(error, 'list the issues');
    }
  }

  async update(id: string, patch: ItemPatch): Promise<NewsItem> {
    const db = this.db;
    try {
      return await db.transaction('rw', db.items, async () => {
        const item = await db.items.get(id);
        if (!item || item.deletedAt !== null) throw new NotFoundError('The item is no longer in the collection.');
        const next: NewsItem = { ...item, ...definedOnly(patch), updatedAt: this.clock.now().toISOString() };
        if ((patch.section && patch.section !== item.section) || (patch.issue && patch.issue !== item.issue)) {
          if (patch.position === undefined) next.position = await this.nextPosition(next.newsletter, next.issue, next.section);
        }
        await db.items.put(next);
        return next;
      });
    } catch (error) {
      throw storageError(error, 'update the item');
    }
  }

  /** Tombstone the item; `restore` undoes it. */
  async remove(id: string): Promise<void> {
    await this.setDeleted(id, true);
  }

  async restore(id: string): Promise<void> {
    await this.setDeleted(id, false);
  }

  private async setDeleted(id: string, deleted: boolean): Promise<void> {
    const db = this.db;
    try {
      await db.transaction('rw', db.items, async () => {
        const item = await db.items.get(id);
        if (!item) throw new NotFoundError('The item is no longer in the collection.');
        if (!deleted && item.deletedAt !== null) {
          const live = (await db.items.where('canonicalUrl').equals(item.canonicalUrl).toArray()).find(
            (other) => other.deletedAt === null,
          );
          if (live) throw new DuplicateError(live);
        }
        const now = this.clock.now().toISOString();
        await db.items.update(id, { deletedAt: deleted ? now : null, updatedAt: now });
      });
    } catch (error) {
      throw storageError(error, deleted ? 'delete the item' : 'restore the item');
    }
  }

  private async nextPosition(newsletter: string, issue: string, section: string): Promise<number> {
    let max = 0;
    await this.db.items
      .where('[newsletter+issue]')
      .equals([newsletter, issue])
      .each((item) => {
        if (item.section === section && item.deletedAt === null && item.position > max) max = item.position;
      });
    return max + 1;
  }
}

function buildItem(input: ClipInput, contributor: string, now: string, previous: NewsItem | undefined, clock: Clock): NewsItem {
  const { capture } = input;
  return {
    id: previous?.id ?? clock.newId(),
    canonicalUrl: capture.canonicalUrl,
    url: capture.url,
    title: input.title.trim() || capture.title,
    siteName: capture.siteName,
    authors: capture.authors,
    publishedAt: capture.publishedAt,
    language: capture.language,
    description: capture.description,
    contentMarkdown: capture.selectionMarkdown ?? capture.contentMarkdown,
    kind: capture.kind,
    release: capture.release,
    xep: capture.xep,
    video: capture.video,
    event: capture.event,
    newsletter: input.newsletter,
    issue: input.issue,
    section: input.section,
    entry: input.entry,
    status: previous?.status ?? 'draft',
    position: previous?.position ?? 0,
    // The first contributor keeps the credit when someone else updates the clip.
    contributor: previous?.contributor || contributor,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    deletedAt: null,
  };
}

export function byPosition(a: NewsItem, b: NewsItem): number {
  return a.position - b.position || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

