import { cleanContributors, type IssueMeta } from '../model/issue-meta';
import type { NewsItem } from '../model/item';
import { redraftOutcome } from '../model/redraft';
import type { VersionFields } from '../model/stamp';
import type { NewsletterPreset } from '../presets/types';
import { sectionPath } from '../presets/types';
import { archivedItemFields, type ArchivedIssue, type ArchivedItemFields } from './import';

/**
 * What importing a published issue (or the team's pad) into a collection does, computed before
 * anything is written — the Desk's preview, the store's import and the CLI all use it. Pure.
 *
 * Rules, for each entry of the file (its item id is the same on every import of the issue),
 * those of every item drafted from a source (utils/model/redraft.ts):
 *   - not in the collection: added;
 *   - in it, deleted: stays deleted (the editor deleted it);
 *   - in it, its entry still what the import wrote (`drafted`) and still in its section and
 *     issue: brought up to date with the file (entry, link, figures, position; the title too
 *     when the entry changed); its status and credit stay;
 *   - in it, edited by an editor (entry differs from `drafted`, or moved): kept as it is, and
 *     reported.
 * Items an earlier import of the same file made that the file no longer has are kept and
 * reported. The names the issue credits join the issue's extra contributors (union); its
 * teaser is taken when the issue has none yet; the occasional blocks it prints are switched on
 * unless the editor already chose. Lines the reader could not place are reported.
 */

export interface ArchiveItemRef {
  id: string;
  title: string;
  section: string;
}

export interface ArchiveSectionCount {
  section: string;
  /** "XMPP Software News › Clients", for people. */
  path: string;
  entries: number;
  added: number;
  updated: number;
  kept: number;
}

export interface ArchiveMetaChange {
  /** Names the issue credits that the issue's details did not have yet. */
  contributorsAdded: string[];
  /** The issue's teaser: taken (none was set), already the same, kept (the editor's differs), or the file has none. */
  summary: 'taken' | 'same' | 'kept' | 'none';
  /** Occasional blocks the file prints, switched on. */
  blocksOn: string[];
  /** The change to write, or null when there is none. */
  patch: { summary?: string; contributors?: string[]; blocks?: Record<string, boolean> } | null;
}

export interface ArchivePlan {
  newsletter: string;
  issue: string;
  file: string;
  title: string | null;
  sections: ArchiveSectionCount[];
  add: ArchivedItemFields[];
  update: Array<{ before: NewsItem; fields: VersionFields }>;
  unchanged: ArchiveItemRef[];
  /** Items an editor changed: kept as they are. */
  keptEdited: Array<ArchiveItemRef & { why: string }>;
  /** Items an editor deleted: they stay deleted. */
  keptDeleted: ArchiveItemRef[];
  /** Items of an earlier import of this file that the file no longer has: kept. */
  notInFile: ArchiveItemRef[];
  /** Entries whose page is already in the issue as another item (a clip): both kept. */
  alsoInIssue: Array<ArchiveItemRef & { otherId: string }>;
  meta: ArchiveMetaChange;
  /** What the reader could not place, in words. */
  notices: string[];
}

export interface ArchivePlanInput {
  archived: ArchivedIssue;
  preset: NewsletterPreset;
  /** The id the items are filed under (the newsletter's family id). */
  newsletter: string;
  file: string;
  /** For new items. */
  createdAt: string;
  /**
   * Readable items that matter: the issue's items (deleted ones too) and any item with one of
   * the import's ids (an item the editor moved to another issue keeps its id).
   */
  local: readonly NewsItem[];
  meta: IssueMeta | undefined;
}

const ref = (item: Pick<NewsItem, 'id' | 'title' | 'section'>): ArchiveItemRef => ({ id: item.id, title: item.title, section: item.section });

/** The fields the file decides for an item nobody edited. */
function fromFile(before: NewsItem, fields: ArchivedItemFields): VersionFields {
  const { figures: _f, ...kept } = before;
  const entryChanged = before.entry !== fields.entry;
  return {
    ...kept,
    ...(fields.figures ? { figures: fields.figures } : {}),
    title: entryChanged ? fields.title : before.title,
    url: fields.url,
    canonicalUrl: fields.canonicalUrl,
    kind: fields.kind,
    release: fields.release,
    xep: fields.xep,
    entry: fields.entry,
    drafted: fields.drafted,
    position: fields.position,
    ...(fields.layout ? { layout: fields.layout } : {}),
    // `source` stays the first file's: the same pad saved under another name changes nothing.
  };
}

