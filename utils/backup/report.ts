import type { EditableField } from './merge';
import { describePlan, type ImportPlan, type ImportSummary } from './plan';

/**
 * An import plan as the pages show it: counts, one line per conflict with both entries, and
 * the plan in words. Plain data, small enough to cross the message channel for any collection.
 */
export interface ImportReport {
  summary: ImportSummary;
  conflicts: Array<{
    canonicalUrl: string;
    title: string;
    fields: EditableField[];
    keptEntry: string;
    keptBy: string;
    keptUpdatedAt: string;
    lostEntry: string;
    lostBy: string;
    lostUpdatedAt: string;
    lostSide: 'local' | 'incoming';
  }>;
  unknownNewsletters: string[];
  lines: string[];
}

export function reportOf(plan: ImportPlan): ImportReport {
  return {
    summary: plan.summary,
    conflicts: plan.items.conflicts.map((c) => ({
      canonicalUrl: c.canonicalUrl,
      title: c.kept.title,
      fields: c.fields,
      keptEntry: c.kept.entry,
      keptBy: c.kept.contributor,
      keptUpdatedAt: c.kept.updatedAt,
      lostEntry: c.lost.entry,
      lostBy: c.lost.contributor,
      lostUpdatedAt: c.lost.updatedAt,
      lostSide: c.lostSide,
    })),
    unknownNewsletters: plan.unknownNewsletters,
    lines: describePlan(plan),
  };
}
