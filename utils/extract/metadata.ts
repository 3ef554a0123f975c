/**
 * Page metadata from JSON-LD, OpenGraph/article:*, Twitter, citation_* / Dublin Core and
 * finally visible markup, in that order of trust unless a field says otherwise. A field the
 * page does not state is null or [] — never guessed.
 */
import { normalizeDate } from './dates';
import { asNode, listOf, readJsonLd, textOf, typesOf, type JsonLdNode } from './jsonld';
import { allMeta, firstMeta, readMetaTags, type MetaTags } from './meta-tags';
import { cleanText, isUrlLike, uniqueCaseless } from './text';
import { absoluteUrl, canonicalUrl } from './url';

export interface PageMetadata {
  /** Title with a " | Site" suffix removed; null when the page has none at all. */
  title: string | null;
  canonicalUrl: string;
  siteName: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  language: string | null;
  description: string | null;
  image: string | null;
  schemaTypes: string[];
  keywords: string[];
  /** og:type as given ("article", "video.other"), lower case. */
  ogType: string | null;
  /** <meta name="generator">, e.g. "Mastodon" or "Hugo 0.120". */
  generator: string | null;
}

/** Types whose node describes the page's main thing (not the site or a breadcrumb). */
const MAIN_TYPES =
  /^(\w*Article|BlogPosting|Report|SocialMediaPosting|DiscussionForumPosting|LiveBlogPosting|VideoObject|\w*Event|SoftwareApplication|Recipe|Review)$/;
const PAGE_TYPES = /^(\w*Page)$/;

function mainNode(nodes: readonly JsonLdNode[]): JsonLdNode | null {
  return (
    nodes.find((n) => typesOf(n).some((t) => MAIN_TYPES.test(t))) ??
    nodes.find((n) => typesOf(n).some((t) => PAGE_TYPES.test(t))) ??
    null
  );
}

function isHttp(url: string | null): url is string {
  return url !== null && /^https?:/i.test(url);
}

/** Normalised name comparison: "The Verge" ≈ "theverge" ≈ "www.theverge.com" label. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function hostNames(url: string): string[] {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    const labels = host.split('.');
    return [host, labels.length >= 2 ? labels[labels.length - 2]! : host];
  } catch {
    return [];
  }
}

const SEPARATOR = /\s+[|\-–—·•»:]\s+|\s+::\s+/g;

/**
 * Remove a leading or trailing " | Site" part when it names the site or its host; also remove a
 * trailing part when what precedes it is exactly the page's own heading (`knownTitles`, the h1).
 */
export function stripSiteSuffix(title: string, siteName: string | null, pageUrl: string, knownTitles: readonly string[] = []): string {
  const names = [siteName ?? '', ...hostNames(pageUrl)].map(squash).filter((n) => n !== '');
  const known = knownTitles.map(squash).filter((n) => n !== '');
  const parts: { text: string; start: number; end: number }[] = [];
  for (const m of title.matchAll(SEPARATOR)) parts.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  if (parts.length === 0) return title;
  const last = parts[parts.length - 1]!;
  const tail = title.slice(last.end);
  const beforeLast = title.slice(0, last.start);
  if ((names.includes(squash(tail)) || known.includes(squash(beforeLast))) && last.start > 0) return beforeLast.trim();
  const first = parts[0]!;
  const head = title.slice(0, first.start);
  // Only a site name is stripped from the front: an h1 that matches the tail is often the logo.
  if (names.includes(squash(head)) && first.end < title.length) return title.slice(first.end).trim();
  return title;
}

function primarySubtag(raw: string | null | undefined): string | null {
  const sub = raw?.trim().split(/[-_]/)[0]?.toLowerCase();
  return sub && /^[a-z]{2,3}$/.test(sub) ? sub : null;
}

