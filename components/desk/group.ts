import { compareItems } from '../../utils/export/select';
import type { NewsItem } from '../../utils/model/item';
import { collectedSections, sectionPath, type NewsletterPreset, type SectionDef } from '../../utils/presets/types';

export interface SectionGroup {
  section: SectionDef;
  /** "Software News › Clients" */
  path: string;
  /** In draft order, excluded ones included (the Desk shows them dimmed). */
  items: NewsItem[];
  /** Items that go into the draft. */
  included: number;
  /** What the draft shows while the section is empty: its placeholder, or nothing (left out). */
  whenEmpty: string | null;
}

/**
 * An issue's items under the newsletter's collected sections, in the newsletter's order, the
 * way the draft files them: an item whose section the newsletter no longer has goes to the
 * default section, so the Desk never hides what the export will print.
 */
export function groupBySection(preset: NewsletterPreset, items: readonly NewsItem[]): SectionGroup[] {
  const sections = collectedSections(preset);
  const known = new Set(sections.map((s) => s.id));
  const buckets = new Map<string, NewsItem[]>(sections.map((s) => [s.id, []]));
  for (const item of items) {
    buckets.get(known.has(item.section) ? item.section : preset.defaultSection)?.push(item);
  }
  return sections.map((section) => {
    const list = (buckets.get(section.id) ?? []).sort(compareItems);
    return {
      section,
      path: sectionPath(preset, section.id),
      items: list,
      included: list.filter((i) => i.status !== 'excluded').length,
      whenEmpty: section.optional ? null : (section.placeholder ?? ''),
    };
  });
}
