/**
 * What a page-kind adapter is: how it recognises its pages and what it reads off them. Adapters
 * run in the page (the injected script) and in Node on jsdom; they see the DOM and the generic
 * metadata already read, never a browser API.
 */
import type { ContentResult } from '../extract/content';
import type { PageMetadata } from '../extract/metadata';
import type { ErrorPageInfo, EventInfo, FieldSource, MailInfo, PageKind, ReleaseInfo, VideoInfo, XepInfo } from './index';

export interface PageContext {
  doc: Document;
  /** The tab's URL. */
  url: string;
  /** `url` parsed; null when it is not a URL. */
  location: URL | null;
  /** The generic metadata (JSON-LD, OpenGraph, meta tags, visible bylines), read once. */
  meta: PageMetadata;
  /** The title the generic reader chose (site suffix removed); never empty. */
  title: string;
  /** The generic main-content extraction, run on first use and kept. */
  content(): ContentResult;
}

/** What an adapter read. Every field is optional; what it leaves out the generic reader fills. */
export interface Reading {
  release?: ReleaseInfo | null;
  xep?: XepInfo | null;
  video?: VideoInfo | null;
  event?: EventInfo | null;
  mail?: MailInfo | null;
  error?: ErrorPageInfo | null;
  /** The element holding the page's real content (a forge's notes box, a status text). */
  contentRoot?: Element | null;
  /** The content as Markdown, when the adapter writes it itself (a plain-text tag message). */
  contentMarkdown?: string;
  /** Authors the generic reader could not find, and where they came from. */
  authors?: { names: string[]; source: FieldSource } | null;
  /** A canonical URL that beats the page's own (a ProtoXEP names a future address). */
  canonicalUrl?: string;
  /** A title that beats the generic one. */
  title?: string;
  /** The date the page's kind is about, beating the generic one (a listing's latest version, a mail's date). */
  publishedAt?: string | null;
}

export interface PageAdapter {
  /** The adapter's folder name: "github-release", "xep", "article" … */
  id: string;
  kind: PageKind;
  /** Cheap test on the URL and metadata: might this page be one of mine? */
  detect(page: PageContext): boolean;
  /** The adapter's facts, or null when the page turns out not to be one after all. */
  read(page: PageContext): Reading | null;
}
