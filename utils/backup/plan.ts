import { mergeIssueMetas, type IssueMetaMerge } from '../merge/issue-meta';
import { mergeItems, type ItemMerge, type MergeOptions } from '../merge/items';
import type { IssueMeta } from '../model/issue-meta';
import { planNewsletters, type NewsletterPlan } from '../merge/newsletters';
import type { NewsItem } from '../model/item';
import { isBuiltInPreset } from '../presets';
import type { NewsletterPreset } from '../presets/types';
import type { DamagedRecord, ParsedBackup, RejectedRecord } from './format';

/**
 * What importing backups will do, computed before anything is written: the dry run shown to
 * the user, and exactly what the import then writes (computed again inside the write
 * transaction). Pure: the store and the CLI both use it.
 */
export interface ImportPlan {
  items: ItemMerge;
  /** The issues' metadata (teaser, extra contributors, occasional blocks), merged like items. */
  issueMeta: IssueMetaMerge;
  newsletters: NewsletterPlan;
  /** Records of the files that are not imported, with the file they came from. */
  rejected: Array<RejectedRecord & { file: string }>;
  /** Records the exporting browsers could not read: kept in this browser's quarantine. */
  damaged: Array<DamagedRecord & { file: string }>;
  /** Newsletter ids the imported items use that neither this browser nor the files define. */
  unknownNewsletters: string[];
  summary: ImportSummary;
}

export interface ImportSummary {
  /** New live items. */
  added: number;
  /** Deletions recorded for items this browser never had (kept so later merges see them). */
  addedDeleted: number;
  /** Stored items that change (deleted ones included). */
  updated: number;
  /** Of those, items the import deletes. */
  deleted: number;
  skipped: number;
  conflicts: number;
  /** Items kept under a new id because their id belongs to another page here. */
  renamed: number;
  /** Versions not applied now (clock far ahead): kept in quarantine. */
  heldBack: number;
  /** Pages that are now more than one item in an issue. */
  duplicates: number;
  /** Records of the files that could not be read. */
  rejected: number;
  newslettersAdded: number;
  /** Definitions that differ from the user's own: replaced only when the user agrees. */
  newslettersDiffering: number;
  /** Issue details (teaser, contributors, blocks) new here, changed, and in conflict. */
  issueMetaAdded: number;
  issueMetaUpdated: number;
  issueMetaConflicts: number;
}

