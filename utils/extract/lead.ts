/**
 * The text's own opening paragraph, read off the extracted article element: the first real
 * paragraph, never a figure caption, a photo credit, a byline, a dateline, a navigation line
 * or a heading. Entries lead with it when the page's description does not describe the page.
 */
import { namesFromByline } from './byline';
import markers from './lead-markers.json';
import { clean, textWithBreaks } from './text';

/** Containers whose paragraphs are not the text: captions, credits, bylines, page chrome. */
const NOT_TEXT = [
  'figure', 'figcaption', 'picture', 'table', 'pre', 'code', 'blockquote', 'aside', 'nav', 'header', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dl', 'address',
  '[class*="caption" i]', '[class*="credit" i]', '[class*="byline" i]', '[class*="author" i]', '[class*="dateline" i]',
  '[class*="meta" i]', '[class*="share" i]', '[class*="related" i]', '[class*="newsletter" i]', '[class*="promo" i]',
  '[class*="subscribe" i]', '[class*="breadcrumb" i]', '[role="note"]', '[role="navigation"]',
].join(', ');
const BLOCKS = 'p, div, section, article, ul, ol, table, h1, h2, h3, h4, h5, h6, blockquote, figure, pre';

const CAPTION_STARTS = markers.captionStarts.map((p) => new RegExp(p, 'iu'));
const CREDIT = new RegExp(markers.creditMarkers.join('|'), 'iu');
const DATELINES = markers.datelines.map((p) => new RegExp(p, 'u'));
const BOILERPLATE = /^(?:advertisement|anzeige|share|teilen|read more|continue reading|subscribe|sign up|follow us|related|see also|skip to|jump to|table of contents|from wikipedia|this page was printed|visit\s+\S+\.\w{2,}|click here)\b/i;
/** Notes set before the text: "(EDIT: …)", "[Update: …]", "Editor's note: …". */
const NOTE = /^(?:[([]|(?:edit|update|updated|editor['’]s note|note|correction)\s*:)/i;

/** Paragraphs shorter than this (words) are labels, not text. */
const MIN_WORDS = 8;
const MAX_LEAD = 1200;

/** "WASHINGTON (AP) — Text …", "April 17, 2015 -- Imagine …" → the text without the dateline. */
export function withoutDateline(text: string): string {
  for (const re of DATELINES) {
    const match = re.exec(text);
    // A dateline is a short prefix; the sentence after it starts with a capital or a quote.
    if (match && match[0].length <= 60 && /^["“‘'(]?\p{Lu}/u.test(text.slice(match[0].length))) return text.slice(match[0].length);
  }
  return text;
}

export function isCaptionOrCredit(text: string): boolean {
  return CAPTION_STARTS.some((re) => re.test(text)) || (text.length < 300 && CREDIT.test(text));
}

function isByline(text: string): boolean {
  return /^(?:by|von|par|por|door|di|av|written by|posted by)\s+\p{Lu}/iu.test(text) && namesFromByline(text.split(/[.!?]\s/)[0] ?? text).length > 0 && text.length < 160;
}

/** The first paragraph under `root` that is text, cleaned; null when there is none. */
export function readLead(root: Element | null): string | null {
  if (!root) return null;
  for (const el of root.querySelectorAll('p, div')) {
    if (el.nodeName === 'DIV' && el.querySelector(BLOCKS)) continue;
    const skipped = el.closest(NOT_TEXT);
    if (skipped && (root.contains(skipped) || skipped === root)) continue;
    const raw = clean(textWithBreaks(el));
    if (!raw || isCaptionOrCredit(raw) || isByline(raw) || BOILERPLATE.test(raw) || NOTE.test(raw)) continue;
    const text = withoutDateline(raw);
    // A paragraph starting in lower case continues one split by a line break; one ending in "…" trails off.
    if (text.split(/\s+/).length < MIN_WORDS || /^\p{Ll}/u.test(text) || /…$/.test(text)) continue;
    // A line without a sentence's end is a label or a heading set as a paragraph.
    if (!/[.!?…"”»)]$/u.test(text) && text.length < 120) continue;
    return text.length > MAX_LEAD ? text.slice(0, MAX_LEAD) : text;
  }
  return null;
}