export function planArchiveImport(input: ArchivePlanInput): ArchivePlan {
  const { archived, preset, newsletter, file } = input;
  const fields = archivedItemFields(archived, preset, { newsletter, file, createdAt: input.createdAt });
  const byId = new Map(input.local.map((item) => [item.id, item]));
  const plan: ArchivePlan = {
    newsletter,
    issue: archived.issue,
    file,
    title: archived.title,
    sections: [],
    add: [],
    update: [],
    unchanged: [],
    keptEdited: [],
    keptDeleted: [],
    notInFile: [],
    alsoInIssue: [],
    meta: { contributorsAdded: [], summary: 'none', blocksOn: [], patch: null },
    notices: [...archived.notices],
  };
  const counts = new Map<string, ArchiveSectionCount>();
  const count = (section: string) => {
    let c = counts.get(section);
    if (!c) counts.set(section, (c = { section, path: sectionPath(preset, section), entries: 0, added: 0, updated: 0, kept: 0 }));
    return c;
  };
  const ids = new Set(fields.map((f) => f.id));
  const otherLive = input.local.filter((item) => item.deletedAt === null && !ids.has(item.id) && item.issue === archived.issue);

  for (const f of fields) {
    const c = count(f.section);
    c.entries++;
    const before = byId.get(f.id);
    const other = otherLive.find((item) => item.canonicalUrl === f.canonicalUrl && item.section === f.section);
    if (other) plan.alsoInIssue.push({ ...ref(f), otherId: other.id });
    const outcome = redraftOutcome(before, f, preset, (b) => fromFile(b, f));
    switch (outcome.kind) {
      case 'add':
        plan.add.push(f);
        c.added++;
        break;
      case 'deleted':
        plan.keptDeleted.push(ref(outcome.before));
        c.kept++;
        break;
      case 'edited':
        plan.keptEdited.push({ ...ref(outcome.before), why: outcome.why });
        c.kept++;
        break;
      case 'unchanged':
        plan.unchanged.push(ref(outcome.before));
        break;
      case 'update':
        plan.update.push({ before: outcome.before, fields: outcome.fields });
        c.updated++;
        break;
    }
  }
  plan.sections = preset.sections.flatMap((s) => counts.get(s.id) ?? []);
  plan.notInFile = input.local
    .filter((item) => item.deletedAt === null && !ids.has(item.id) && item.issue === archived.issue && item.source?.kind === 'archive' && item.source.file === file.slice(0, 300))
    .map(ref);

  // The issue's details: names credited (union), the teaser, the occasional blocks it prints.
  const meta = input.meta;
  const have = new Set((meta?.contributors ?? []).map((n) => n.toLowerCase()));
  const credited = cleanContributors(archived.contributors);
  plan.meta.contributorsAdded = credited.filter((n) => !have.has(n.toLowerCase()));
  const summary = archived.summary?.trim() || null;
  plan.meta.summary = summary === null ? 'none' : meta?.summary == null ? 'taken' : meta.summary === summary ? 'same' : 'kept';
  const occasional = new Set(preset.sections.filter((s) => s.kind === 'fixed' && s.occasional).map((s) => s.id));
  plan.meta.blocksOn = archived.fixedPresent.filter((id) => occasional.has(id) && meta?.blocks[id] === undefined);
  const patch: NonNullable<ArchiveMetaChange['patch']> = {};
  if (plan.meta.contributorsAdded.length) patch.contributors = [...(meta?.contributors ?? []), ...plan.meta.contributorsAdded];
  if (plan.meta.summary === 'taken') patch.summary = summary!;
  if (plan.meta.blocksOn.length) patch.blocks = Object.fromEntries(plan.meta.blocksOn.map((id) => [id, true]));
  plan.meta.patch = Object.keys(patch).length ? patch : null;
  return plan;
}

/** A plan as the pages and the CLI report it: counts and lists, without the items' fields. */
export interface ArchiveImportReport {
  newsletter: string;
  issue: string;
  file: string;
  title: string | null;
  sections: ArchiveSectionCount[];
  added: number;
  updated: number;
  unchanged: number;
  keptEdited: ArchivePlan['keptEdited'];
  keptDeleted: ArchiveItemRef[];
  notInFile: ArchiveItemRef[];
  alsoInIssue: ArchivePlan['alsoInIssue'];
  meta: Omit<ArchiveMetaChange, 'patch'>;
  notices: string[];
  /** The report in plain words; the first line has the counts. */
  lines: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function archiveReport(plan: ArchivePlan, preset: NewsletterPreset): ArchiveImportReport {
  const { patch: _p, ...meta } = plan.meta;
  const report: ArchiveImportReport = {
    newsletter: plan.newsletter,
    issue: plan.issue,
    file: plan.file,
    title: plan.title,
    sections: plan.sections,
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged.length,
    keptEdited: plan.keptEdited,
    keptDeleted: plan.keptDeleted,
    notInFile: plan.notInFile,
    alsoInIssue: plan.alsoInIssue,
    meta,
    notices: plan.notices,
    lines: [],
  };
  const path = (section: string) => sectionPath(preset, section);
  const lines = report.lines;
  const entries = plan.sections.reduce((n, s) => n + s.entries, 0);
  lines.push(
    `${plural(entries, 'entry', 'entries')} read from ${plan.file}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${plan.keptEdited.length + plan.keptDeleted.length} kept as the editors left them.`,
  );
  for (const k of plan.keptEdited) lines.push(`Kept as edited: “${k.title}” (${path(k.section)}): ${k.why}; the file’s version was not applied.`);
  for (const k of plan.keptDeleted) lines.push(`Kept deleted: “${k.title}” (${path(k.section)}) was deleted here; restore it in the Desk if you want it back.`);
  for (const k of plan.notInFile) lines.push(`No longer in the file: “${k.title}” (${path(k.section)}) from an earlier import is kept; delete it in the Desk if it should go.`);
  for (const a of plan.alsoInIssue) lines.push(`Also in this issue: “${a.title}” (${path(a.section)}) is already there as another item; both are kept.`);
  if (meta.contributorsAdded.length) lines.push(`Credited in this issue: ${meta.contributorsAdded.join(', ')}.`);
  if (meta.summary === 'taken') lines.push('The issue’s teaser (summary) is taken from the file.');
  if (meta.summary === 'kept') lines.push('The file’s teaser differs from the one set for this issue; the issue keeps its own.');
  if (meta.blocksOn.length) lines.push(`Switched on for this issue: ${meta.blocksOn.map(path).join(', ')}.`);
  for (const n of plan.notices) lines.push(`Reading the file: ${n}`);
  return report;
}
