import type { NewsItem } from '../model/item';
import { redraftOutcome } from '../model/redraft';
import type { VersionFields } from '../model/stamp';
import type { NewsletterPreset } from '../presets/types';
import { sectionPath } from '../presets/types';
import { isFromMonth, type XepDraft } from './items';

/**
 * What adding a month's drafted XEP changes to a collection does, computed before anything is
 * written — the Desk's preview, the store and the CLI's backup use it. Pure. The rules are those
 * of every item drafted from a source (utils/model/redraft.ts): new changes are added; items
 * from an earlier run still as Newsdesk drafted them are brought up to date (entry, facts,
 * commit); an item an editor edited or moved is kept, and the difference between the editor's
 * entry and the fresh draft is shown; a deleted one stays deleted. Items an earlier run made
 * that the month no longer has (a change reverted) are kept and reported.
 */

export interface XepItemRef {
  id: string;
  title: string;
  section: string;
}

export interface XepKeptEdited extends XepItemRef {
  why: string;
  /** The entry as the editor left it. */
  yours: string;
  /** The entry the history drafts now. */
  drafted: string;
}

export interface XepPlan {
  month: string;
  issue: string;
  add: VersionFields[];
  update: Array<{ before: NewsItem; fields: VersionFields }>;
  unchanged: XepItemRef[];
  keptEdited: XepKeptEdited[];
  keptDeleted: XepItemRef[];
  /** From an earlier run of this month, no longer among its changes: kept. */
  noLongerChanged: XepItemRef[];
  /** A drafted XEP whose page is already in the issue as a clip: both kept, the editor picks. */
  alsoClipped: Array<XepItemRef & { otherId: string }>;
}

export interface XepPlanInput {
  drafts: readonly XepDraft[];
  month: string;
  repository: string;
  preset: NewsletterPreset;
  /** The collection's live and deleted items of the issue, and any with the drafts' ids. */
  local: readonly NewsItem[];
}

const ref = (item: Pick<NewsItem, 'id' | 'title' | 'section'>): XepItemRef => ({ id: item.id, title: item.title, section: item.section });

/** The source's facts on top of the item as it is: its place, status, credit and creation stay. */
function fromDraft(before: NewsItem, fields: VersionFields): VersionFields {
  const { hlc: _h, updatedAt: _u, updatedBy: _b, ancestors: _a, history, ...kept } = before;
  return {
    ...kept,
    ...(history ? { history } : {}),
    title: fields.title,
    url: fields.url,
    canonicalUrl: fields.canonicalUrl,
    description: fields.description,
    publishedAt: fields.publishedAt,
    contentMarkdown: fields.contentMarkdown,
    xep: fields.xep,
    entry: fields.entry,
    drafted: fields.drafted,
    source: fields.source,
  };
}

export function planXepImport(input: XepPlanInput): XepPlan {
  const first = input.drafts[0]?.fields;
  const issue = first?.issue ?? input.month;
  const plan: XepPlan = { month: input.month, issue, add: [], update: [], unchanged: [], keptEdited: [], keptDeleted: [], noLongerChanged: [], alsoClipped: [] };
  const byId = new Map(input.local.map((item) => [item.id, item]));
  const ids = new Set(input.drafts.map((d) => d.fields.id));
  const clips = input.local.filter((item) => item.deletedAt === null && !ids.has(item.id) && item.source?.kind !== 'xeps');
  for (const { fields } of input.drafts) {
    const before = byId.get(fields.id);
    const clip = clips.find((item) => item.canonicalUrl === fields.canonicalUrl && item.issue === fields.issue && item.section === fields.section);
    if (clip && !before) plan.alsoClipped.push({ ...ref(fields), otherId: clip.id });
    const outcome = redraftOutcome(before, fields, input.preset, (b) => fromDraft(b, fields));
    switch (outcome.kind) {
      case 'add':
        plan.add.push(fields);
        break;
      case 'deleted':
        plan.keptDeleted.push(ref(outcome.before));
        break;
      case 'edited':
        plan.keptEdited.push({ ...ref(outcome.before), why: outcome.why, yours: outcome.before.entry, drafted: fields.entry });
        break;
      case 'unchanged':
        plan.unchanged.push(ref(outcome.before));
        break;
      case 'update':
        plan.update.push({ before: outcome.before, fields: outcome.fields });
        break;
    }
  }
  plan.noLongerChanged = input.local
    .filter((item) => item.deletedAt === null && !ids.has(item.id) && isFromMonth(item, input.repository, input.month))
    .map(ref);
  return plan;
}

export interface XepImportReport {
  month: string;
  issue: string;
  added: number;
  updated: number;
  unchanged: number;
  keptEdited: XepKeptEdited[];
  keptDeleted: XepItemRef[];
  noLongerChanged: XepItemRef[];
  alsoClipped: XepPlan['alsoClipped'];
  /** In plain words; the first line has the counts. */
  lines: string[];
}

export function xepImportReport(plan: XepPlan, preset: NewsletterPreset): XepImportReport {
  const path = (section: string) => sectionPath(preset, section);
  const kept = plan.keptEdited.length + plan.keptDeleted.length;
  const lines = [
    `XEP changes of ${plan.month} for the ${plan.issue} issue: ${plan.add.length} added, ${plan.update.length} updated, ${plan.unchanged.length} unchanged${kept ? `, ${kept} kept as the editors left them` : ''}.`,
  ];
  for (const k of plan.keptEdited) lines.push(`Kept as edited: “${k.title}” (${path(k.section)}): ${k.why}; the fresh draft was not applied.`);
  for (const k of plan.keptDeleted) lines.push(`Kept deleted: “${k.title}” (${path(k.section)}) was deleted here; restore it in the Desk if you want it back.`);
  for (const k of plan.noLongerChanged) lines.push(`No longer among the month’s changes: “${k.title}” (${path(k.section)}) from an earlier run is kept; delete it in the Desk if it should go.`);
  for (const a of plan.alsoClipped) lines.push(`Also clipped: “${a.title}” (${path(a.section)}) is already in the issue as a clip; both are kept.`);
  return {
    month: plan.month,
    issue: plan.issue,
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged.length,
    keptEdited: plan.keptEdited,
    keptDeleted: plan.keptDeleted,
    noLongerChanged: plan.noLongerChanged,
    alsoClipped: plan.alsoClipped,
    lines,
  };
}
