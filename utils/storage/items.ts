import Dexie from 'dexie';
import { acceptedDefinitions } from '../merge/newsletters';
import { asLost, canonicalJson, unionHistory } from '../merge/versions';
import { compareItems } from '../export/select';
import { buildBackup, type Backup, type BackupScope, type DamagedRecord, type ParsedBackup } from '../backup/format';
import { planImport, type ImportPlan } from '../backup/plan';
import type { PageCapture } from '../model/capture';
import { fitCapture, requireEntry, requireTitle, ValidationError } from '../model/fit';
import { describeAhead, hlcTime, HybridClock, MAX_SKEW_MS, parseHlc } from '../model/hlc';
import { checkItem, contentOf, itemSchema, recordLabel, type EditableField, type LostVersion, type NewsItem } from '../model/item';
import type { NewsletterPreset } from '../presets/types';
import { parseNewsletter } from '../presets/schema';
import { rememberProjectNotes } from './memory';
import { projectNote } from '../templates/learn';
import { storageError, StorageError } from './errors';
import { planRemote, type RemotePlan, type RemoteRecord } from '../merge/remote';
import { planRemoteIssueMeta, type RemoteIssueMetaPlan } from '../merge/issue-meta';
import { checkIssueMeta, issueMetaKey, issueMetaKeyOfRecord, issueMetaRecordId, type IssueMeta } from '../model/issue-meta';
import { archivedItemFields, readArchivedIssue, type ArchivedIssue } from '../archive/import';
import { archiveReport, planArchiveImport, type ArchiveImportReport } from '../archive/plan';
import { filingId, newsletterIds } from '../presets/types';
import type { MonthChanges } from '../xeps/changes';
import { xepItems } from '../xeps/items';
import { planXepImport, xepImportReport, type XepImportReport } from '../xeps/plan';
import { splitIssueMeta, writeIssueMeta, type DamagedIssueMeta } from './issue-meta';
import { outboxRow } from './outbox';
import type { NewsdeskDb, QuarantineRecord, SenderRecord } from './schema';
import { readSettings } from './settings';
import { savedClock, stampedWrite, validatedIssueMeta, validatedItem as validated, type TableName, type Writer } from './writer';

/**
 * THE write path of items. Every change — clip, edit, move, reorder, ready/excluded, delete,
 * restore, import (and later sync) — goes through this module, which
 *   1. validates the new version with the same zod schema backups are read with (limits
 *      included, so everything stored can be backed up and read back),
 *   2. stamps it: a hybrid-logical-clock stamp (utils/model/hlc.ts) higher than every stamp
 *      this browser issued or saw, who made it, and the stamps it descends from,
 *   3. writes it, with the clock's state, in one IndexedDB transaction.
 * Reads validate too: a damaged record never hides the good ones; it is returned apart.
 *
 * Pages reach items only through this class: the Desk and the options page use it directly,
 * the popup through the background's messages (so the popup never loads Dexie).
 */

export interface ClipInput {
  capture: PageCapture;
  newsletter: string;
  issue: string;
  section: string;
  entry: string;
  /** Title as the user left it in the popup. */
  title: string;
  /** The entry as Newsdesk drafted it: an entry still equal to it may be drafted again (grouped releases, new templates). */
  drafted?: string;
  /** Set when the section keeps new items in alphabetical order: the item's project or title. */
  sortKey?: string;
}

export type SaveMode =
  /** A new clip; refused when the canonical URL is already in the collection. */
  | { kind: 'create' }
  /** Replace the clip of item `id` (the user confirmed the update). */
  | { kind: 'update'; id: string };

/** Another item with the same page: in which issue and section, whose, and whether read from a published issue. */
export interface Coverage {
  id: string;
  issue: string;
  section: string;
  contributor: string;
  archived: boolean;
}

/** One issue of one newsletter: where a page counts as clipped twice. */
export interface IssueScope {
  newsletter: string;
  issue: string;
}

function inScope(item: Pick<NewsItem, 'newsletter' | 'issue'>, where: IssueScope | undefined): boolean {
  return !where || (item.newsletter === where.newsletter && item.issue === where.issue);
}

export class DuplicateError extends StorageError {
  override name = 'DuplicateError';
  constructor(readonly existing: NewsItem) {
    super(`This page is already in the collection (${existing.issue}, section ${existing.section}).`);
  }
}

export class NotFoundError extends StorageError {
  override name = 'NotFoundError';
}

/** Fields of an item an editor may change after saving. */
export type ItemPatch = Partial<Pick<NewsItem, 'title' | 'entry' | 'section' | 'issue' | 'status' | 'position' | 'contributor'>>;

/** What the editor saw before typing: the version and the values of the fields being changed. */
export interface EditBase {
  hlc: string;
  values: Partial<Pick<NewsItem, EditableField>>;
}

export interface EditResult {
  item: NewsItem;
  /** Set when the fields being saved were changed elsewhere meanwhile: that version, now in history. */
  overwritten: LostVersion | null;
}

/** A stored record that does not pass the schema: shown apart, never hiding the good ones. */
export interface DamagedItem {
  id: string;
  label: string;
  reasons: string[];
  record: unknown;
}

export interface ItemList {
  items: NewsItem[];
  damaged: DamagedItem[];
}

/** Which file an archive import reads, and (optionally) which issue it is. */
export interface ArchiveOptions {
  /** The issue, e.g. "2026-03"; default: what the file's front matter says. */
  issue?: string;
  /** The file's name, kept on each item (its source). */
  file: string;
}

