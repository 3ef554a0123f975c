import type { NewsItem } from '../model/item';
import { isBuiltInPreset } from '../presets';
import type { NewsletterPreset } from '../presets/types';
import type { Backup } from './format';
import { mergeItems, mergeNewsletters, type ItemMerge, type NewsletterMerge } from './merge';

/**
 * What importing a backup will do, computed before anything is written: the dry run shown to
 * the user, and exactly what the import then writes.
 */
export interface ImportPlan {
  items: ItemMerge;
  newsletters: NewsletterMerge;
  /** Newsletter ids the imported items use that neither this browser nor the file defines. */
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
  newslettersAdded: number;
  newslettersUpdated: number;
}

export function planImport(
  local: { items: readonly NewsItem[]; newsletters: readonly NewsletterPreset[] },
  backups: readonly Backup[],
): ImportPlan {
  const incomingItems = backups.flatMap((b) => b.items);
  const items = mergeItems(local.items, incomingItems);
  const newsletters = mergeNewsletters(local.newsletters, backups.flatMap((b) => b.newsletters));
  const known = new Set(newsletters.newsletters.map((n) => n.id));
  const unknownNewsletters = [...new Set(incomingItems.map((i) => i.newsletter))]
    .filter((id) => !isBuiltInPreset(id) && !known.has(id))
    .sort();
  return {
    items,
    newsletters,
    unknownNewsletters,
    summary: {
      added: items.added.filter((i) => i.deletedAt === null).length,
      addedDeleted: items.added.filter((i) => i.deletedAt !== null).length,
      updated: items.updated.length,
      deleted: items.updated.filter((u) => u.before.deletedAt === null && u.after.deletedAt !== null).length,
      skipped: items.skipped.length,
      conflicts: items.conflicts.length,
      newslettersAdded: newsletters.added.length,
      newslettersUpdated: newsletters.updated.length,
    },
  };
}

/** The plan in a few lines of plain words, for the confirmation and the CLI's stderr. */
export function describePlan(plan: ImportPlan): string[] {
  const s = plan.summary;
  const lines = [
    `${s.added} new item${s.added === 1 ? '' : 's'}, ${s.updated} updated (${s.deleted} of them deleted), ${s.skipped} unchanged or older.`,
  ];
  if (s.addedDeleted) lines.push(`${s.addedDeleted} deletion${s.addedDeleted === 1 ? '' : 's'} of items not in this collection recorded.`);
  if (s.newslettersAdded || s.newslettersUpdated) {
    lines.push(`Newsletters: ${s.newslettersAdded} added, ${s.newslettersUpdated} updated.`);
  }
  for (const c of plan.items.conflicts) {
    const side = c.lostSide === 'local' ? 'the version already there' : 'the imported version';
    lines.push(`Conflict: ${c.canonicalUrl} — kept the newer edit (${c.kept.updatedAt}, by ${c.kept.contributor || 'unknown'}); ${side} differs in ${c.fields.join(', ')}.`);
  }
  if (plan.unknownNewsletters.length) {
    lines.push(`Items of unknown newsletters (${plan.unknownNewsletters.join(', ')}) are kept but not shown until those newsletters exist.`);
  }
  return lines;
}
