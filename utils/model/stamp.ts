import { hlcTime } from './hlc';
import type { LostVersion, NewsItem } from './item';
import type { IssueMeta, LostIssueMeta } from './issue-meta';
import { unionAncestors } from '../merge/versions';

/** An item's fields without the bookkeeping a new version gets. */
export type VersionFields = Omit<NewsItem, 'hlc' | 'updatedAt' | 'updatedBy' | 'ancestors' | 'history'> & { history?: LostVersion[] };

/**
 * The next version of `before` (or a first version): stamped `hlc` by `by`, descending from
 * `before`. Pure; the store validates and writes it (utils/storage/items.ts), and the merge
 * tests make versions with it exactly as the store does.
 */
export function stampVersion(before: NewsItem | undefined, fields: VersionFields, hlc: string, by: string): NewsItem {
  return {
    ...fields,
    hlc,
    updatedAt: hlcTime(hlc),
    updatedBy: by,
    ancestors: before ? unionAncestors(hlc, [before.hlc, ...before.ancestors]) : [],
    history: fields.history ?? before?.history ?? [],
  };
}

/** An issue's metadata without the bookkeeping a new version gets. */
export type IssueMetaVersionFields = Omit<IssueMeta, 'hlc' | 'updatedAt' | 'updatedBy' | 'ancestors' | 'history'> & { history?: LostIssueMeta[] };

/** The next version of an issue's metadata (or a first one), stamped like an item's (see stampVersion). */
export function stampIssueMeta(before: IssueMeta | undefined, fields: IssueMetaVersionFields, hlc: string, by: string): IssueMeta {
  return {
    ...fields,
    hlc,
    updatedAt: hlcTime(hlc),
    updatedBy: by,
    ancestors: before ? unionAncestors(hlc, [before.hlc, ...before.ancestors]) : [],
    history: fields.history ?? before?.history ?? [],
  };
}
