/**
 * The last resort for authors and dates: what the page shows near its headline ("By Ana Ruiz",
 * a lower-case "by Tom Li" under the headline, "Published 12 March 2024", "25. September
 * 2018"). Only short elements close to the h1 are read — those marked as a byline or date,
 * then the short lines right before the text starts — so a date in a sidebar or a comment
 * never becomes the article's.
 */
import { findWrittenDate, normalizeDate } from './dates';
import { clean } from './text';

/** How many ancestors of the h1 are searched; the byline usually shares the header with it. */
const ANCESTOR_LEVELS = 3;
const MAX_LINE = 120;
/** A headline's neighbourhood is small; a bigger ancestor is the whole page. */
const MAX_SCOPE_ELEMENTS = 400;
/** Elements looked at after the headline, and before it (a date above the headline). */
const AFTER_HEADLINE = 60;
const BEFORE_HEADLINE = 12;
/** A paragraph this long is the text itself: bylines and dates come before it. */
const TEXT_STARTS = 250;

const BYLINE_SELECTOR = '[class*="byline" i], [class*="author" i], [rel~="author"], [itemprop="author"]';
const DATE_SELECTOR = '[class*="date" i], [class*="time" i], [class*="posted" i], [class*="published" i], [class*="meta" i], time';
const OUTSIDE = 'aside, nav, footer, table, .comments, #comments, figcaption, [class*="caption" i], [class*="credit" i], [class*="infobox" i]';

function squash(text: string | null | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The article's headline: an h1 outside the page's navigation (sticky headers repeat the
 * title), the one the document title names when there are several.
 */
const headlines = new WeakMap<Document, Element | null>();

function headline(doc: Document): Element | null {
  if (headlines.has(doc)) return headlines.get(doc) ?? null;
  const found = findHeadline(doc);
  headlines.set(doc, found);
  return found;
}

function findHeadline(doc: Document): Element | null {
  const all = [...doc.querySelectorAll('h1')].slice(0, 20);
  const inChrome = (h: Element): boolean => h.closest('nav, aside, footer, [class*="nav" i], [role="navigation"], [class*="menu" i]') !== null;
  const candidates = all.filter((h) => !inChrome(h));
  const title = squash(doc.title);
  const named = candidates.filter((h) => {
    const text = squash(h.textContent);
    return text.length > 3 && title.includes(text);
  });
  const inArticle = (h: Element): boolean => h.closest('article, main, [role="main"]') !== null;
  return named.find(inArticle) ?? named[0] ?? candidates.find(inArticle) ?? candidates[0] ?? all[0] ?? null;
}

/** The headline's neighbourhood: the h1's closest ancestor (≤ 3 up) that holds a candidate. */
function nearHeadline(doc: Document, selector: string): Element[] {
  const h1 = headline(doc);
  if (!h1) return [];
  let scope: Element | null = h1.parentElement;
  for (let level = 0; scope && level < ANCESTOR_LEVELS; level++, scope = scope.parentElement) {
    if (scope.getElementsByTagName('*').length > MAX_SCOPE_ELEMENTS) break;
    const found = [...scope.querySelectorAll(selector)].filter((el) => !el.closest(OUTSIDE));
    if (found.length > 0) return found;
    if (scope.nodeName === 'ARTICLE' || scope.nodeName === 'MAIN' || scope.nodeName === 'BODY') break;
  }
  return [];
}

/** Elements without block children: a line as the page shows it. */
function isLine(el: Element): boolean {
  return el.querySelector('p, div, ul, ol, table, section, article, h1, h2, h3, h4, h5, h6, blockquote') === null;
}

/**
 * Short lines right around the headline in document order: after the h1 until the text
 * starts, then a few before it. Unmarked, so only lines that say "By …" or hold a date count.
 */
const linesCache = new WeakMap<Document, Element[]>();

function linesAroundHeadline(doc: Document): Element[] {
  const cached = linesCache.get(doc);
  if (cached) return cached;
  const lines = collectLines(doc);
  linesCache.set(doc, lines);
  return lines;
}

/** A short line (no block children, at most MAX_LINE characters) outside credits and sidebars. */
function asLine(el: Element): boolean {
  if (!isLine(el)) return false;
  const text = clean(el.textContent);
  return text !== '' && text.length <= MAX_LINE && !el.closest(OUTSIDE);
}

function collectLines(doc: Document): Element[] {
  const h1 = headline(doc);
  if (!h1) return [];
  const lines: Element[] = [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 1 /* SHOW_ELEMENT */);
  // Skip the headline's own descendants.
  let node: Node | null = h1;
  while (node && !node.nextSibling && node.parentNode) node = node.parentNode;
  let next: Node | null = node?.nextSibling ?? null;
  while (next && next.nodeType !== 1) next = next.nextSibling;
  if (next) walker.currentNode = next;
  for (let el = next as Element | null, seen = 0; el && seen < AFTER_HEADLINE; el = walker.nextNode() as Element | null, seen++) {
    // Text length is measured on paragraphs and lines only: a wrapper's text is the whole page.
    if (el.nodeName === 'P' && clean(el.textContent).length > TEXT_STARTS) break;
    if (asLine(el)) lines.push(el);
  }
  walker.currentNode = h1;
  for (let el = walker.previousNode() as Element | null, seen = 0; el && seen < BEFORE_HEADLINE; el = walker.previousNode() as Element | null, seen++) {
    if (el.nodeName === 'P' && clean(el.textContent).length > TEXT_STARTS) break;
    if (asLine(el)) lines.push(el);
  }
  return lines;
}

const BY_PREFIX = /^(?:by|von|par|por|door|di|av|written by|posted by|text:|autor(?:in)?:|author:)\s+/i;
/** A person's or organisation's name: 1–5 words, capitalised, no sentence punctuation. */
const NAME = /^[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|van|von|de|der|da|di|la|le|bin|al)){0,4}$/u;