/** What applying the newsroom's records did: items (RemotePlan) and issue details. */
export type AppliedRemote = RemotePlan & { issueMeta: RemoteIssueMetaPlan };

export interface StoreEnv {
  /** This computer's clock (ms since 1970). */
  now?: () => number;
  newId?: () => string;
}

/** Live items first by position, then creation, then id: every view and the export agree. */
export function byPosition(a: NewsItem, b: NewsItem): number {
  return compareItems(a, b);
}

function split(records: readonly unknown[]): ItemList {
  const items: NewsItem[] = [];
  const damaged: DamagedItem[] = [];
  for (const record of records) {
    const checked = checkItem(record);
    if (checked.ok) items.push(checked.item);
    else damaged.push({ id: String((record as { id?: unknown } | null)?.id ?? ''), label: recordLabel(record), reasons: checked.reasons, record });
  }
  return { items, damaged };
}

export class ItemStore {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    readonly db: NewsdeskDb,
    env: StoreEnv = {},
  ) {
    this.now = env.now ?? Date.now;
    this.newId = env.newId ?? (() => crypto.randomUUID());
  }

  // ---- reads -------------------------------------------------------------------------------

  async get(id: string): Promise<NewsItem | undefined> {
    try {
      const checked = checkItem(await this.db.items.get(id));
      return checked.ok ? checked.item : undefined;
    } catch (error) {
      throw storageError(error, 'read the item');
    }
  }

  /**
   * The live item with this canonical URL in one issue of a newsletter (a page clipped twice),
   * or in any issue when `where` is not given.
   */
  async findByUrl(canonicalUrl: string, where?: IssueScope): Promise<NewsItem | undefined> {
    return (await this.findAllByUrl(canonicalUrl)).find((item) => item.deletedAt === null && inScope(item, where));
  }

  /**
   * Where else these pages appear: the live items with their canonical URLs in the newsletter's
   * other issues (a past issue read from the archive, another contributor's clip), by URL.
   */
  async coveredElsewhere(canonicalUrls: readonly string[], newsletters: readonly string[], issue: string): Promise<Map<string, Coverage[]>> {
    const out = new Map<string, Coverage[]>();
    if (canonicalUrls.length === 0) return out;
    try {
      const rows = split(await this.db.items.where('canonicalUrl').anyOf([...new Set(canonicalUrls)]).toArray()).items;
      for (const item of rows) {
        if (item.deletedAt !== null || item.issue === issue || !newsletters.includes(item.newsletter)) continue;
        const list = out.get(item.canonicalUrl) ?? [];
        list.push({ id: item.id, issue: item.issue, section: item.section, contributor: item.contributor, archived: item.source?.kind === 'archive' });
        out.set(item.canonicalUrl, list);
      }
    } catch (error) {
      throw storageError(error, 'look up where the pages appeared');
    }
    // Newest issue first: "in the June 2026 issue" before "in the March 2026 issue".
    for (const list of out.values()) list.sort((a, b) => (a.issue < b.issue ? 1 : a.issue > b.issue ? -1 : 0));
    return out;
  }

  /** Every item (deleted ones too) with this canonical URL. */
  async findAllByUrl(canonicalUrl: string): Promise<NewsItem[]> {
    try {
      return split(await this.db.items.where('canonicalUrl').equals(canonicalUrl).toArray()).items;
    } catch (error) {
      throw storageError(error, 'look up the page');
    }
  }

  /**
   * Live items of one issue in section order, and the issue's damaged records. Several
   * newsletter ids: a newsletter and its family (utils/presets/types.ts `newsletterIds`).
   */
  async listIssue(newsletter: string | readonly string[], issue: string): Promise<ItemList> {
    try {
      const ids = typeof newsletter === 'string' ? [newsletter] : [...newsletter];
      const { items, damaged } = split(await this.db.items.where('[newsletter+issue]').anyOf(ids.map((id) => [id, issue])).toArray());
      return { items: items.filter((item) => item.deletedAt === null).sort(byPosition), damaged };
    } catch (error) {
      throw storageError(error, 'load the issue');
    }
  }

  /** Live items of one newsletter (or several ids: a newsletter and its family), all issues, newest first. */
  async listNewsletter(newsletter: string | readonly string[]): Promise<ItemList> {
    try {
      const ids = typeof newsletter === 'string' ? [newsletter] : [...newsletter];
      const records = (await Promise.all(ids.map((id) => this.db.items.where('[newsletter+issue]').between([id, ''], [id, '\uffff']).toArray()))).flat();
      const { items, damaged } = split(records);
      const live = items.filter((item) => item.deletedAt === null);
      return { items: live.sort((a, b) => (a.issue < b.issue ? 1 : a.issue > b.issue ? -1 : 0) || byPosition(a, b)), damaged };
    } catch (error) {
      throw storageError(error, 'load the collection');
    }
  }

  /** Issues that have live items, newest first, with their item counts (from indexes alone). */
  async listIssues(newsletter: string | readonly string[]): Promise<Array<{ issue: string; count: number }>> {
    if (typeof newsletter !== 'string') {
      const counts = new Map<string, number>();
      for (const id of newsletter) for (const row of await this.listIssues(id)) counts.set(row.issue, (counts.get(row.issue) ?? 0) + row.count);
      return [...counts].map(([issue, count]) => ({ issue, count })).sort((a, b) => b.issue.localeCompare(a.issue));
    }
    const db = this.db;
    try {
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

  /** Every record (tombstones included), split into items and damaged records. */
  async readAll(): Promise<ItemList> {
    try {
      return split(await this.db.items.toArray());
    } catch (error) {
      throw storageError(error, 'read the collection');
    }
  }

  // ---- the write path ----------------------------------------------------------------------

  /** One stamped write transaction (utils/storage/writer.ts): items, metadata, outbox and clock together. */
  private write<T>(doing: string, fn: (w: Writer) => Promise<T>, extraTables: TableName[] = []): Promise<T> {
    return stampedWrite(this.db, this.now, doing, fn, extraTables);
  }

  /**
   * Save a clip. Dedupe and write happen in one transaction, so two popups saving the same
   * page at once still leave one item. Page text longer than an item may hold is shortened,
   * and `notices` say so.
   */
  async saveClip(input: ClipInput, mode: SaveMode): Promise<{ item: NewsItem; notices: string[] }> {
    requireEntry(input.entry);
    const { fields, notices } = fitCapture(input.capture, input.title);
    const db = this.db;
    const item = await this.write('save the clip', async (w) => {
      // A page clipped twice for the same issue is one item; the same page in another issue (a
      // past issue, an archive) is another item: clipping it now must not move that one.
      const scope = { newsletter: input.newsletter, issue: input.issue };
      const sameUrl = split(await db.items.where('canonicalUrl').equals(fields.canonicalUrl).toArray()).items.filter((item) => inScope(item, scope));
      const live = sameUrl.find((item) => item.deletedAt === null);
      if (mode.kind === 'create' && live) throw new DuplicateError(live);
      const previous =
        mode.kind === 'update'
          ? await this.get(mode.id)
          : // Re-clipping a deleted page brings its item back under the same id.
            sameUrl.filter((item) => item.deletedAt !== null).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
      if (mode.kind === 'update' && (!previous || previous.canonicalUrl !== fields.canonicalUrl)) {
        throw new NotFoundError('The item to update is no longer in the collection.');
      }
      // Updating a live item is always fine (even when an import left the page twice); bringing a
      // deleted one back is not while another live item has the page.
      const otherLive = sameUrl.find((item) => item.deletedAt === null && item.id !== previous?.id);
      if (mode.kind === 'update' && previous?.deletedAt !== null && otherLive) throw new DuplicateError(otherLive);
      const stays = previous && previous.deletedAt === null && previous.issue === input.issue && previous.section === input.section && previous.newsletter === input.newsletter;
      const now = new Date(this.now()).toISOString();
      const next = w.stamp(previous, {
        ...fields,
        id: previous?.id ?? this.newId(),
        newsletter: input.newsletter,
        issue: input.issue,
        section: input.section,
        entry: input.entry,
        ...(input.drafted !== undefined ? { drafted: input.drafted } : {}),
        status: previous?.status ?? 'draft',
        position: stays ? previous.position : await this.nextPosition(input.newsletter, input.issue, input.section, input.sortKey),
        // Whoever clipped first keeps the credit when someone re-clips the page.
        contributor: previous?.contributor || w.contributor,
        createdAt: previous?.createdAt ?? now,
        deletedAt: null,
      });
      await w.put(next);
      return next;
    });
    return { item, notices };
  }

  /**
   * Change fields of a live item. `base` is what the editor started from: when a field being
   * saved was changed elsewhere since, the save still goes through (it is the editor's latest
   * word) but the version it replaces is kept in the item's history and returned, so the Desk
   * can show it — nothing is overwritten without a notice.
   */
  async edit(id: string, patch: ItemPatch, base?: EditBase): Promise<EditResult> {
    if (patch.entry !== undefined) requireEntry(patch.entry);
    if (patch.title !== undefined) requireTitle(patch.title);
    return this.write('update the item', async (w) => {
      const current = await this.get(id);
      if (!current || current.deletedAt !== null) throw new NotFoundError('The item is no longer in the collection.');
      const changes = definedOnly(patch);
      const fields = Object.keys(changes) as Array<keyof ItemPatch>;
      if (fields.every((field) => current[field] === changes[field])) return { item: current, overwritten: null };
      const changedElsewhere =
        base !== undefined &&
        base.hlc !== current.hlc &&
        fields.some((field) => field in base.values && base.values[field] !== current[field] && changes[field] !== current[field]);
      const overwritten = changedElsewhere ? asLost(current, 'overwritten') : null;
      const moved = (changes.section !== undefined && changes.section !== current.section) || (changes.issue !== undefined && changes.issue !== current.issue);
      const position = changes.position ?? (moved ? await this.nextPosition(current.newsletter, changes.issue ?? current.issue, changes.section ?? current.section) : current.position);
      const stamped = w.stamp(current, {
        ...current,
        ...changes,
        position,
        history: overwritten ? unionHistory(null, [overwritten], current.history) : current.history,
      });
      // Written over a version the editor never saw: that version is not what this one was
      // edited from (it stays in history, as a version of its own).
      const next = overwritten ? validated({ ...stamped, ancestors: current.ancestors }) : stamped;
      await w.put(next);
      return { item: next, overwritten };
    });
  }

  /**
   * Place the page of item `id` in a second section of its issue (a XEP both Stable and
   * Updated, a talk in Events and in Videos): a new item with the same page and entry, which
   * the editor then words for that section. A contributor's second clip of a page is refused
   * (saveClip); this is the editor's deliberate choice.
   */
  async placeAlso(id: string, section: string): Promise<NewsItem> {
    return this.write('place the item in a second section', async (w) => {
      const item = await this.get(id);
      if (!item || item.deletedAt !== null) throw new NotFoundError('The item is no longer in the collection.');
      if (item.section === section) throw new StorageError('The item is already in that section.');
      const now = new Date(this.now()).toISOString();
      const { hlc: _hlc, updatedAt: _updatedAt, updatedBy: _updatedBy, ancestors: _ancestors, history: _history, ...page } = item;
      const next = w.stamp(undefined, {
        ...page,
        id: this.newId(),
        section,
        status: 'draft',
        position: await this.nextPosition(item.newsletter, item.issue, section),
        createdAt: now,
        deletedAt: null,
      });
      await w.put(next);
      return next;
    });
  }

  /** Tombstone the item; `restore` undoes it. */
  async remove(id: string): Promise<NewsItem> {
    return this.setDeleted(id, true);
  }

  async restore(id: string): Promise<NewsItem> {
    return this.setDeleted(id, false);
  }

  private async setDeleted(id: string, deleted: boolean): Promise<NewsItem> {
    return this.write(deleted ? 'delete the item' : 'restore the item', async (w) => {
      const item = await this.get(id);
      if (!item) throw new NotFoundError('The item is no longer in the collection.');
      if ((item.deletedAt !== null) === deleted) return item;
      if (!deleted) {
        const live = await this.findByUrl(item.canonicalUrl, item);
        if (live && live.id !== id) throw new DuplicateError(live);
      }
      const next = w.stamp(item, { ...item, deletedAt: null });
      // A tombstone carries the time of the version that deleted it.
      const stamped = deleted ? validated({ ...next, deletedAt: next.updatedAt }) : next;
      await w.put(stamped);
      return stamped;
    });
  }

  /**
   * Move item `id` to index `toIndex` among the live items of its section (0 = first). Only the
   * moved item gets a new position (between its new neighbours); the rest of the section is
   * renumbered only when there is no room between them. Returns the items written.
   */
  async reorder(id: string, toIndex: number): Promise<NewsItem[]> {
    const db = this.db;
    return this.write('reorder the items', async (w) => {
      const item = await this.get(id);
      if (!item || item.deletedAt !== null) throw new NotFoundError('The item is no longer in the collection.');
      const others = split(await db.items.where('[newsletter+issue]').equals([item.newsletter, item.issue]).toArray())
        .items.filter((other) => other.section === item.section && other.deletedAt === null && other.id !== id)
        .sort(byPosition);
      const index = Math.max(0, Math.min(Math.trunc(toIndex), others.length));
      const current = [...others, item].sort(byPosition).indexOf(item);
      if (current === index) return [];
      const position = positionBetween(others[index - 1]?.position, others[index]?.position);
      if (position !== null) {
        const moved = w.stamp(item, { ...item, position });
        await w.put(moved);
        return [moved];
      }
      const order = [...others.slice(0, index), item, ...others.slice(index)];
      const written = order
        .map((entry, i) => ({ entry, position: i + 1 }))
        .filter(({ entry, position }) => entry.position !== position || entry.id === id)
        .map(({ entry, position }) => w.stamp(entry, { ...entry, position }));
      await w.put(written);
      return written;
    });
  }

  /** The editor keeps the current version: a lost version is marked as seen. */
  async dismissVersion(id: string, hlc: string): Promise<NewsItem> {
    return this.write('update the item', async (w) => {
      const item = await this.get(id);
      if (!item) throw new NotFoundError('The item is no longer in the collection.');
      if (!item.history.some((h) => h.hlc === hlc && !h.dismissed)) return item;
      const next = w.stamp(item, { ...item, history: item.history.map((h) => (h.hlc === hlc ? { ...h, dismissed: true } : h)) });
      await w.put(next);
      return next;
    });
  }

  /** The editor takes a lost version back: its fields become a new edit (the current one goes to history). */
  async restoreVersion(id: string, hlc: string): Promise<NewsItem> {
    return this.write('update the item', async (w) => {
      const item = await this.get(id);
      const lost = item?.history.find((h) => h.hlc === hlc);
      if (!item || !lost) throw new NotFoundError('That version is no longer in the item’s history.');
      const { hlc: _h, updatedAt: _u, updatedBy: _b, reason: _r, dismissed: _d, ...content } = lost;
      const replaced = asLost(item, 'overwritten');
      const history = unionHistory(null, [{ ...replaced, dismissed: true }], item.history.map((h) => (h.hlc === hlc ? { ...h, dismissed: true } : h)));
      const stamped = w.stamp(item, { ...item, ...content, history });
      // The version it replaces stays in history as a version of its own, not as an ancestor.
      const next = validated({ ...stamped, ancestors: item.ancestors });
      await w.put(next);
      return next;
    });
  }

  /**
   * Where a new item of a section goes: after the others, or, given a sort key, before the
   * first item whose project (or title) comes after it alphabetically.
   */
  private async nextPosition(newsletter: string, issue: string, section: string, sortKey?: string): Promise<number> {
    const live: Array<{ position: number; key: string }> = [];
    await this.db.items
      .where('[newsletter+issue]')
      .equals([newsletter, issue])
      .each((record) => {
        const item = record as Partial<NewsItem>;
        if (item.section === section && item.deletedAt === null && typeof item.position === 'number' && Number.isFinite(item.position)) {
          live.push({ position: item.position, key: item.release?.project ?? item.title ?? '' });
        }
      });
    live.sort((a, b) => a.position - b.position);
    const max = Math.max(0, ...live.map((entry) => entry.position));
    if (sortKey === undefined) return max + 1;
    const after = live.findIndex((entry) => entry.key.localeCompare(sortKey, 'en', { sensitivity: 'base', numeric: true }) > 0);
    if (after === -1) return max + 1;
    return positionBetween(live[after - 1]?.position ?? live[after]!.position - 2, live[after]!.position) ?? max + 1;
  }

  // ---- backups -----------------------------------------------------------------------------

  /** A backup of the whole collection or of one issue: tombstones, issue details, damaged records and quarantine included. */
  async exportBackup(scope: BackupScope): Promise<Backup> {
    const db = this.db;
    try {
      return await db.transaction('r', [db.items, db.issueMeta, db.newsletters, db.settings, db.quarantine], async () => {
        const settings = await readSettings(db);
        const records =
          scope.kind === 'all' ? await db.items.toArray() : await db.items.where('[newsletter+issue]').equals([scope.newsletter, scope.issue]).toArray();
        const { items, damaged } = split(records);
        const metaRecords =
          scope.kind === 'all' ? await db.issueMeta.toArray() : ((await db.issueMeta.get(issueMetaKey(scope.newsletter, scope.issue))) ?? []);
        const meta = splitIssueMeta(Array.isArray(metaRecords) ? metaRecords : [metaRecords]);
        const carried: DamagedRecord[] = [...damaged, ...meta.damaged].map((d) => ({ record: d.record, reasons: d.reasons }));
        if (scope.kind === 'all') {
          for (const q of await db.quarantine.toArray()) carried.push({ record: q.record, reasons: [`kept aside (${q.kind}) from ${q.source}`, ...q.reasons] });
        }
        const newsletters = (await db.newsletters.toArray()).filter((n) => scope.kind === 'all' || n.id === scope.newsletter);
        return buildBackup({
          items,
          newsletters,
          issueMeta: meta.metas,
          damaged: carried,
          scope,
          exportedAt: new Date(this.now()),
          exportedBy: settings.contributor,
          ...(scope.kind === 'all' ? { settings } : {}),
        });
      });
    } catch (error) {
      throw storageError(error, 'export the backup');
    }
  }

  private holdBack(clock: HybridClock): (version: Pick<NewsItem, 'hlc' | 'updatedAt' | 'updatedBy'>) => string | null {
    return (version) => {
      if (clock.trusts(version.hlc)) return null;
      const wall = parseHlc(version.hlc)?.wall ?? 0;
      return `Its clock is ${describeAhead(wall, this.now())} ahead of this computer’s (last changed ${version.updatedAt} by ${version.updatedBy || 'someone unnamed'}).`;
    };
  }

  private async readLocal(): Promise<{ items: NewsItem[]; damaged: DamagedItem[]; newsletters: NewsletterPreset[]; issueMeta: IssueMeta[]; damagedMeta: DamagedIssueMeta[] }> {
    const { items, damaged } = split(await this.db.items.toArray());
    const meta = splitIssueMeta(await this.db.issueMeta.toArray());
    const newsletters: NewsletterPreset[] = [];
    for (const row of await this.db.newsletters.toArray()) {
      try {
        newsletters.push(parseNewsletter(row));
      } catch {
        // A damaged definition is not merged with; utils/storage/newsletters.ts reports it.
      }
    }
    return { items, damaged, newsletters, issueMeta: meta.metas, damagedMeta: meta.damaged };
  }

  /** What importing `files` would do; writes nothing. */
  async previewImport(files: readonly ParsedBackup[]): Promise<ImportPlan> {
    const db = this.db;
    try {
      return await db.transaction('r', [db.items, db.issueMeta, db.newsletters, db.settings], async () => {
        const local = await this.readLocal();
        return planImport(local, files, { holdBack: this.holdBack(await savedClock(db, this.now)) });
      });
    } catch (error) {
      throw storageError(error, 'read the collection');
    }
  }

  /**
   * Import `files` in ONE transaction (a failure half-way — a full disk, a closed tab — leaves
   * the collection as it was). The plan is computed again inside the transaction, so an edit
   * made since the preview is merged, not overwritten. Definitions that differ from the user's
   * own are replaced only for the ids in `acceptNewsletters`. Records that are not imported
   * (held back, unreadable) are kept in the quarantine. Issue details merge like items.
   */
  async importFiles(files: readonly ParsedBackup[], options: { acceptNewsletters?: readonly string[] } = {}): Promise<ImportPlan> {
    const db = this.db;
    const accept = new Set(options.acceptNewsletters ?? []);
    return this.write(
      'import the backup',
      async (w) => {
        const local = await this.readLocal();
        const plan = planImport(local, files, { holdBack: this.holdBack(w.clock) });
        const writes = [...plan.items.added, ...plan.items.updated.map((u) => u.after)].map(validated);
        const metaWrites = [...plan.issueMeta.added, ...plan.issueMeta.updated.map((u) => u.after)].map(validatedIssueMeta);
        for (const version of [...writes, ...metaWrites]) w.clock.observe(version.hlc);
        const keptAt = new Date(this.now()).toISOString();
        const source = files.map((f) => f.fileName).join(', ');
        const aside: QuarantineRecord[] = [];
        // A damaged record here with the id of an arriving item: keep the damaged one aside.
        const damagedById = new Map(local.damaged.map((d) => [d.id, d]));
        for (const item of plan.items.added) {
          const old = damagedById.get(item.id);
          if (old) aside.push({ kind: 'unreadable', record: old.record, reasons: ['replaced by an imported version of the same id', ...old.reasons], source: 'this browser', keptAt });
        }
        const damagedByKey = new Map(local.damagedMeta.map((d) => [d.key, d]));
        for (const meta of plan.issueMeta.added) {
          const old = damagedByKey.get(meta.key);
          if (old) aside.push({ kind: 'unreadable', record: old.record, reasons: ['replaced by imported details of the same issue', ...old.reasons], source: 'this browser', keptAt });
        }
        for (const h of plan.items.heldBack) aside.push({ kind: 'held-back', record: h.version, reasons: [h.reason], source, keptAt });
        for (const h of plan.issueMeta.heldBack) aside.push({ kind: 'held-back', record: h.version, reasons: [h.reason], source, keptAt });
        for (const r of plan.rejected) aside.push({ kind: 'unreadable', record: r.record, reasons: r.reasons, source: r.file, keptAt });
        for (const d of plan.damaged) aside.push({ kind: 'unreadable', record: d.record, reasons: d.reasons, source: d.file, keptAt });
        await w.put(writes);
        await w.putMeta(metaWrites);
        const definitions = acceptedDefinitions(plan.newsletters, accept).map((d) => parseNewsletter(d));
        if (definitions.length) await db.newsletters.bulkPut(definitions);
        if (aside.length) await db.quarantine.bulkAdd(aside);
        return plan;
      },
      ['newsletters', 'quarantine'],
    );
  }

  // ---- published issues and pads -----------------------------------------------------------

  /** The local state an archive import is planned against (inside the caller's transaction). */
  private async archiveLocal(archived: ArchivedIssue, preset: NewsletterPreset, newsletter: string, file: string, createdAt: string) {
    const db = this.db;
    const ids = archivedItemFields(archived, preset, { newsletter, file, createdAt }).map((f) => f.id);
    const inIssue = await db.items.where('[newsletter+issue]').anyOf(newsletterIds(preset).map((id) => [id, archived.issue])).toArray();
    const byId = await db.items.bulkGet(ids);
    const records = new Map<string, unknown>();
    for (const record of [...inIssue, ...byId]) if (record) records.set((record as NewsItem).id, record);
    const { items, damaged } = split([...records.values()]);
    const meta = await db.issueMeta.get(issueMetaKey(newsletter, archived.issue));
    const checkedMeta = meta === undefined ? null : splitIssueMeta([meta]);
    return { items, damaged: damaged.filter((d) => ids.includes(d.id)), meta: checkedMeta?.metas[0], damagedMeta: checkedMeta?.damaged[0] };
  }

  /** What importing this issue (or pad) would do; writes nothing. Throws ArchiveFormatError when the file says no issue. */
  async previewArchive(markdown: string, preset: NewsletterPreset, options: ArchiveOptions): Promise<ArchiveImportReport> {
    const archived = readArchivedIssue(markdown, preset, options.issue ? { issue: options.issue } : {});
    const newsletter = filingId(preset);
    const db = this.db;
    try {
      return await db.transaction('r', [db.items, db.issueMeta], async () => {
        const createdAt = new Date(this.now()).toISOString();
        const local = await this.archiveLocal(archived, preset, newsletter, options.file, createdAt);
        return archiveReport(planArchiveImport({ archived, preset, newsletter, file: options.file, createdAt, local: local.items, meta: local.meta }), preset);
      });
    } catch (error) {
      throw storageError(error, 'read the collection');
    }
  }

  /**
   * Import a published issue or the team's pad (utils/archive/): one item per entry, in ONE
   * stamped transaction, by the rules of utils/archive/plan.ts — a re-import updates what no
   * editor changed, never overwrites what one did, and deleted items stay deleted; the names
   * the issue credits join the issue's details. Returns the report (nothing dropped silently).
   */
  async importArchive(markdown: string, preset: NewsletterPreset, options: ArchiveOptions): Promise<ArchiveImportReport> {
    const archived = readArchivedIssue(markdown, preset, options.issue ? { issue: options.issue } : {});
    const newsletter = filingId(preset);
    const db = this.db;
    const report = await this.write(
      'import the issue',
      async (w) => {
        const createdAt = new Date(this.now()).toISOString();
        const local = await this.archiveLocal(archived, preset, newsletter, options.file, createdAt);
        const plan = planArchiveImport({ archived, preset, newsletter, file: options.file, createdAt, local: local.items, meta: local.meta });
        const writes = [...plan.add.map((fields) => w.stamp(undefined, fields)), ...plan.update.map((u) => w.stamp(u.before, u.fields))];
        await w.put(writes);
        if (plan.meta.patch) await writeIssueMeta(db, w, newsletter, archived.issue, plan.meta.patch);
        const keptAt = new Date(this.now()).toISOString();
        const aside: QuarantineRecord[] = local.damaged
          .filter((d) => writes.some((item) => item.id === d.id))
          .map((d) => ({ kind: 'unreadable', record: d.record, reasons: ['replaced by an import of the issue', ...d.reasons], source: 'this browser', keptAt }));
        if (plan.meta.patch && local.damagedMeta) {
          aside.push({ kind: 'unreadable', record: local.damagedMeta.record, reasons: ['replaced by an import of the issue', ...local.damagedMeta.reasons], source: 'this browser', keptAt });
        }
        if (aside.length) await db.quarantine.bulkAdd(aside);
        return archiveReport(plan, preset);
      },
      ['quarantine'],
    );
    // The issue's release entries teach its projects' home pages and descriptions, for the
    // next release's entry. A failure here costs only that convenience, never the import.
    const notes = archived.entries.flatMap((entry) => projectNote(entry.entry) ?? []);
    await rememberProjectNotes(db, newsletter, notes, new Date(this.now())).catch(() => undefined);
    return report;
  }

  // ---- the XSF's XEP history (utils/xeps) ---------------------------------------------------

  private async xepPlan(result: MonthChanges, preset: NewsletterPreset, issue: string | undefined) {
    const newsletter = filingId(preset);
    const createdAt = new Date(this.now()).toISOString();
    const drafts = xepItems(result, preset, { newsletter, createdAt, ...(issue ? { issue } : {}) });
    const target = issue ?? result.month;
    const db = this.db;
    const inIssue = await db.items.where('[newsletter+issue]').anyOf(newsletterIds(preset).map((id) => [id, target])).toArray();
    const byId = await db.items.bulkGet(drafts.map((d) => d.fields.id));
    const records = new Map<string, unknown>();
    for (const record of [...inIssue, ...byId]) if (record) records.set((record as NewsItem).id, record);
    const { items } = split([...records.values()]);
    return planXepImport({ drafts, month: result.month, repository: result.repository, preset, local: items });
  }

  /** What adding the month's XEP changes would do (the Desk's preview); writes nothing. */
  async previewXepChanges(result: MonthChanges, preset: NewsletterPreset, issue?: string): Promise<XepImportReport> {
    const db = this.db;
    try {
      return await db.transaction('r', [db.items], async () => xepImportReport(await this.xepPlan(result, preset, issue), preset));
    } catch (error) {
      throw storageError(error, 'read the collection');
    }
  }

  /**
   * Add the month's XEP changes as items, in ONE transaction: the same month again updates the
   * items it made, never duplicates them, and keeps what an editor edited (utils/xeps/plan.ts).
   */
  async importXepChanges(result: MonthChanges, preset: NewsletterPreset, issue?: string): Promise<XepImportReport> {
    return this.write('add the XEP changes', async (w) => {
      const plan = await this.xepPlan(result, preset, issue);
      await w.put([...plan.add.map((fields) => w.stamp(undefined, fields)), ...plan.update.map((u) => w.stamp(u.before, u.fields))]);
      return xepImportReport(plan, preset);
    });
  }

  // ---- the quarantine ----------------------------------------------------------------------

  async listQuarantine(): Promise<QuarantineRecord[]> {
    try {
      return await this.db.quarantine.toArray();
    } catch (error) {
      throw storageError(error, 'read the records kept aside');
    }
  }

  async discardQuarantined(key: number): Promise<void> {
    try {
      await this.db.quarantine.delete(key);
    } catch (error) {
      throw storageError(error, 'discard the record');
    }
  }

  /**
   * Try a held-back version again (an item or an issue's details): imported when its clock is
   * no longer ahead, or — when the user asks for it (`restamp`) — as a new version stamped now
   * by this computer.
   */
  async retryQuarantined(key: number, restamp: boolean): Promise<ImportPlan> {
    const db = this.db;
    return this.write(
      'import the record',
      async (w) => {
        const row = await db.quarantine.get(key);
        if (!row) throw new NotFoundError('That record is no longer kept aside.');
        const checked = checkItem(row.record);
        const checkedMeta = checked.ok ? null : checkIssueMeta(row.record);
        if (!checked.ok && !checkedMeta?.ok) throw new ValidationError(`It still cannot be read: ${checked.reasons.join('; ')}.`);
        const hlc = restamp ? w.clock.now() : null;
        const items: NewsItem[] = [];
        const issueMeta: IssueMeta[] = [];
        if (checked.ok) {
          let version = checked.item;
          if (hlc) {
            version = validated({ ...version, hlc, updatedAt: hlcTime(hlc), updatedBy: w.contributor, ancestors: [], createdAt: version.createdAt > hlcTime(hlc) ? hlcTime(hlc) : version.createdAt, deletedAt: version.deletedAt && hlcTime(hlc) });
          }
          items.push(version);
        } else if (checkedMeta?.ok) {
          const meta = checkedMeta.meta;
          issueMeta.push(hlc ? validatedIssueMeta({ ...meta, hlc, updatedAt: hlcTime(hlc), updatedBy: w.contributor, ancestors: [] }) : meta);
        }
        const local = await this.readLocal();
        const file: ParsedBackup = {
          fileName: row.source,
          rejected: [],
          backup: { format: 'newsdesk-backup', version: 2, exportedAt: row.keptAt, exportedBy: '', scope: { kind: 'all' }, items, newsletters: [], issueMeta, damaged: [] },
        };
        const plan = planImport(local, [file], { holdBack: this.holdBack(w.clock) });
        const held = plan.items.heldBack[0]?.reason ?? plan.issueMeta.heldBack[0]?.reason;
        if (held) throw new ValidationError(held);
        const writes = [...plan.items.added, ...plan.items.updated.map((u) => u.after)];
        const metaWrites = [...plan.issueMeta.added, ...plan.issueMeta.updated.map((u) => u.after)];
        for (const version of [...writes, ...metaWrites]) w.clock.observe(version.hlc);
        await w.put(writes);
        await w.putMeta(metaWrites);
        await db.quarantine.delete(key);
        return plan;
      },
      ['quarantine', 'newsletters'],
    );
  }

  // ---- the newsroom ------------------------------------------------------------------------

  /**
   * Versions from the newsroom (utils/sync/engine.ts), merged in ONE transaction with the same
   * rules as an import (utils/merge/remote.ts; issue details: utils/merge/issue-meta.ts): each
   * record validated on its own, far-ahead clocks held back, conflicts kept in history and
   * reported. Records that cannot be applied are kept in the quarantine (once: the same record
   * arriving again is not added twice). A merge result the newsroom lacks is queued to be sent;
   * a queued change the newsroom already holds is settled.
   */
  async applyRemote(records: readonly RemoteRecord[], source: string): Promise<AppliedRemote> {
    const db = this.db;
    return this.write(
      'apply the newsroom’s changes',
      async (w) => {
        const itemRecords = records.filter((r) => issueMetaKeyOfRecord(r.id) === null);
        const metaRecords = records.filter((r) => issueMetaKeyOfRecord(r.id) !== null);
        const ids = [...new Set(itemRecords.map((r) => r.id))];
        const found = await db.items.bulkGet(ids);
        const local = new Map<string, NewsItem>();
        const damaged = new Map<string, { record: unknown; reasons: string[] }>();
        found.forEach((record, i) => {
          if (record === undefined) return;
          const checked = checkItem(record);
          if (checked.ok) local.set(ids[i]!, checked.item);
          else damaged.set(ids[i]!, { record, reasons: checked.reasons });
        });
        const holdBack = this.holdBack(w.clock);
        const plan = planRemote(local, itemRecords, { holdBack });
        const keys = [...new Set(metaRecords.map((r) => issueMetaKeyOfRecord(r.id)!))];
        const localMeta = new Map<string, IssueMeta>();
        (await db.issueMeta.bulkGet(keys)).forEach((record, i) => {
          if (record === undefined) return;
          const checked = checkIssueMeta(record);
          if (checked.ok) localMeta.set(keys[i]!, checked.meta);
          else damaged.set(issueMetaRecordId(keys[i]!), { record, reasons: checked.reasons });
        });
        const metaPlan = planRemoteIssueMeta(localMeta, metaRecords, { holdBack });
        for (const stamp of [...plan.observed, ...metaPlan.observed]) w.clock.observe(stamp);
        const writes = plan.writes.map(validated);
        const metaWrites = metaPlan.writes.map(validatedIssueMeta);
        const keptAt = new Date(this.now()).toISOString();
        const aside: QuarantineRecord[] = [...plan.aside, ...metaPlan.aside].map((a) => ({ kind: a.kind, record: a.record, reasons: a.reasons, source, keptAt }));
        for (const id of [...writes.map((item) => item.id), ...metaWrites.map((meta) => issueMetaRecordId(meta.key))]) {
          const old = damaged.get(id);
          if (old) aside.push({ kind: 'unreadable', record: old.record, reasons: ['replaced by the newsroom’s version of the same id', ...old.reasons], source: 'this browser', keptAt });
        }
        if (writes.length) await db.items.bulkPut(writes);
        if (metaWrites.length) await db.issueMeta.bulkPut(metaWrites);
        const settled = [...plan.settled, ...metaPlan.settled.map(issueMetaRecordId)];
        if (settled.length) await db.outbox.bulkDelete(settled);
        const now = this.now();
        const queue = [...plan.queue.map((item) => outboxRow(item, now)), ...metaPlan.queue.map((meta) => outboxRow({ id: issueMetaRecordId(meta.key), hlc: meta.hlc }, now))];
        if (queue.length) await db.outbox.bulkPut(queue);
        if (plan.senders.length) {
          const known = await db.senders.bulkGet(plan.senders.map((s) => s.id));
          await db.senders.bulkPut(
            plan.senders.map((s, i): SenderRecord => {
              const first = known[i]?.firstJid ?? (s.first ? s.jid : undefined);
              return { id: s.id, hlc: s.hlc, jid: s.jid, ...(first ? { firstJid: first } : {}) };
            }),
          );
        }
        if (aside.length) {
          // The same held-back or unreadable record comes again with every catch-up: keep it once.
          const kept = new Set((await db.quarantine.toArray()).map((q) => `${q.kind}\n${canonicalJson(q.record)}`));
          const fresh = aside.filter((a) => {
            const key = `${a.kind}\n${canonicalJson(a.record)}`;
            if (kept.has(key)) return false;
            kept.add(key);
            return true;
          });
          if (fresh.length) await db.quarantine.bulkAdd(fresh);
        }
        return { ...plan, issueMeta: metaPlan };
      },
      ['quarantine', 'senders'],
    );
  }
}

/** A finite number strictly between the neighbours' positions, or null when there is none. */
export function positionBetween(before: number | undefined, after: number | undefined): number | null {
  const ok = (n: number | undefined) => n === undefined || Number.isFinite(n);
  if (!ok(before) || !ok(after)) return null;
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  const mid = before + (after - before) / 2;
  return before < mid && mid < after ? mid : null;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether `contentOf` the two items is equal (for callers comparing what an editor sees). */
export function sameContent(a: NewsItem, b: NewsItem): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}

export { MAX_SKEW_MS };
