/**
 * One loaded page → one PageCapture: generic metadata and main content, then the page-kind
 * adapters (utils/adapters/readers.ts) in order; the first that recognises the page decides
 * its kind and adds its facts (release, XEP, video, event …). Runs in the page and in Node on
 * jsdom.
 */
import { ADAPTERS } from '../adapters/readers';
import { releaseFromTitle } from '../adapters/release/title';
import type { PageAdapter, PageContext, Reading } from '../adapters/types';
import type { FieldSource, PageCapture } from '../model/capture';
import { extractContent, selectionToMarkdown, documentBaseUrl, type ContentResult } from './content';
import { readLead } from './lead';
import { readMetadata, type PageMetadata } from './metadata';
import { clean } from './text';

export interface CaptureOptions {
  /** The tab's URL (document.URL in the page). */
  url: string;
  /** The user's selection (Range#cloneContents()), when they selected something. */
  selection?: DocumentFragment | null;
}

export type ExtractResult = { ok: true; capture: PageCapture } | { ok: false; error: string };

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}

function chooseTitle(doc: Document, meta: PageMetadata, url: string): { title: string; source: FieldSource | undefined } {
  const text = clean(meta.title) || clean(doc.querySelector('h1')?.textContent);
  if (text) return { title: text, source: meta.sources.title ?? 'heading' };
  return { title: hostOf(url), source: 'url' };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function pageContext(doc: Document, url: string, meta: PageMetadata, title: string): PageContext {
  let content: ContentResult | null = null;
  return {
    doc,
    url,
    location: parseUrl(url),
    meta,
    title,
    content: () => (content ??= extractContent(doc, url)),
  };
}

/** The first adapter that recognises the page, with what it read. The last adapter takes any page. */
function readWithAdapters(page: PageContext): { adapter: PageAdapter; reading: Reading } {
  for (const adapter of ADAPTERS) {
    if (!adapter.detect(page)) continue;
    const reading = adapter.read(page);
    if (reading) return { adapter, reading };
  }
  throw new Error('no page adapter took the page'); // unreachable: "page" takes every page
}

export function capturePage(doc: Document, options: CaptureOptions): PageCapture {
  const { url } = options;
  const meta = readMetadata(doc, url);
  const { title: genericTitle, source: titleSource } = chooseTitle(doc, meta, url);
  const page = pageContext(doc, url, meta, genericTitle);
  const { adapter, reading } = readWithAdapters(page);

  const baseUrl = documentBaseUrl(doc, url);
  const content: ContentResult = reading.contentRoot
    ? { markdown: reading.contentMarkdown ?? selectionToMarkdown(reading.contentRoot, baseUrl), textLength: clean(reading.contentRoot.textContent).length, fromReadability: true, root: reading.contentRoot }
    : page.content();
  const selection = options.selection ? selectionToMarkdown(options.selection, baseUrl) : null;

  const sources = { ...meta.sources, title: titleSource };
  let authors = meta.authors;
  if (authors.length === 0 && reading.authors && reading.authors.names.length > 0) {
    authors = reading.authors.names;
    sources.authors = reading.authors.source;
  }
  const title = reading.title ?? genericTitle;
  // A release announced anywhere (a talk, a status, a mail) is still a release fact; never on a
  // XEP or an error page.
  const release =
    reading.release !== undefined ? reading.release : adapter.kind === 'xep' || adapter.kind === 'error' ? null : releaseFromTitle(title);

  return {
    url,
    canonicalUrl: reading.canonicalUrl ?? meta.canonicalUrl,
    title,
    siteName: meta.siteName,
    authors,
    // An adapter's date is the one the page's kind is about (a listing's latest version, a mail's date).
    publishedAt: reading.publishedAt ?? meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    language: meta.language,
    description: meta.description,
    image: meta.image,
    schemaTypes: meta.schemaTypes,
    keywords: meta.keywords,
    contentMarkdown: content.markdown,
    selectionMarkdown: selection === '' ? null : selection,
    kind: adapter.kind,
    release,
    xep: reading.xep ?? null,
    video: reading.video ?? null,
    event: reading.event ?? null,
    mail: reading.mail ?? null,
    error: reading.error ?? null,
    adapter: adapter.id,
    lead: adapter.kind === 'xep' || adapter.kind === 'error' ? null : readLead(content.root ?? null),
    sources,
  };
}

/** capturePage that never throws: failures come back as a sentence a user can read. */
export function safeCapture(doc: Document, options: CaptureOptions): ExtractResult {
  try {
    return { ok: true, capture: capturePage(doc, options) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Could not read this page (${detail || 'unknown error'}).` };
  }
}