/** "By Ana Ruiz and Tom Li" → ["Ana Ruiz", "Tom Li"]; [] when the text is not a byline. */
export function namesFromByline(text: string): string[] {
  // "By Ann Lee · March 3, 2024 · 5 min read": the names come before the first separator.
  const line = (clean(text).replace(BY_PREFIX, '').split(/\s+[|·•—–]\s+|\s*[|·•]\s*/)[0] ?? '')
    .replace(/\s*,\s*\d.*$/, '')
    // "By Ana Ruiz, Staff Writer" / "by Tom Li for The Verge": the name only.
    .replace(/\s*,\s*(?:staff|senior|chief|contributing|special|political|technology|tech)\b.*$/i, '')
    .replace(/\s+(?:for|für|pour|para|per)\s+.*$/i, '')
    .replace(/\s+(?:on|am|le|el|il|op)\s+\S*\d.*$/i, '');
  if (!line || line.length > MAX_LINE) return [];
  const names = line.split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*/).map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => NAME.test(n)) ? names : [];
}

export function visibleAuthors(doc: Document): string[] {
  for (const el of nearHeadline(doc, BYLINE_SELECTOR)) {
    // The innermost name-bearing element wins over a wrapper that also holds the date.
    const link = el.querySelector('a');
    for (const text of [link?.textContent, el.textContent]) {
      const names = namesFromByline(text ?? '');
      if (names.length > 0) return names;
    }
  }
  // Unmarked lines count only when they say "By …".
  for (const el of linesAroundHeadline(doc)) {
    const text = clean(el.textContent);
    if (!BY_PREFIX.test(text)) continue;
    const names = namesFromByline(text);
    if (names.length > 0) return names;
  }
  return [];
}

/** An "Updated …" line is not the publish date. */
const UPDATED = /\b(updated|modified|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt)\b/i;

function dateOf(el: Element): string | null {
  const attr = el.getAttribute('datetime') ?? el.querySelector('time[datetime]')?.getAttribute('datetime');
  const text = clean(el.textContent);
  if (!attr && text.length > MAX_LINE) return null;
  if (UPDATED.test(text)) return null;
  const stripped = text.replace(/^(?:published|posted|date|on|am|le|veröffentlicht|publié|publicado|pubblicato)\s*(?:on|am|le|el|il)?\s*:?\s*/i, '');
  return normalizeDate(attr) ?? normalizeDate(stripped) ?? findWrittenDate(text);
}

/** "Published on 12 March 2024", "25. September 2018", "November 15, 2019" → the date; a time[datetime] first. */
export function visibleDate(doc: Document): string | null {
  for (const el of nearHeadline(doc, DATE_SELECTOR)) {
    const date = dateOf(el);
    if (date) return date;
  }
  // An unmarked line must be little more than the date ("Published 12 March 2024 · 5 min
  // read"), not a sentence or a fact box that mentions one ("Founded February 28, 1998").
  for (const el of linesAroundHeadline(doc)) {
    const date = dateOf(el);
    if (date && isDateLine(clean(el.textContent))) return date;
  }
  return null;
}

const DATE_LINE_WORDS = /\b(?:published|posted|on|am|le|el|il|op|at|um|uhr|veröffentlicht|publié|publicado|pubblicato|min|read|minutes?|by|von|par|por)\b/gi;

function isDateLine(text: string): boolean {
  const rest = text
    .replace(/\d{4}-\d{2}-\d{2}(?:T[\d:.+Z-]+)?/g, '')
    .replace(/\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s*(?:de\s+)?\p{L}+\.?\s*(?:de\s+)?\d{4}|\d{1,2}\.\d{1,2}\.\d{4}/gu, '')
    .replace(/\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?/gi, '')
    .replace(DATE_LINE_WORDS, '')
    .replace(/[\s\p{P}\p{S}\d]+/gu, ' ')
    .trim();
  // A name after "By" may share the line; four more words is already a sentence.
  return rest.split(' ').filter(Boolean).length <= 4;
}
