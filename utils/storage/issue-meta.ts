import { asLostIssueMeta, unionIssueMetaHistory } from '../merge/issue-meta';
import { ValidationError } from '../model/fit';
import {
  changedMetaFields,
  checkIssueMeta,
  cleanContributors,
  emptyIssueMeta,
  ISSUE_META_LIMITS,
  issueMetaKey,
  issueMetaLabel,
  type IssueMeta,
  type IssueMetaContent,
  type IssueMetaField,
  type LostIssueMeta,
} from '../model/issue-meta';
import { isIssueKey } from '../model/issue';
import { storageError } from './errors';
import type { NewsdeskDb } from './schema';
import { stampedWrite, validatedIssueMeta, type Writer } from './writer';

/**
 * An issue's metadata (utils/model/issue-meta.ts): the teaser the editor wrote, the extra
 * contributors credited, the occasional blocks switched on or off. Written only through the
 * stamped write transaction items use (utils/storage/writer.ts), so every change is stamped,
 * validated and queued for the newsroom like an item's; imports and the newsroom merge it in
 * utils/storage/items.ts with utils/merge/issue-meta.ts. Reads validate: a damaged record is
 * reported, never used.
 */

export interface IssueMetaPatch {
  /** The teaser; null goes back to the one drafted from the items. */
  summary?: string | null;
  contributors?: readonly string[];
  /** Occasional blocks to switch on (true) or off (false), merged into the record's. */
  blocks?: Readonly<Record<string, boolean>>;
}

/** What the editor saw before changing the fields (to tell a concurrent change from their own). */
export interface IssueMetaBase {
  /** The stamp of the version the editor saw; null when there was none yet. */
  hlc: string | null;
  values: Partial<IssueMetaContent>;
}

export interface IssueMetaEdit {
  /** The record now stored; null when none exists and the change set nothing (no record is written for defaults). */
  meta: IssueMeta | null;
  /** The version replaced because the fields being saved were changed elsewhere meanwhile (now in history). */
  overwritten: LostIssueMeta | null;
}

export interface DamagedIssueMeta {
  key: string;
  label: string;
  reasons: string[];
  record: unknown;
}

export interface IssueMetaList {
  metas: IssueMeta[];
  damaged: DamagedIssueMeta[];
}

export function splitIssueMeta(records: readonly unknown[]): IssueMetaList {
  const metas: IssueMeta[] = [];
  const damaged: DamagedIssueMeta[] = [];
  for (const record of records) {
    const checked = checkIssueMeta(record);
    if (checked.ok) metas.push(checked.meta);
    else damaged.push({ key: String((record as { key?: unknown } | null)?.key ?? ''), label: issueMetaLabel(record), reasons: checked.reasons, record });
  }
  return { metas, damaged };
}

function sameValue(a: unknown, b: unknown): boolean {
  return changedMetaFields({ summary: null, contributors: [], blocks: {}, ...(a as object) } as IssueMetaContent, { summary: null, contributors: [], blocks: {}, ...(b as object) } as IssueMetaContent).length === 0;
}

/** The patch's fields as stored: a teaser trimmed (empty means none), names cleaned, blocks merged. */
export function normalizePatch(current: IssueMetaContent, patch: IssueMetaPatch): Partial<IssueMetaContent> {
  const out: Partial<IssueMetaContent> = {};
  if (patch.summary !== undefined) {
    const summary = patch.summary === null ? null : patch.summary.replace(/\s+/g, ' ').trim();
    if (summary !== null && summary.length > ISSUE_META_LIMITS.summary) {
      throw new ValidationError(`The teaser is ${summary.length.toLocaleString('en')} characters long; at most ${ISSUE_META_LIMITS.summary.toLocaleString('en')} fit.`);
    }
    out.summary = summary ? summary : null;
  }
  if (patch.contributors !== undefined) out.contributors = cleanContributors(patch.contributors);
  if (patch.blocks !== undefined) out.blocks = { ...current.blocks, ...patch.blocks };
  return out;
}

/**
 * Write a change of one issue's metadata inside a stamped transaction (the Desk's edits, the
 * archive import). Returns the record unchanged when the patch changes nothing.
 */
export async function writeIssueMeta(db: NewsdeskDb, w: Writer, newsletter: string, issue: string, patch: IssueMetaPatch, base?: IssueMetaBase): Promise<IssueMetaEdit> {
  const key = issueMetaKey(newsletter, issue);
  const checked = checkIssueMeta(await db.issueMeta.get(key));
  const current = checked.ok ? checked.meta : undefined;
  const content: IssueMetaContent = current ?? emptyIssueMeta(newsletter, issue);
  const changes = normalizePatch(content, patch);
  const fields = Object.keys(changes) as IssueMetaField[];
  if (current && fields.every((field) => sameValue({ [field]: current[field] }, { [field]: changes[field] }))) return { meta: current, overwritten: null };
  // Nothing set yet and nothing to set: no record is written.
  if (!current && fields.every((field) => sameValue({ [field]: content[field] }, { [field]: changes[field] }))) return { meta: null, overwritten: null };
  const changedElsewhere =
    current !== undefined &&
    base !== undefined &&
    base.hlc !== current.hlc &&
    fields.some((field) => field in base.values && !sameValue({ [field]: base.values[field] }, { [field]: current[field] }) && !sameValue({ [field]: changes[field] }, { [field]: current[field] }));
  const overwritten = changedElsewhere ? asLostIssueMeta(current, 'overwritten') : null;
  const stamped = w.stampMeta(current, {
    ...emptyIssueMeta(newsletter, issue),
    ...(current ? { summary: current.summary, contributors: current.contributors, blocks: current.blocks } : {}),
    ...changes,
    history: overwritten ? unionIssueMetaHistory(null, [overwritten], current!.history) : (current?.history ?? []),
  });
  // Written over a version the editor never saw: that version is not what this one was edited from.
  const next = overwritten ? validatedIssueMeta({ ...stamped, ancestors: current!.ancestors }) : stamped;
  // A damaged record under this key is replaced: the caller keeps it in the quarantine.
  await w.putMeta([next]);
  return { meta: next, overwritten };
}

