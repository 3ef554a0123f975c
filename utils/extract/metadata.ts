/**
 * Page metadata from JSON-LD, OpenGraph/article:*, Twitter, citation_* / Dublin Core and
 * finally visible markup, in that order of trust unless a field says otherwise. A field the
 * page does not state is null or [] — never guessed.
 */
import type { FieldSource, SourcedField } from '../model/capture';
import { visibleAuthors, visibleDate } from './byline';
import { normalizeDate } from './dates';
import { asNode, listOf, readJsonLd, textOf, typesOf, type JsonLdNode } from './jsonld';
import { allMeta, firstMeta, readMetaTags, type MetaTags } from './meta-tags';
import { readHEntry, type HEntry } from './microformats';
import { cleanText, isUrlLike, uniqueCaseless } from './text';
import { absoluteUrl, canonicalUrl } from './url';
import sectionNames from './section-names.json';

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
  /** The page's JSON-LD nodes, parsed once for the other readers. */
  jsonLd: readonly JsonLdNode[];
  /** The page marks its main post as an h-entry (microformats). */
  hEntry: boolean;
  /** Where each found field came from. */
  sources: Partial<Record<SourcedField, FieldSource>>;
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
 * "gajim / python-nbxmpp" in "nbxmpp 4.5.0 · gajim / python-nbxmpp · GitLab": forges end titles
 * with the repository path. It goes only when the rest still names the project ("nbxmpp"), so
 * "Release v0.12.0 · Kaidan/Kaidan" keeps it.
 */
function repoPathName(url: string, title: string): string[] {
  try {
    const [owner, repo] = new URL(url).pathname.split('/').filter(Boolean);
    if (!owner || !repo) return [];
    const project = squash(repo).replace(/^python|^lib/, '');
    const tail = squash(`${owner}${repo}`);
    const withoutTail = squash(title).replace(new RegExp(`${tail}.*$`), '');
    return project && withoutTail.includes(project) ? [tail] : [];
  } catch {
    return [];
  }
}

/** One pass of stripSiteSuffix; returns the title unchanged when nothing applies. */
function stripOnce(title: string, names: readonly string[], known: readonly string[]): string {
  const parts: { start: number; end: number }[] = [];
  for (const m of title.matchAll(SEPARATOR)) parts.push({ start: m.index, end: m.index + m[0].length });
  if (parts.length === 0) return title;
  // The site name may itself contain a separator ("F-Droid - Free and Open Source …"): try every cut.
  for (const part of parts) {
    if (part.start > 0 && names.includes(squash(title.slice(part.end)))) return title.slice(0, part.start).trim();
  }
  // What precedes any separator is exactly the page's own heading: the rest is decoration.
  for (const part of parts) {
    if (part.start > 0 && known.includes(squash(title.slice(0, part.start)))) return title.slice(0, part.start).trim();
  }
  const first = parts[0]!;
  // Only a site name is stripped from the front: an h1 that matches the tail is often the logo.
  if (names.includes(squash(title.slice(0, first.start))) && first.end < title.length) return title.slice(first.end).trim();
  return title;
}

/**
 * Remove leading or trailing " | Site" parts when they name the site, its host or (on forges) the
 * repository; also a trailing part when what precedes it is exactly the page's own heading
 * (`knownTitles`: the h1, og:title). Repeated, so "Post | by Ann | Publication | Medium" and
 * "nbxmpp 4.5.0 · gajim / python-nbxmpp · GitLab" lose every suffix.
 */
