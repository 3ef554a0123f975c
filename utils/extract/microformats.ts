/**
 * h-entry microformats (microformats2, and the classic hentry/hAtom some themes still ship):
 * the IndieWeb's way of marking a post's name, author, dates and summary in visible markup.
 */
import { clean } from './text';

export interface HEntry {
  name: string | null;
  authors: string[];
  published: string | null;
  updated: string | null;
  summary: string | null;
  url: string | null;
}

/** mf2 property value: datetime/title/value attributes first (dt-*), else the text. */
function valueOf(el: Element): string | null {
  const attr = el.getAttribute('datetime') ?? el.getAttribute('value') ?? (el.nodeName === 'ABBR' ? el.getAttribute('title') : null);
  const text = clean(attr ?? el.textContent);
  return text === '' ? null : text;
}

/** Properties of this entry only, not of an h-entry nested inside it (a reply, a quoted post). */
function own(root: Element, selector: string): Element[] {
  return [...root.querySelectorAll(selector)].filter((el) => el.closest('.h-entry, .hentry') === root);
}

function first(root: Element, selector: string): string | null {
  for (const el of own(root, selector)) {
    const value = valueOf(el);
    if (value) return value;
  }
  return null;
}

function authorName(el: Element): string | null {
  // p-author h-card: the card's p-name; a bare p-author: its text.
  const name = el.querySelector('.p-name, .fn');
  const text = clean(name?.textContent ?? el.textContent);
  return text && text.length <= 100 ? text : null;
}

/** The page's main h-entry (the first one that is not inside another), or null. */
export function readHEntry(doc: Document): HEntry | null {
  const root = [...doc.querySelectorAll('.h-entry, .hentry')].find((el) => el.parentElement?.closest('.h-entry, .hentry') == null);
  if (!root) return null;
  const authors = own(root, '.p-author, .author.vcard, .author .vcard')
    .map(authorName)
    .filter((a): a is string => a !== null);
  const urlEl = own(root, 'a.u-url[href], a.u-uid[href], a[rel~="bookmark"][href]')[0];
  return {
    name: first(root, '.p-name, .entry-title'),
    authors: [...new Set(authors)],
    published: first(root, '.dt-published, .published'),
    updated: first(root, '.dt-updated, .updated'),
    summary: first(root, '.p-summary, .entry-summary'),
    url: urlEl?.getAttribute('href') ?? null,
  };
}
