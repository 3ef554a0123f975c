import { canonicalUrl } from './url';
/**
 * One loaded page → one PageCapture: metadata, main content as Markdown, the page kind and the
 * kind-specific details (release, XEP, video, event). Runs in the page and in Node on jsdom.
 */
import type { FieldSource, PageCapture, PageKind } from '../model/capture';
import { extractContent, selectionToMarkdown, documentBaseUrl } from './content';
import { readEvent } from './event';
import { forgeAuthor, forgeNotes } from './forge';
import { readMetadata, type PageMetadata } from './metadata';
import { detectRelease, isForgeReleaseUrl } from './release';
import { statusAuthor, statusElement } from './social';
import { clean } from './text';
import { isVideoUrl, readVideo } from './video';
import { isXepUrl, readXep } from './xep';

export interface CaptureOptions {
  /** The tab's URL (document.URL in the page). */
  url: string;
  /** The user's selection (Range#cloneContents()), when they selected something. */
  selection?: DocumentFragment | null;
}

export type ExtractResult = { ok: true; capture: PageCapture } | { ok: false; error: string };

const ARTICLE_TYPES = /^(\w*Article|BlogPosting|LiveBlogPosting|Report)$/;
const FEDIVERSE_GENERATOR = /mastodon|pleroma|akkoma|misskey|gotosocial|friendica|hometown|glitch|firefish|sharkey|iceshrimp|snac/i;
/** Content longer than this (text characters) makes an unmarked page an article. */
const SUBSTANTIAL_TEXT = 1500;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}

/** Mastodon-style status URL: /@user/123456789 or /@user@other.host/123456789. */
function isSocialStatus(url: string, meta: PageMetadata): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const statusPath = /^\/@[\w.-]+(?:@[\w.-]+)?\/\d{6,}\/?$/.test(path) || /^\/users\/[\w.-]+\/statuses\/\d{6,}\/?$/.test(path) || /^\/notes\/[a-z0-9]{8,}\/?$/.test(path);
  if (!statusPath) return false;
  return meta.ogType !== null || FEDIVERSE_GENERATOR.test(meta.generator ?? '');
}

/** F-Droid's package page lists "Version 2.12.8 (42108)" first for the latest version. */
function fdroidVersion(doc: Document): string | null {
  const header = clean(doc.querySelector('.package-version-header b, .package-version-header')?.textContent);
  return /^Version\s+(\S+)/i.exec(header)?.[1] ?? null;
}

function chooseTitle(doc: Document, meta: PageMetadata, url: string): { title: string; source: FieldSource | undefined } {
  const text = clean(meta.title) || clean(doc.querySelector('h1')?.textContent);
  if (text) return { title: text, source: meta.sources.title ?? 'heading' };
  return { title: hostOf(url), source: 'url' };
}

/**
 * On a forge release page the notes box is the content, on a fediverse status the status text;
 * elsewhere the generic extractor decides.
 */
function readContent(doc: Document, url: string, social: boolean): { markdown: string; textLength: number; fromReadability: boolean } {
  const notes = isForgeReleaseUrl(url) ? forgeNotes(doc) : social ? statusElement(doc) : null;
  if (notes) return { markdown: selectionToMarkdown(notes, documentBaseUrl(doc, url)), textLength: clean(notes.textContent).length, fromReadability: true };
  return extractContent(doc, url);
}

export function capturePage(doc: Document, options: CaptureOptions): PageCapture {
  const { url } = options;
  const meta = readMetadata(doc, url);
  const social = isSocialStatus(url, meta);
  const content = readContent(doc, url, social);
  const { title, source: titleSource } = chooseTitle(doc, meta, url);

  const xep = isXepUrl(url) ? readXep(doc, url) : null;
  const video = readVideo(doc, url, meta.jsonLd);
  const isVideo = video !== null && (isVideoUrl(url) || meta.schemaTypes.includes('VideoObject') || (meta.ogType ?? '').startsWith('video'));
  const event = readEvent(doc, meta.jsonLd);
  const release = xep ? null : detectRelease(url, title, meta.siteName, fdroidVersion(doc));

  let kind: PageKind;
  if (xep) kind = 'xep';
  else if (isVideo) kind = 'video';
  else if (event) kind = 'event';
  else if (release) kind = 'release';
  else if (social) kind = 'social';
  else if (
    meta.schemaTypes.some((t) => ARTICLE_TYPES.test(t)) ||
    meta.ogType === 'article' ||
    meta.hEntry ||
    // A dated text with a byline is a post, however short.
    (content.fromReadability && meta.publishedAt !== null && meta.authors.length > 0) ||
    (content.fromReadability && content.textLength >= SUBSTANTIAL_TEXT)
  ) kind = 'article';
  else kind = 'page';

  const selection = options.selection ? selectionToMarkdown(options.selection, documentBaseUrl(doc, url)) : null;
  const sources = { ...meta.sources, title: titleSource };
  let authors = meta.authors;
  if (authors.length === 0 && release && isForgeReleaseUrl(url)) {
    const author = forgeAuthor(doc);
    if (author) {
      authors = [author];
      sources.authors = 'forge';
    }
  }
  if (authors.length === 0 && kind === 'social') {
    const ogTitle = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? null;
    const author = statusAuthor(ogTitle, doc.querySelector('meta[property="profile:username"]')?.getAttribute('content') ?? null);
    if (author) {
      authors = [author];
      sources.authors = 'opengraph';
    }
  }

  return {
    url,
    // A ProtoXEP's page names the future xep-xxxx.html as canonical; only the inbox URL exists.
    canonicalUrl: xep && xep.number === null ? canonicalUrl(url) : meta.canonicalUrl,
    title,
    siteName: meta.siteName,
    authors,
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    language: meta.language,
    description: meta.description,
    image: meta.image,
    schemaTypes: meta.schemaTypes,
    keywords: meta.keywords,
    contentMarkdown: content.markdown,
    selectionMarkdown: selection === '' ? null : selection,
    kind,
    release,
    xep,
    video: isVideo ? video : null,
    event,
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