export function stripSiteSuffix(title: string, siteName: string | null, pageUrl: string, knownTitles: readonly string[] = []): string {
  const names = [siteName ?? '', ...hostNames(pageUrl), ...repoPathName(pageUrl, title)].map(squash).filter((n) => n !== '');
  const known = knownTitles.map(squash).filter((n) => n !== '');
  let current = title;
  for (let pass = 0; pass < 4; pass++) {
    const next = stripOnce(current, names, known);
    if (next === current || squash(next) === '') break;
    current = next;
  }
  return current;
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

/**
 * A value and where it came from; the first candidate with a value wins. A function is only
 * called when every candidate before it came up empty: the visible-markup readers query the
 * whole DOM, which costs real time on a huge page.
 */
type Candidate<T> = readonly [FieldSource, T | null | undefined | (() => T | null | undefined)];

interface Picked<T> {
  value: T | null;
  source: FieldSource | null;
}

function pick<T>(candidates: readonly Candidate<T>[], accept: (value: T) => boolean = () => true): Picked<T> {
  for (const [source, candidate] of candidates) {
    const value = typeof candidate === 'function' ? (candidate as () => T | null | undefined)() : candidate;
    if (value !== null && value !== undefined && accept(value)) return { value, source };
  }
  return { value: null, source: null };
}

function names(values: readonly (string | null | undefined)[]): string[] {
  return uniqueCaseless(
    values.map((name) => cleanText(name)).filter((name): name is string => name !== null && !isUrlLike(name) && name.length <= 100),
  );
}

function readAuthors(doc: Document, tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[], entry: HEntry | null): Picked<string[]> {
  const fromJsonLd = main ? listOf(main['author'] ?? main['creator'], nodes).map((a) => textOf(a, nodes)) : [];
  const microdata = (): string[] =>
    names([...doc.querySelectorAll('[itemprop="author"] [itemprop="name"]')].map((el) => el.getAttribute('content') ?? el.textContent));
  const relAuthor = (): string[] =>
    names([...doc.querySelectorAll('a[rel~="author"], link[rel~="author"][title]')].map((el) => (el.nodeName === 'LINK' ? el.getAttribute('title') : el.textContent)));
  const candidates: Candidate<string[]>[] = [
    ['json-ld', names(fromJsonLd)],
    ['meta', names([...allMeta(tags, 'author')])],
    ['opengraph', names(allMeta(tags, 'article:author'))],
    ['twitter', names([firstMeta(tags, 'twitter:creator')].filter((c) => c !== null && !c.startsWith('@')))],
    ['citation', names(allMeta(tags, 'citation_author'))],
    ['dublin-core', names([...allMeta(tags, 'dc.creator'), ...allMeta(tags, 'dcterms.creator')])],
    ['microformats', entry ? names(entry.authors) : []],
    ['microdata', microdata],
    ['byline', relAuthor],
    ['byline', () => visibleAuthors(doc)],
  ];
  const found = pick(candidates, (list) => list.length > 0);
  return found.value ? found : { value: [], source: null };
}

/** <time datetime> in the article header, or a forge's <relative-time> next to "released this". */
function timeElementDate(doc: Document): string | null {
  const time =
    doc.querySelector('article header time[datetime], header time[datetime], article time[datetime]') ??
    doc.querySelector('main time[datetime]') ??
    doc.querySelector('main relative-time[datetime], [role="main"] relative-time[datetime]');
  return time?.getAttribute('datetime') ?? null;
}

function readImage(tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[], base: string): Picked<string> {
  const jsonLdImage = main ? listOf(main['image'] ?? main['thumbnailUrl'], nodes)[0] : undefined;
  const jsonLdUrl =
    typeof jsonLdImage === 'string' ? jsonLdImage : (textOf(asNode(jsonLdImage)?.['url'] ?? asNode(jsonLdImage)?.['contentUrl'], nodes));
  const absolute = (raw: string | null | undefined): string | null => {
    const url = raw ? absoluteUrl(raw, base) : null;
    return isHttp(url) ? url : null;
  };
  // og:image first: it is the picture the site chose for sharing; JSON-LD images are often logos.
  return pick<string>([
    ['opengraph', absolute(firstMeta(tags, 'og:image', 'og:image:url', 'og:image:secure_url'))],
    ['json-ld', absolute(jsonLdUrl)],
    ['twitter', absolute(firstMeta(tags, 'twitter:image', 'twitter:image:src'))],
  ]);
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

function readCanonical(doc: Document, tags: MetaTags, pageUrl: string): Picked<string> {
  const link = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href');
  const absolute = (raw: string | null | undefined): string | null => {
    const url = raw ? absoluteUrl(raw, pageUrl) : null;
    return isHttp(url) ? canonicalUrl(url) : null;
  };
  const found = pick<string>([
    ['link', absolute(link)],
    ['opengraph', absolute(firstMeta(tags, 'og:url'))],
  ]);
  return found.value ? found : { value: canonicalUrl(pageUrl), source: 'url' };
}

const SECTION_NAMES = new Set(sectionNames.sections);

/**
 * og:site_name, unless it is a section of the site ("U.S.", "World", the page's own
 * article:section): then the publisher's name from JSON-LD, Dublin Core or the app name.
 */
function readSiteName(tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[]): Picked<string> {
  const website = nodes.find((n) => typesOf(n).includes('WebSite'));
  const og = cleanText(firstMeta(tags, 'og:site_name'));
  const section = cleanText(firstMeta(tags, 'article:section'));
  const isSection = og !== null && (SECTION_NAMES.has(og.toLowerCase()) || (section !== null && og.toLowerCase() === section.toLowerCase()));
  return pick<string>([
    ['opengraph', isSection ? null : og],
    ['json-ld', jsonLdString(main, 'publisher', nodes)],
    ['json-ld', jsonLdString(website ?? null, 'name', nodes)],
    ['citation', cleanText(firstMeta(tags, 'citation_journal_title', 'citation_conference_title'))],
    ['dublin-core', cleanText(firstMeta(tags, 'dc.publisher', 'dcterms.publisher'))],
    ['meta', cleanText(firstMeta(tags, 'application-name'))],
  ]);
}

/** A date property of the main node, else of any node that has it (a WebPage beside the article). */
function jsonLdDate(main: JsonLdNode | null, nodes: readonly JsonLdNode[], ...keys: string[]): string | null {
  for (const key of keys) {
    const value = jsonLdString(main, key, nodes);
    if (value) return value;
  }
  for (const key of keys) {
    const node = nodes.find((n) => typeof n[key] === 'string' && !typesOf(n).some((t) => /^(Organization|Person|WebSite|ImageObject)$/.test(t)));
    const value = node ? jsonLdString(node, key, nodes) : null;
    if (value) return value;
  }
  return null;
}

/** A bare tag like "v0.12.0" (Forgejo's og:title) says nothing; a fuller title follows. */
const BARE_VERSION = /^v?[\d.]+$/i;

function readTitle(doc: Document, tags: MetaTags, main: JsonLdNode | null, nodes: readonly JsonLdNode[], entry: HEntry | null): Picked<string> {
  const isContentNode = main !== null && typesOf(main).some((t) => MAIN_TYPES.test(t));
  const headline = isContentNode ? jsonLdString(main, 'headline', nodes) : null;
  const name = isContentNode ? jsonLdString(main, 'name', nodes) : null;
  // Some sites (Wikipedia) put a description in headline; trust whichever the <title> repeats.
  const docTitle = squash(doc.querySelector('title')?.textContent ?? '');
  const preferName = name !== null && headline !== null && docTitle.includes(squash(name)) && !docTitle.includes(squash(headline));
  const candidates: Candidate<string>[] = [
    ['json-ld', preferName ? name : firstNonNull(headline, name)],
    ['opengraph', cleanText(firstMeta(tags, 'og:title'))],
    ['twitter', cleanText(firstMeta(tags, 'twitter:title'))],
    ['citation', cleanText(firstMeta(tags, 'citation_title'))],
    ['dublin-core', cleanText(firstMeta(tags, 'dc.title', 'dcterms.title'))],
    // An h-entry's p-name without markup inside is often the whole content (notes); keep it short.
    ['microformats', entry?.name && entry.name.length <= 200 ? cleanText(entry.name) : null],
    ['title', cleanText(doc.querySelector('title')?.textContent)],
    ['heading', cleanText(doc.querySelector('h1')?.textContent)],
  ];
  const found = pick(candidates, (c) => !BARE_VERSION.test(c));
  return found.value ? found : pick(candidates);
}

function datePick(candidates: readonly Candidate<string>[]): Picked<string> {
  return pick(
    candidates.map(([source, raw]): Candidate<string> => [source, () => normalizeDate(typeof raw === 'function' ? raw() : raw)]),
  );
}

export function readMetadata(doc: Document, pageUrl: string): PageMetadata {
  const tags = readMetaTags(doc);
  const nodes = readJsonLd(doc);
  const main = mainNode(nodes);
  const entry = readHEntry(doc);
  const siteName = readSiteName(tags, main, nodes);
  const rawTitle = readTitle(doc, tags, main, nodes, entry);
  const canonical = readCanonical(doc, tags, pageUrl);
  const authors = readAuthors(doc, tags, main, nodes, entry);
  const isEvent = main !== null && typesOf(main).some((t) => /Event$/.test(t));
  const published = datePick([
    ['json-ld', jsonLdDate(main, nodes, 'datePublished', 'uploadDate')],
    ['opengraph', firstMeta(tags, 'article:published_time', 'og:published_time', 'video:release_date')],
    ['meta', firstMeta(tags, 'datepublished', 'date', 'pubdate', 'publish-date', 'sailthru.date', 'parsely-pub-date')],
    ['citation', firstMeta(tags, 'citation_publication_date', 'citation_online_date', 'citation_date')],
    ['dublin-core', firstMeta(tags, 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'dcterms.created')],
    ['microformats', entry?.published],
    ['microdata', () => doc.querySelector('[itemprop="datePublished"][datetime]')?.getAttribute('datetime')],
    ['time-element', () => timeElementDate(doc)],
    // Dates next to an event's name are the event's, not when the page was published.
    ['byline', () => (isEvent ? null : visibleDate(doc))],
  ]);
  const modified = datePick([
    ['json-ld', jsonLdDate(main, nodes, 'dateModified')],
    ['opengraph', firstMeta(tags, 'article:modified_time', 'og:updated_time')],
    ['meta', firstMeta(tags, 'datemodified', 'last-modified')],
    ['dublin-core', firstMeta(tags, 'dcterms.modified', 'dc.date.modified')],
    ['microformats', entry?.updated],
  ]);
  const language = pick<string>([
    ['html', primarySubtag(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang'))],
    ['opengraph', primarySubtag(firstMeta(tags, 'og:locale'))],
    ['json-ld', primarySubtag(main ? textOf(main['inLanguage'], nodes) : null)],
    ['meta', primarySubtag(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'))],
    ['citation', primarySubtag(firstMeta(tags, 'citation_language'))],
    ['dublin-core', primarySubtag(firstMeta(tags, 'dc.language', 'dcterms.language'))],
  ]);
  const ogDescription = cleanText(firstMeta(tags, 'og:description'));
  const metaDescription = cleanText(firstMeta(tags, 'description'));
  // og:description is often the meta description cut with "…"; then the full one is better.
  const ogCut = ogDescription !== null && metaDescription !== null && /(…|\.\.\.)$/.test(ogDescription) &&
    metaDescription.length > ogDescription.length && metaDescription.startsWith(ogDescription.replace(/\s*(…|\.\.\.)$/, ''));
  const description = pick<string>([
    ['opengraph', ogCut ? null : ogDescription],
    ['meta', metaDescription],
    ['twitter', cleanText(firstMeta(tags, 'twitter:description'))],
    ['json-ld', jsonLdString(main, 'description', nodes)],
    ['citation', cleanText(firstMeta(tags, 'citation_abstract'))],
    ['dublin-core', cleanText(firstMeta(tags, 'dc.description', 'dcterms.abstract', 'dcterms.description'))],
    ['microformats', entry?.summary ? cleanText(entry.summary) : null],
  ]);
  const image = readImage(tags, main, nodes, pageUrl);

  const sources: Partial<Record<SourcedField, FieldSource>> = {};
  const record = (field: SourcedField, picked: Picked<unknown>): void => {
    if (picked.source) sources[field] = picked.source;
  };
  record('title', rawTitle);
  record('canonicalUrl', canonical);
  record('siteName', siteName);
  record('authors', authors);
  record('publishedAt', published);
  record('modifiedAt', modified);
  record('language', language);
  record('description', description);
  record('image', image);

  return {
    title: rawTitle.value === null ? null : stripSiteSuffix(rawTitle.value, siteName.value, pageUrl, [
      cleanText(doc.querySelector('h1')?.textContent) ?? '',
      cleanText(firstMeta(tags, 'og:title')) ?? '',
    ]),
    canonicalUrl: canonical.value ?? canonicalUrl(pageUrl),
    siteName: siteName.value,
    authors: authors.value ?? [],
    publishedAt: published.value,
    modifiedAt: modified.value,
    language: language.value,
    description: description.value,
    image: image.value,
    schemaTypes: uniqueCaseless(nodes.flatMap(typesOf)),
    keywords: readKeywords(tags, main),
    ogType: firstMeta(tags, 'og:type')?.toLowerCase() ?? null,
    generator: cleanText(firstMeta(tags, 'generator')),
    hEntry: entry !== null,
    jsonLd: nodes,
    sources,
  };
}
