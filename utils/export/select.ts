import type { NewsItem } from '../model/item';
import { newsletterIds, type NewsletterPreset } from '../presets/types';

/** What the export reads of an item: plain data, so any source (store, backup, CLI) can give it. */
export type DraftItem = Pick<
  NewsItem,
  'id' | 'title' | 'url' | 'entry' | 'kind' | 'newsletter' | 'issue' | 'section' | 'status' | 'position' | 'createdAt' | 'deletedAt' | 'contributor'
> &
  Partial<Pick<NewsItem, 'release' | 'layout' | 'figures' | 'drafted'>>;

/** Whether `item` belongs in the draft of `issue`: live, not excluded, this newsletter (or its family) and period. */
export function isInIssue(item: DraftItem, newsletters: string | readonly string[], issue: string): boolean {
  return (
    (typeof newsletters === 'string' ? item.newsletter === newsletters : newsletters.includes(item.newsletter)) &&
    item.issue === issue &&
    item.deletedAt === null &&
    item.status !== 'excluded'
  );
}

/**
 * A stored record that does not pass the item schema, as the draft sees it: whatever of it can
 * be read, so the draft keeps its place and names it (its entry fails to render and a TODO line
 * stands in for it) instead of leaving it out without a word. Null for a deleted record.
 */
export function draftItemOfRecord(record: unknown, newsletter: string, issue: string): DraftItem | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as Record<string, unknown>;
  if (typeof r.deletedAt === 'string') return null;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return {
    id: text(r.id, 'unknown-record'),
    title: text(r.title, text(r.url, 'a record without title')),
    url: text(r.url, text(r.canonicalUrl, '')),
    entry: r.entry as string,
    kind: 'page',
    newsletter: text(r.newsletter, newsletter),
    issue: text(r.issue, issue),
    section: text(r.section, ''),
    status: r.status === 'excluded' ? 'excluded' : 'draft',
    position: typeof r.position === 'number' && Number.isFinite(r.position) ? r.position : Number.MAX_SAFE_INTEGER,
    createdAt: text(r.createdAt, ''),
    deletedAt: null,
    contributor: text(r.contributor, ''),
  };
}

/** Order within a section: position, then creation time, then id, so every export agrees. */
export function compareItems(a: DraftItem, b: DraftItem): number {
  return (
    compareNumbers(a.position, b.position) ||
    compareStrings(a.createdAt, b.createdAt) ||
    compareStrings(a.id, b.id)
  );
}

// A NaN position (bad data) sorts last instead of making the comparator inconsistent.
function compareNumbers(a: number, b: number): number {
  const x = Number.isNaN(a) ? Infinity : a;
  const y = Number.isNaN(b) ? Infinity : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface IssueItems<T extends DraftItem = DraftItem> {
  /** Items of the issue, in input order. */
  items: T[];
  /** Collected section id → its items, sorted. Sections without items have no entry. */
  bySection: Map<string, T[]>;
}

/**
 * The items of one issue, bucketed by section in a single pass. An item filed under a section
 * the preset does not collect into (renamed or removed since) goes to the default section:
 * nothing clipped is silently dropped.
 */
export function collectIssueItems<T extends DraftItem>(
  preset: NewsletterPreset,
  issue: string,
  all: readonly T[],
): IssueItems<T> {
  const collected = new Set(preset.sections.filter((s) => s.kind === 'collected').map((s) => s.id));
  if (!collected.has(preset.defaultSection)) {
    throw new Error(`Preset "${preset.id}": default section "${preset.defaultSection}" is not a collected section`);
  }
  const items: T[] = [];
  const bySection = new Map<string, T[]>();
  const ids = newsletterIds(preset);
  for (const item of all) {
    if (!isInIssue(item, ids, issue)) continue;
    items.push(item);
    const section = collected.has(item.section) ? item.section : preset.defaultSection;
    const bucket = bySection.get(section);
    if (bucket) bucket.push(item);
    else bySection.set(section, [item]);
  }
  for (const bucket of bySection.values()) bucket.sort(compareItems);
  return { items, bySection };
}
