/**
 * What the injected script reads off a page. Plain data (structured-clone safe): it crosses
 * from the page's isolated world to the extension through scripting.executeScript.
 */

// The kind list and the per-kind details are zod schemas shared with the stored item.
import type { EventInfo, PageKind, ReleaseInfo, VideoInfo, XepInfo } from './details';
export type { EventInfo, PageKind, ReleaseInfo, VideoInfo, XepInfo } from './details';

/** Where a metadata field's value was read from (the first source in precedence that had it). */
export type FieldSource =
  | 'json-ld'
  | 'microdata'
  | 'opengraph'
  | 'twitter'
  | 'meta'
  | 'citation'
  | 'dublin-core'
  | 'microformats'
  | 'time-element'
  | 'byline'
  | 'link'
  | 'html'
  | 'title'
  | 'heading'
  | 'forge'
  | 'url';

/** The PageCapture fields that carry a provenance in `sources`. */
export type SourcedField =
  | 'title'
  | 'canonicalUrl'
  | 'siteName'
  | 'authors'
  | 'publishedAt'
  | 'modifiedAt'
  | 'language'
  | 'description'
  | 'image';

export interface PageCapture {
  /** The tab's URL as loaded. */
  url: string;
  /** rel=canonical / og:url, absolute, tracking parameters removed. Dedupe key. */
  canonicalUrl: string;
  /** Title without a " | Site name" suffix. Never empty (falls back to the host). */
  title: string;
  siteName: string | null;
  authors: string[];
  /** ISO 8601; null when the page does not say. */
  publishedAt: string | null;
  modifiedAt: string | null;
  /** BCP 47 primary tag as the page declares it, lower case ("en", "de"). */
  language: string | null;
  /** The page's own description (meta description / og:description / JSON-LD). */
  description: string | null;
  image: string | null;
  /** schema.org @type values found in JSON-LD, e.g. ["BlogPosting"]. */
  schemaTypes: string[];
  keywords: string[];
  /** Main content as Markdown; '' when none could be found. */
  contentMarkdown: string;
  /** The user's selection as Markdown, when there was one; it replaces the content. */
  selectionMarkdown: string | null;
  kind: PageKind;
  release: ReleaseInfo | null;
  xep: XepInfo | null;
  video: VideoInfo | null;
  event: EventInfo | null;
  /** Per field, where its value came from; a field that was not found has no entry. */
  sources?: Partial<Record<SourcedField, FieldSource>>;
}
