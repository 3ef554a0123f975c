/**
 * The last resort for authors and dates: what the page shows near its headline ("By Ana Ruiz",
 * "Published 12 March 2024"). Only short elements close to the h1 are read, so a date in a
 * sidebar or a comment never becomes the article's.
 */
import { normalizeDate } from './dates';
import { clean } from './text';

/** How many ancestors of the h1 are searched; the byline usually shares the header with it. */
const ANCESTOR_LEVELS = 3;
const MAX_LINE = 120;
/** A headline's neighbourhood is small; a bigger ancestor is the whole page. */
const MAX_SCOPE_ELEMENTS = 400;

const BYLINE_SELECTOR = '[class*="byline" i], [class*="author" i], [rel~="author"], [itemprop="author"]';
const DATE_SELECTOR = '[class*="date" i], [class*="time" i], [class*="posted" i], [class*="published" i], [class*="meta" i], time';

/** The headline's neighbourhood: the h1's closest ancestor (≤ 3 up) that holds a candidate. */
function nearHeadline(doc: Document, selector: string): Element[] {
  const h1 = doc.querySelector('article h1, main h1, h1');
  if (!h1) return [];
  let scope: Element | null = h1.parentElement;
  for (let level = 0; scope && level < ANCESTOR_LEVELS; level++, scope = scope.parentElement) {
    if (scope.getElementsByTagName('*').length > MAX_SCOPE_ELEMENTS) break;
    const found = [...scope.querySelectorAll(selector)].filter((el) => !el.closest('aside, nav, footer, .comments, #comments'));
    if (found.length > 0) return found;
    if (scope.nodeName === 'ARTICLE' || scope.nodeName === 'MAIN' || scope.nodeName === 'BODY') break;
  }
  return [];
}

const BY_PREFIX = /^(?:by|von|par|por|door|di|av|written by|posted by)\s+/i;
/** A person's or organisation's name: 1–5 words, capitalised, no sentence punctuation. */
const NAME = /^[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|van|von|de|der|da|di|la|le|bin|al)){0,4}$/u;

/** "By Ana Ruiz and Tom Li" → ["Ana Ruiz", "Tom Li"]; [] when the text is not a byline. */
export function namesFromByline(text: string): string[] {
  // "By Ann Lee · March 3, 2024 · 5 min read": the names come before the first separator.
  const line = (clean(text).replace(BY_PREFIX, '').split(/\s+[|·•—–]\s+|\s*[|·•]\s*/)[0] ?? '').replace(/\s*,\s*\d.*$/, '');
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
  return [];
}

/** "Published on 12 March 2024", "Updated: 2024-03-12" → the date; a time[datetime] attribute first. */
export function visibleDate(doc: Document): string | null {
  for (const el of nearHeadline(doc, DATE_SELECTOR)) {
    const attr = el.getAttribute('datetime');
    const text = clean(el.textContent);
    if (!attr && text.length > MAX_LINE) continue;
    // An "updated" line is not the publish date.
    if (/\b(updated|modified|aktualisiert)\b/i.test(text)) continue;
    const stripped = text.replace(/^(?:published|posted|date|on|am|le|veröffentlicht)\s*(?:on|am)?\s*:?\s*/i, '');
    const date = normalizeDate(attr) ?? normalizeDate(stripped);
    if (date) return date;
  }
  return null;
}
