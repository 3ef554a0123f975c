import type { EditableField } from '../model/item';
import { describePlan, type ImportPlan, type ImportSummary } from './plan';

/**
 * An import plan as the pages show it: counts, one entry per conflict with both versions,
 * definitions that differ (for the user's consent), records not imported, and the plan in words.
 */
export interface ImportReport {
  summary: ImportSummary;
  conflicts: Array<{
    id: string;
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
  /** User definitions the files would replace, with what differs: replaced only on consent. */
  differingNewsletters: Array<{ id: string; name: string; incomingName: string; changes: string[] }>;
  unknownNewsletters: string[];
  lines: string[];
}

export function reportOf(plan: ImportPlan): ImportReport {
  return {
    summary: plan.summary,
    conflicts: plan.items.conflicts.map((c) => ({
      id: c.id,
      canonicalUrl: c.canonicalUrl,
      title: c.title,
      fields: c.fields,
      keptEntry: c.kept.entry,
      keptBy: c.kept.updatedBy,
      keptUpdatedAt: c.kept.updatedAt,
      lostEntry: c.lost.entry,
      lostBy: c.lost.updatedBy,
      lostUpdatedAt: c.lost.updatedAt,
      lostSide: c.lostSide,
    })),
    differingNewsletters: plan.newsletters.differing.map((d) => ({ id: d.local.id, name: d.local.name, incomingName: d.incoming.name, changes: d.changes })),
    unknownNewsletters: plan.unknownNewsletters,
    lines: describePlan(plan),
  };
}
