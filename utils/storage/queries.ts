import type { ItemStatus, NewsItem } from '../model/item';

/**
 * Search and filters over items the Desk already holds, in memory (pure). Reading and writing
 * items is utils/storage/items.ts.
 */

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