function firstNonNull<T>(...values: (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

function jsonLdString(node: JsonLdNode | null, key: string, nodes: readonly JsonLdNode[]): string | null {
  return node ? cleanText(textOf(node[key], nodes)) : null;
}

function readAuthors(doc: Document, tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[]): string[] {
  const fromJsonLd = main ? listOf(main['author'] ?? main['creator'], nodes).map((a) => textOf(a, nodes)) : [];
  const fromArticleMeta = allMeta(tags, 'article:author').filter((a) => !isUrlLike(a));
  const fromByline = [...doc.querySelectorAll('a[rel~="author"], [itemprop="author"] [itemprop="name"], [rel="author"]')].map(
    (el) => el.getAttribute('content') ?? el.textContent,
  );
  const sources: (string | null | undefined)[][] = [
    fromJsonLd,
    [...allMeta(tags, 'author')],
    fromArticleMeta,
    [...allMeta(tags, 'citation_author'), ...allMeta(tags, 'dc.creator')],
    fromByline,
  ];
  for (const source of sources) {
    const names = source
      .map((name) => cleanText(name))
      .filter((name): name is string => name !== null && !isUrlLike(name) && name.length <= 100);
    if (names.length > 0) return uniqueCaseless(names);
  }
  return [];
}

function headerTimeDate(doc: Document): string | null {
  const time =
    doc.querySelector('article header time[datetime], header time[datetime], article time[datetime]') ??
    doc.querySelector('main time[datetime]');
  return time?.getAttribute('datetime') ?? null;
}

function readImage(tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[], base: string): string | null {
  const jsonLdImage = main ? listOf(main['image'] ?? main['thumbnailUrl'], nodes)[0] : undefined;
  const jsonLdUrl =
    typeof jsonLdImage === 'string' ? jsonLdImage : (textOf(asNode(jsonLdImage)?.['url'] ?? asNode(jsonLdImage)?.['contentUrl'], nodes));
  for (const raw of [
    firstMeta(tags, 'og:image', 'og:image:url', 'og:image:secure_url'),
    jsonLdUrl,
    firstMeta(tags, 'twitter:image', 'twitter:image:src'),
  ]) {
    const url = raw ? absoluteUrl(raw, base) : null;
    if (isHttp(url)) return url;
  }
  return null;
}

function splitKeywords(text: string): string[] {
  return text.split(/[,;]/);
}

function readKeywords(tags: MetaTags, main: JsonLdNode | null): string[] {
  const jsonLd = main?.['keywords'];
  const fromJsonLd = typeof jsonLd === 'string' ? splitKeywords(jsonLd) : Array.isArray(jsonLd) ? jsonLd.filter((k): k is string => typeof k === 'string') : [];
  const all = [
    ...allMeta(tags, 'keywords').flatMap(splitKeywords),
    ...allMeta(tags, 'article:tag'),
    ...fromJsonLd,
  ];
  return uniqueCaseless(all.map((k) => cleanText(k)).filter((k): k is string => k !== null && k.length <= 80)).slice(0, 50);
}

function readCanonical(doc: Document, tags: MetaTags, pageUrl: string): string {
  const link = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href');
  for (const raw of [link, firstMeta(tags, 'og:url')]) {
    const url = raw ? absoluteUrl(raw, pageUrl) : null;
    if (isHttp(url)) return canonicalUrl(url);
  }
  return canonicalUrl(pageUrl);
}

function readSiteName(tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[]): string | null {
  const website = nodes.find((n) => typesOf(n).includes('WebSite'));
  return firstNonNull(
    cleanText(firstMeta(tags, 'og:site_name')),
    jsonLdString(main, 'publisher', nodes),
    jsonLdString(website ?? null, 'name', nodes),
    cleanText(firstMeta(tags, 'application-name')),
  );
}

function readTitle(doc: Document, tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[]): string | null {
  const isContentNode = main !== null && typesOf(main).some((t) => MAIN_TYPES.test(t));
  const headline = isContentNode ? jsonLdString(main, 'headline', nodes) : null;
  const name = isContentNode ? jsonLdString(main, 'name', nodes) : null;
  // Some sites (Wikipedia) put a description in headline; trust whichever the <title> repeats.
  const docTitle = squash(doc.querySelector('title')?.textContent ?? '');
  const preferName = name !== null && headline !== null && docTitle.includes(squash(name)) && !docTitle.includes(squash(headline));
  const candidates = [
    preferName ? name : firstNonNull(headline, name),
    cleanText(firstMeta(tags, 'og:title')),
    cleanText(firstMeta(tags, 'twitter:title')),
    cleanText(firstMeta(tags, 'citation_title', 'dc.title')),
    cleanText(doc.querySelector('title')?.textContent),
    cleanText(doc.querySelector('h1')?.textContent),
  ];
  // A bare tag like "v0.12.0" (Forgejo's og:title) says nothing; a fuller title follows.
  return candidates.find((c) => c !== null && !/^v?[\d.]+$/i.test(c)) ?? firstNonNull(...candidates);
}

export function readMetadata(doc: Document, pageUrl: string): PageMetadata {
  const tags = readMetaTags(doc);
  const nodes = readJsonLd(doc);
  const main = mainNode(nodes);
  const siteName = readSiteName(tags, main, nodes);
  const rawTitle = readTitle(doc, tags, main, nodes);
  const date = (...candidates: (string | null | undefined)[]): string | null => {
    for (const c of candidates) {
      const normalized = normalizeDate(c);
      if (normalized) return normalized;
    }
    return null;
  };

  return {
    title: rawTitle === null ? null : stripSiteSuffix(rawTitle, siteName, pageUrl, [
      cleanText(doc.querySelector('h1')?.textContent) ?? '',
      cleanText(firstMeta(tags, 'og:title')) ?? '',
    ]),
    canonicalUrl: readCanonical(doc, tags, pageUrl),
    siteName,
    authors: readAuthors(doc, tags, main, nodes),
    publishedAt: date(
      jsonLdString(main, 'datePublished', nodes),
      firstMeta(tags, 'article:published_time', 'og:published_time', 'datepublished'),
      firstMeta(tags, 'citation_publication_date', 'citation_date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued'),
      headerTimeDate(doc),
    ),
    modifiedAt: date(
      jsonLdString(main, 'dateModified', nodes),
      firstMeta(tags, 'article:modified_time', 'og:updated_time', 'datemodified'),
      firstMeta(tags, 'dcterms.modified'),
    ),
    language: firstNonNull(
      primarySubtag(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang')),
      primarySubtag(firstMeta(tags, 'og:locale')),
      primarySubtag(main ? textOf(main['inLanguage'], nodes) : null),
      primarySubtag(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')),
      primarySubtag(firstMeta(tags, 'dc.language')),
    ),
    description: firstNonNull(
      cleanText(firstMeta(tags, 'og:description')),
      cleanText(firstMeta(tags, 'description')),
      cleanText(firstMeta(tags, 'twitter:description')),
      jsonLdString(main, 'description', nodes),
      cleanText(firstMeta(tags, 'dc.description')),
    ),
    image: readImage(tags, main, nodes, pageUrl),
    schemaTypes: uniqueCaseless(nodes.flatMap(typesOf)),
    keywords: readKeywords(tags, main),
    ogType: firstMeta(tags, 'og:type')?.toLowerCase() ?? null,
    generator: cleanText(firstMeta(tags, 'generator')),
  };
}
