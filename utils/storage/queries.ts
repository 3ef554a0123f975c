import { compareItems } from '../export/select';
import type { ItemStatus, NewsItem } from '../model/item';
import { NotFoundError, systemClock, type Clock } from './collection';
import { storageError } from './errors';
import type { NewsdeskDb } from './schema';

/**
 * What the Desk asks of the collection beyond the popup's needs: every live item of a
 * newsletter (for search across issues), in-memory search and filters, and reordering within
 * a section. Moving, status changes, delete and undo are `Collection.update/remove/restore`.
 */

/** Live items of one newsletter, all issues. One index range read; the Desk filters in memory. */
export async function listNewsletterItems(db: NewsdeskDb, newsletter: string): Promise<NewsItem[]> {
  try {
    const items = await db.items
      .where('[newsletter+issue]')
      .between([newsletter, ''], [newsletter, '\uffff'])
      .filter((item) => item.deletedAt === null)
      .toArray();
    return items.sort((a, b) => (a.issue < b.issue ? 1 : a.issue > b.issue ? -1 : 0) || compareItems(a, b));
  } catch (error) {
    throw storageError(error, 'load the collection');
  }
}

export interface ItemFilter {
  /** Words that must all occur (case-insensitive) in the title, URL, entry or site. */
  query?: string;
  section?: string;
  status?: ItemStatus;
  /** As returned by `itemSite`. */
  site?: string;
  contributor?: string;
  issue?: string;
}

/** The site an item is from: its site name, else the URL's host without "www.". */
export function itemSite(item: NewsItem): string {
  if (item.siteName?.trim()) return item.siteName.trim();
  try {
    return new URL(item.canonicalUrl || item.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

// Items are immutable snapshots (a change yields a new object), so the text can be cached per object.
const haystacks = new WeakMap<NewsItem, string>();

function haystack(item: NewsItem): string {
  let text = haystacks.get(item);
  if (text === undefined) {
    text = [item.title, item.url, item.canonicalUrl, item.entry, itemSite(item)].join('\n').toLocaleLowerCase();
    haystacks.set(item, text);
  }
  return text;
}

/** The query's words, lower-cased; quotes keep a phrase together: `"group chat" gajim`. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const m of query.toLocaleLowerCase().matchAll(/"([^"]+)"|(\S+)/g)) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term) terms.push(term);
  }
  return terms;
}

/** A predicate for `filter`, with the query parsed once. */
export function itemMatcher(filter: ItemFilter): (item: NewsItem) => boolean {
  const terms = queryTerms(filter.query ?? '');
  const { section, status, site, contributor, issue } = filter;
  return (item) =>
    (!issue || item.issue === issue) &&
    (!section || item.section === section) &&
    (!status || item.status === status) &&
    (!contributor || item.contributor === contributor) &&
    (!site || itemSite(item) === site) &&
    terms.every((term) => haystack(item).includes(term));
}

export function filterItems(items: readonly NewsItem[], filter: ItemFilter): NewsItem[] {
  return items.filter(itemMatcher(filter));
}

export function isFilterActive(filter: ItemFilter): boolean {
  return Boolean(filter.query?.trim() || filter.section || filter.status || filter.site || filter.contributor);
}

/** The values the filters offer, each with how many items have it, most frequent first. */
export function facetCounts(items: readonly NewsItem[]): { sites: Facet[]; contributors: Facet[] } {
  const sites = new Map<string, number>();
  const contributors = new Map<string, number>();
  for (const item of items) {
    const site = itemSite(item);
    if (site) sites.set(site, (sites.get(site) ?? 0) + 1);
    if (item.contributor) contributors.set(item.contributor, (contributors.get(item.contributor) ?? 0) + 1);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { sites: sorted(sites), contributors: sorted(contributors) };
}

export interface Facet {
  value: string;
  count: number;
}

/**
 * Move item `id` to index `toIndex` among the live items of its section (0 = first). Only the
 * moved item gets a new position (between its new neighbours), in one transaction; the rest of
 * the section is renumbered only when there is no room between the neighbours (equal or
 * invalid positions), and then only items whose position changes are written.
 * Returns the items written.
 */
export async function reorderItem(
  db: NewsdeskDb,
  id: string,
  toIndex: number,
  clock: Clock = systemClock,
): Promise<NewsItem[]> {
  try {
    return await db.transaction('rw', db.items, async () => {
      const item = await db.items.get(id);
      if (!item || item.deletedAt !== null) throw new NotFoundError('The item is no longer in the collection.');
      const others = (await db.items.where('[newsletter+issue]').equals([item.newsletter, item.issue]).toArray())
        .filter((other) => other.section === item.section && other.deletedAt === null && other.id !== id)
        .sort(compareItems);
      const index = Math.max(0, Math.min(Math.trunc(toIndex), others.length));
      const current = [...others, item].sort(compareItems).indexOf(item);
      if (current === index) return [];

      const now = clock.now().toISOString();
      const position = positionBetween(others[index - 1]?.position, others[index]?.position);
      if (position !== null) {
        const moved = { ...item, position, updatedAt: now };
        await db.items.put(moved);
        return [moved];
      }
      const order = [...others.slice(0, index), item, ...others.slice(index)];
      const written = order
        .map((entry, i) => ({ entry, position: i + 1 }))
        .filter(({ entry, position }) => entry.position !== position || entry.id === id)
        .map(({ entry, position }) => ({ ...entry, position, updatedAt: now }));
      await db.items.bulkPut(written);
      return written;
    });
  } catch (error) {
    throw storageError(error, 'reorder the items');
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