export function planImport(
  local: { items: readonly NewsItem[]; newsletters: readonly NewsletterPreset[]; issueMeta?: readonly IssueMeta[] },
  files: readonly ParsedBackup[],
  options: MergeOptions = {},
): ImportPlan {
  const incomingItems = files.flatMap((f) => f.backup.items);
  const items = mergeItems(local.items, incomingItems, options);
  const issueMeta = mergeIssueMetas(local.issueMeta ?? [], files.flatMap((f) => f.backup.issueMeta ?? []), options);
  const newsletters = planNewsletters(local.newsletters, files.flatMap((f) => f.backup.newsletters));
  const known = new Set([...local.newsletters, ...newsletters.added].map((n) => n.id));
  const unknownNewsletters = [...new Set(incomingItems.map((i) => i.newsletter))].filter((id) => !isBuiltInPreset(id) && !known.has(id)).sort();
  const rejected = files.flatMap((f) => f.rejected.filter((r) => !r.where.startsWith('damaged')).map((r) => ({ ...r, file: f.fileName })));
  const damaged = files.flatMap((f) => f.backup.damaged.map((d) => ({ ...d, file: f.fileName })));
  return {
    items,
    issueMeta,
    newsletters,
    rejected,
    damaged,
    unknownNewsletters,
    summary: {
      added: items.added.filter((i) => i.deletedAt === null).length,
      addedDeleted: items.added.filter((i) => i.deletedAt !== null).length,
      updated: items.updated.length,
      deleted: items.updated.filter((u) => u.before.deletedAt === null && u.after.deletedAt !== null).length,
      skipped: items.skipped.length,
      conflicts: items.conflicts.length,
      renamed: items.renamed.length,
      heldBack: items.heldBack.length,
      duplicates: items.duplicates.length,
      rejected: rejected.length + damaged.length,
      newslettersAdded: newsletters.added.length,
      newslettersDiffering: newsletters.differing.length,
      issueMetaAdded: issueMeta.added.length,
      issueMetaUpdated: issueMeta.updated.length,
      issueMetaConflicts: issueMeta.conflicts.length,
    },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan in plain words, for the confirmation and the CLI's stderr. First line: the counts. */
export function describePlan(plan: ImportPlan): string[] {
  const s = plan.summary;
  const lines = [`${plural(s.added, 'new item')}, ${s.updated} updated (${s.deleted} of them deleted), ${s.skipped} unchanged or older.`];
  if (s.addedDeleted) lines.push(`${plural(s.addedDeleted, 'deletion')} of items not in this collection recorded.`);
  if (s.newslettersAdded) lines.push(`Newsletters added: ${plan.newsletters.added.map((n) => n.name).join(', ')}.`);
  for (const d of plan.newsletters.differing) {
    lines.push(`Newsletter “${d.local.name}” (${d.local.id}) differs from yours (${d.changes.join('; ') || 'details'}): kept yours unless you choose to replace it.`);
  }
  for (const c of plan.items.conflicts) {
    const side = c.lostSide === 'local' ? 'the version already here' : 'the imported version';
    lines.push(`Conflict: “${c.title}” (${c.canonicalUrl}) — kept the later edit (${c.kept.updatedAt}, by ${c.kept.updatedBy || 'unknown'}); ${side} differs in ${c.fields.join(', ')} and is kept in the item’s history.`);
  }
  if (s.issueMetaAdded || s.issueMetaUpdated) {
    const which = [...plan.issueMeta.added.map((m) => `${m.newsletter} ${m.issue}`), ...plan.issueMeta.updated.map((u) => `${u.after.newsletter} ${u.after.issue} (${u.fields.join(', ')})`)];
    lines.push(`Issue details (teaser, contributors, blocks): ${s.issueMetaAdded} new, ${s.issueMetaUpdated} updated — ${which.join('; ')}.`);
  }
  for (const c of plan.issueMeta.conflicts) {
    const side = c.lostSide === 'local' ? 'the version already here' : 'the imported version';
    lines.push(`Conflict: the details of ${c.newsletter} ${c.issue} — kept the later edit (${c.kept.updatedAt}, by ${c.kept.updatedBy || 'unknown'}); ${side} differs in ${c.fields.join(', ')} and is kept in the issue’s history.`);
  }
  for (const h of plan.issueMeta.heldBack) {
    lines.push(`Held back: the details of ${h.version.newsletter} ${h.version.issue}: ${h.reason} They are kept aside, not imported.`);
  }
  for (const r of plan.items.renamed) {
    lines.push(`Id clash: ${r.canonicalUrl} arrived with the id of another page here (${r.otherUrl}); both are kept, the new one as ${r.to}.`);
  }
  for (const d of plan.items.duplicates) {
    lines.push(`Possible duplicate: ${d.canonicalUrl} is now ${d.ids.length} items in ${d.newsletter} ${d.issue}; both are kept — delete one in the Desk if it is not on purpose.`);
  }
  for (const h of plan.items.heldBack) {
    lines.push(`Held back: “${h.version.title}” (${h.version.canonicalUrl}): ${h.reason} It is kept aside, not imported.`);
  }
  for (const r of plan.rejected) {
    lines.push(`Not imported: ${r.label} (${r.where} of ${r.file}): ${r.reasons.join('; ')}.`);
  }
  if (plan.damaged.length) {
    lines.push(`${plural(plan.damaged.length, 'record')} the exporting browser could not read either: kept aside, not imported.`);
  }
  if (plan.unknownNewsletters.length) {
    lines.push(`Items of unknown newsletters (${plan.unknownNewsletters.join(', ')}) are kept but not shown until those newsletters exist.`);
  }
  return lines;
}
