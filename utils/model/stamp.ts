import { hlcTime } from './hlc';
import type { LostVersion, NewsItem } from './item';
import type { IssueMeta, LostIssueMeta } from './issue-meta';
import { unionAncestors } from '../merge/versions';

/** What stamping a version sets. */
type Bookkeeping = 'hlc' | 'updatedAt' | 'updatedBy' | 'ancestors' | 'history';

interface Stamped<L> {
  hlc: string;
  updatedAt: string;
  updatedBy: string;
  ancestors: string[];
  history: L[];
}

/** A record's next version (an item's, an issue's details'): stamped `hlc` by `by`, descending from `before`. */
function stamp<V extends Stamped<L>, L>(before: V | undefined, fields: Omit<V, Bookkeeping> & { history?: L[] }, hlc: string, by: string): V {
  return {
    ...fields,
    hlc,
    updatedAt: hlcTime(hlc),
    updatedBy: by,
    ancestors: before ? unionAncestors(hlc, [before.hlc, ...before.ancestors]) : [],
    history: fields.history ?? before?.history ?? [],
  } as V;
}

/** An item's fields without the bookkeeping a new version gets. */
export type VersionFields = Omit<NewsItem, Bookkeeping> & { history?: LostVersion[] };

/**
 * The next version of `before` (or a first version): stamped `hlc` by `by`, descending from
 * `before`. Pure; the store validates and writes it (utils/storage/items.ts), and the merge
 * tests make versions with it exactly as the store does.
 */
export function stampVersion(before: NewsItem | undefined, fields: VersionFields, hlc: string, by: string): NewsItem {
  return stamp(before, fields, hlc, by);
}

/** An issue's metadata without the bookkeeping a new version gets. */
export type IssueMetaVersionFields = Omit<IssueMeta, Bookkeeping> & { history?: LostIssueMeta[] };

/** The next version of an issue's metadata (or a first one), stamped like an item's (see stampVersion). */
export function stampIssueMeta(before: IssueMeta | undefined, fields: IssueMetaVersionFields, hlc: string, by: string): IssueMeta {
  return stamp(before, fields, hlc, by);
}
