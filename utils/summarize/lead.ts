import type { PageCapture } from '../model/capture';
import { isBoilerplate, splitSentences, textBlocks } from './sentences';

/**
 * Which sentences of a page say what it is about: the user's selection when there is one,
 * else the page's own description when it is informative, else the lead of the content.
 */

/** Descriptions platforms put on every page; they say nothing about this one. */
const PLATFORM_DESCRIPTIONS: RegExp[] = [
  /development by creating an account on GitHub/i,
  /^Enjoy the videos and music you love/i,
  /^(Watch|Click|Tap) (here|this|on)\b/i,
  /^(Please )?(enable|turn on) JavaScript/i,
  /\bWe use cookies\b/i,
];

const STOP_WORDS = new Set(
  ('the and for with from this that are was were has have been will its our your you they their about into ' +
    'new now out released release releases available announce announcing happy pleased version der die das und ' +
    'ist mit für von den ein eine')
    .split(' '),
);

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** True when `text` says at least `atLeast` things (content words) the title does not already say. */
export function addsToTitle(text: string, title: string, atLeast = 2): boolean {
  const known = new Set(contentWords(title));
  return contentWords(text).filter((w) => !known.has(w)).length >= atLeast;
}

/** Trailing "[…]", "Read more" and similar excerpt furniture. */
function trimExcerpt(text: string): string {
  return text
    .replace(/\s*(\[(…|\.\.\.)\]|(read more|continue reading|weiterlesen)\W*)\s*$/i, '')
    .trim();
}

function isJunk(description: string): boolean {
  return isBoilerplate(description) || PLATFORM_DESCRIPTIONS.some((re) => re.test(description));
}

/**
 * A slogan is short, has no sentence punctuation and shares nothing with the title:
 * "Thoughts on software and the open web" on every page of a blog.
 */
function isSloganLike(description: string, title: string): boolean {
  const short = description.split(/\s+/).length < 12 && !/[.!?]$/.test(description);
  const sharesWithTitle = contentWords(description).some((w) => new Set(contentWords(title)).has(w));
  return short && !sharesWithTitle;
}

/** Sentences from a description, dropping a final one an excerpt cut off mid-way. */
function descriptionSentences(description: string): string[] {
  const sentences = splitSentences(trimExcerpt(description));
  const last = sentences[sentences.length - 1] ?? '';
  if (sentences.length > 1 && /(…|\.\.\.)$/.test(last)) sentences.pop();
  return sentences;
}

function contentSentences(markdown: string, title: string): string[] {
  return textBlocks(markdown)
    .flatMap((block) => splitSentences(block))
    .filter((s) => addsToTitle(s, title));
}

/** The sentences to summarize from, best first; [] when the page says nothing but its title. */
export function leadSentences(capture: PageCapture): string[] {
  const title = capture.title;
  if (capture.selectionMarkdown?.trim()) {
    const selected = textBlocks(capture.selectionMarkdown).flatMap((b) => splitSentences(b));
    if (selected.length > 0) return selected;
  }
  const description = trimExcerpt(capture.description?.replace(/\s+/g, ' ').trim() ?? '');
  const usable = description !== '' && !isJunk(description) && addsToTitle(description, title);
  if (usable && !isSloganLike(description, title)) return descriptionSentences(description);
  const fromContent = contentSentences(capture.contentMarkdown, title);
  if (fromContent.length > 0) return fromContent;
  // A slogan-ish description still beats a bare link; so does text that adds only a word or
  // two to a long title. Text that merely repeats the title does not.
  if (usable) return descriptionSentences(description);
  if (description && !isJunk(description) && addsToTitle(description, title, 1)) return descriptionSentences(description);
  return textBlocks(capture.contentMarkdown)
    .flatMap((block) => splitSentences(block))
    .filter((s) => addsToTitle(s, title, 1));
}
