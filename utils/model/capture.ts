/**
 * What the injected script reads off a page. Plain data (structured-clone safe): it crosses
 * from the page's isolated world to the extension through scripting.executeScript.
 */

/** What kind of page this is; drives category and entry wording. */
export type PageKind = 'article' | 'release' | 'video' | 'xep' | 'event' | 'social' | 'page';

export interface ReleaseInfo {
  /** Project name as the newsletter writes it, e.g. "Gajim". */
  project: string;
  /** Version without a leading "v", e.g. "1.8.2". */
  version: string;
}

/** An XMPP extension (XEP) page as xmpp.org/extensions serves it. */
export interface XepInfo {
  /** "0424", or null for a ProtoXEP in the inbox. */
  number: string | null;
  /** "Message Retraction" */
  title: string;
  /** "0.4.0" */
  version: string | null;
  /** "Experimental", "Stable", "Deferred", "ProtoXEP" … as the page states it. */
  status: string | null;
  /** The abstract, one or two sentences. */
  abstract: string | null;
  /** ISO date (YYYY-MM-DD) of the latest revision. */
  lastUpdated: string | null;
  /** Remarks of the latest revision, one per change. */
  changes: string[];
  /** Initials of whoever made the latest revision, e.g. "jcb". */
  initials: string | null;
}

export interface VideoInfo {
  channel: string | null;
  /** ISO 8601 duration, e.g. "PT12M3S". */
  duration: string | null;
}

export interface EventInfo {
  /** ISO 8601 date or date-time. */
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  /** The town or city alone ("Berlin"), when the page states it; entries say "in Berlin". */
  locality?: string | null;
}

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
