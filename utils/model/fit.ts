import type { PageCapture } from './capture';
import { DETAILS_MAX_CHARS } from './details';
import { ITEM_LIMITS, type NewsItem } from './item';

/**
 * Page text fitted to the stored item's limits before a write. Text that a page can make as
 * long as it likes (title, description, author list, main text) is shortened, with a notice
 * the user sees; what cannot be shortened without changing its meaning (the address, the
 * user's own entry) is refused with a plain message instead.
 */

export class ValidationError extends Error {
  override name = 'ValidationError';
}

const n = (value: number) => value.toLocaleString('en');

/** `text` within `max` characters: cut at a word and marked with "…" when it was longer. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= max * 0.6 ? atWord : cut}…`;
}

class Fitter {
  readonly notices: string[] = [];

  text(value: string, max: number, what: string): string {
    if (value.length <= max) return value;
    this.notices.push(`The page’s ${what} is ${n(value.length)} characters long; Newsdesk keeps the first ${n(max)}.`);
    return fitText(value, max);
  }

  nullable(value: string | null, max: number, what: string): string | null {
    return value === null ? null : this.text(value, max, what);
  }

  /** A value that only means something whole (a date, a language tag): dropped when too long. */
  whole(value: string | null, max: number, what: string): string | null {
    if (value === null || value.length <= max) return value;
    this.notices.push(`The page’s ${what} is not a plausible value (${n(value.length)} characters); Newsdesk leaves it out.`);
    return null;
  }
}

function requireUrl(url: string, what: string): void {
  if (url.length > ITEM_LIMITS.url) {
    throw new ValidationError(`This page’s ${what} is ${n(url.length)} characters long; Newsdesk stores addresses of up to ${n(ITEM_LIMITS.url)} characters.`);
  }
}

export function requireEntry(entry: string): void {
  if (entry.length > ITEM_LIMITS.entry) {
    throw new ValidationError(`The entry is ${n(entry.length)} characters long; an entry can have at most ${n(ITEM_LIMITS.entry)}. Shorten it and save again.`);
  }
}

export function requireTitle(title: string): void {
  if (title.length > ITEM_LIMITS.title) {
    throw new ValidationError(`The title is ${n(title.length)} characters long; a title can have at most ${n(ITEM_LIMITS.title)}.`);
  }
}

/** The page facts of a capture as item fields, within the limits, and what was shortened. */
export type CaptureFields = Pick<
  NewsItem,
  'canonicalUrl' | 'url' | 'title' | 'siteName' | 'authors' | 'publishedAt' | 'language' | 'description' | 'contentMarkdown' | 'kind' | 'release' | 'xep' | 'video' | 'event'
>;

export function fitCapture(capture: PageCapture, title: string): { fields: CaptureFields; notices: string[] } {
  requireUrl(capture.canonicalUrl, 'address');
  requireUrl(capture.url, 'address');
  const f = new Fitter();
  const authors = capture.authors.slice(0, ITEM_LIMITS.authors).map((a) => f.text(a, ITEM_LIMITS.author, 'author name'));
  if (capture.authors.length > ITEM_LIMITS.authors) {
    f.notices.push(`The page names ${n(capture.authors.length)} authors; Newsdesk keeps the first ${ITEM_LIMITS.authors}.`);
  }
  const content = capture.selectionMarkdown ?? capture.contentMarkdown;
  const fields: CaptureFields = {
    canonicalUrl: capture.canonicalUrl,
    url: capture.url,
    title: f.text(title.trim() || capture.title, ITEM_LIMITS.title, 'title'),
    siteName: f.nullable(capture.siteName, ITEM_LIMITS.siteName, 'site name'),
    authors,
    publishedAt: f.whole(capture.publishedAt, ITEM_LIMITS.publishedAt, 'publication date'),
    language: f.whole(capture.language, ITEM_LIMITS.language, 'language'),
    description: f.nullable(capture.description, ITEM_LIMITS.description, 'description'),
    contentMarkdown: f.text(content, ITEM_LIMITS.contentMarkdown, 'main text'),
    kind: capture.kind,
    release: capture.release && fitDetail(capture.release, 'release details', f),
    xep: capture.xep && fitDetail(capture.xep, 'XEP details', f),
    video: capture.video && fitDetail(capture.video, 'video details', f),
    event: capture.event && fitDetail(capture.event, 'event details', f),
  };
  return { fields, notices: f.notices };
}

/**
 * A kind's details as the page gave them, every field kept, within the stored bounds: each text
 * at most 5,000 characters, each list at most 200 entries, and the whole within
 * DETAILS_MAX_CHARS — past that, the optional long lists (a XEP's full revision history) go
 * first, then texts are cut shorter. Each cut is a notice.
 */
function fitDetail<T>(value: T, what: string, f: Fitter): T {
  let cut = false;
  const walk = (v: unknown, textMax: number): unknown => {
    if (typeof v === 'string') {
      if (v.length <= textMax) return v;
      cut = true;
      return fitText(v, textMax);
    }
    if (Array.isArray(v)) {
      if (v.length > 200) cut = true;
      return v.slice(0, 200).map((x) => walk(x, textMax));
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, textMax)]));
    return v;
  };
  let fitted = walk(value, 5000) as Record<string, unknown>;
  const size = () => JSON.stringify(fitted).length;
  for (const heavy of ['remarkParts', 'revisions']) {
    if (size() <= DETAILS_MAX_CHARS) break;
    if (heavy in fitted) {
      const { [heavy]: _dropped, ...rest } = fitted;
      fitted = rest;
      cut = true;
    }
  }
  for (const max of [1000, 200]) {
    if (size() <= DETAILS_MAX_CHARS) break;
    fitted = walk(fitted, max) as Record<string, unknown>;
  }
  if (cut) f.notices.push(`The page’s ${what} were longer than Newsdesk keeps; it keeps a shortened copy.`);
  return fitted as T;
}