export class IssueMetaStore {
  private readonly now: () => number;

  constructor(
    readonly db: NewsdeskDb,
    env: { now?: () => number } = {},
  ) {
    this.now = env.now ?? Date.now;
  }

  /** The issue's metadata, or undefined when none was set (or the stored record cannot be read: see `read`). */
  async get(newsletter: string, issue: string): Promise<IssueMeta | undefined> {
    return (await this.read(newsletter, issue)).meta;
  }

  /** The issue's metadata and, when the stored record cannot be read, why. */
  async read(newsletter: string, issue: string): Promise<{ meta: IssueMeta | undefined; damaged: DamagedIssueMeta | null }> {
    try {
      const record = await this.db.issueMeta.get(issueMetaKey(newsletter, issue));
      if (record === undefined) return { meta: undefined, damaged: null };
      const { metas, damaged } = splitIssueMeta([record]);
      return { meta: metas[0], damaged: damaged[0] ?? null };
    } catch (error) {
      throw storageError(error, 'read the issue’s details');
    }
  }

  async readAll(): Promise<IssueMetaList> {
    try {
      return splitIssueMeta(await this.db.issueMeta.toArray());
    } catch (error) {
      throw storageError(error, 'read the issues’ details');
    }
  }

  /**
   * Change the issue's teaser, extra contributors or occasional blocks. `base` is what the
   * editor started from: a field changed elsewhere meanwhile is still saved (the editor's latest
   * word) but the version it replaces is kept in history and returned.
   */
  async update(newsletter: string, issue: string, patch: IssueMetaPatch, base?: IssueMetaBase): Promise<IssueMetaEdit> {
    if (!isIssueKey(issue)) throw new ValidationError(`"${issue}" is not an issue (a month like 2026-03 or a week like 2026-W07).`);
    const db = this.db;
    return stampedWrite(
      db,
      this.now,
      'save the issue’s details',
      async (w) => {
        const old = await db.issueMeta.get(issueMetaKey(newsletter, issue));
        const checked = old === undefined ? null : checkIssueMeta(old);
        const result = await writeIssueMeta(db, w, newsletter, issue, patch, base);
        // A damaged record the edit replaced is kept aside, never lost.
        if (checked && !checked.ok && result.meta) {
          await db.quarantine.add({ kind: 'unreadable', record: old, reasons: ['replaced by an edit of the issue’s details', ...checked.reasons], source: 'this browser', keptAt: new Date(this.now()).toISOString() });
        }
        return result;
      },
      ['quarantine'],
    );
  }

  /** The editor keeps the current version: a lost version is marked as seen. */
  async dismissVersion(newsletter: string, issue: string, hlc: string): Promise<IssueMeta | undefined> {
    const db = this.db;
    return stampedWrite(db, this.now, 'save the issue’s details', async (w) => {
      const checked = checkIssueMeta(await db.issueMeta.get(issueMetaKey(newsletter, issue)));
      if (!checked.ok) return undefined;
      const meta = checked.meta;
      if (!meta.history.some((h) => h.hlc === hlc && !h.dismissed)) return meta;
      const next = w.stampMeta(meta, { ...meta, history: meta.history.map((h) => (h.hlc === hlc ? { ...h, dismissed: true } : h)) });
      await w.putMeta([next]);
      return next;
    });
  }

  /** The editor takes a lost version back: its fields become a new edit (the current one goes to history). */
  async restoreVersion(newsletter: string, issue: string, hlc: string): Promise<IssueMeta> {
    const db = this.db;
    return stampedWrite(db, this.now, 'save the issue’s details', async (w) => {
      const checked = checkIssueMeta(await db.issueMeta.get(issueMetaKey(newsletter, issue)));
      const lost = checked.ok ? checked.meta.history.find((h) => h.hlc === hlc) : undefined;
      if (!checked.ok || !lost) throw new ValidationError('That version is no longer in the issue’s history.');
      const meta = checked.meta;
      const replaced = asLostIssueMeta(meta, 'overwritten');
      const history = unionIssueMetaHistory(null, [{ ...replaced, dismissed: true }], meta.history.map((h) => (h.hlc === hlc ? { ...h, dismissed: true } : h)));
      const stamped = w.stampMeta(meta, { ...meta, summary: lost.summary, contributors: lost.contributors, blocks: lost.blocks, history });
      const next = validatedIssueMeta({ ...stamped, ancestors: meta.ancestors });
      await w.putMeta([next]);
      return next;
    });
  }
}
