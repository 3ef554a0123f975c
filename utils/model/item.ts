import type { EventInfo, PageKind, ReleaseInfo, VideoInfo, XepInfo } from './capture';

export type ItemStatus = 'draft' | 'ready' | 'excluded';

/**
 * One clipped news item as stored. Designed for merging and sync from the start: a random
 * stable id, timestamps, a tombstone instead of hard deletes, and who clipped it.
 */
export interface NewsItem {
  /** Random UUID, never reused. */
  id: string;
  /** Dedupe key: canonical URL with tracking parameters removed. */
  canonicalUrl: string;
  /** URL the page was clipped from. */
  url: string;
  title: string;
  siteName: string | null;
  authors: string[];
  publishedAt: string | null;
  language: string | null;
  description: string | null;
  contentMarkdown: string;
  kind: PageKind;
  release: ReleaseInfo | null;
  xep: XepInfo | null;
  video: VideoInfo | null;
  event: EventInfo | null;
  /** Newsletter (preset) id, e.g. "xmpp". */
  newsletter: string;
  /** Issue period key: "YYYY-MM" for monthly newsletters. */
  issue: string;
  /** Section id within the newsletter's preset. */
  section: string;
  /**
   * The entry as Markdown for one list item, without the leading "- ". Nested lines
   * (e.g. XEP change bullets) follow, indented by two spaces.
   */
  entry: string;
  status: ItemStatus;
  /** Sort key within a section (ascending). */
  position: number;
  /** Display name of the contributor who clipped it. */
  contributor: string;
  /** ISO 8601 timestamps (UTC). */
  createdAt: string;
  updatedAt: string;
  /** Tombstone: set instead of deleting, so merges and sync see deletions. */
  deletedAt: string | null;
}
