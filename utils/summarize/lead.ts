import type { PageCapture } from '../model/capture';
import { isBoilerplate, splitSentences, textBlocks } from './sentences';

/**
 * Which sentences of a page say what it is about: the user's selection when there is one,
 * else the page's own description when it describes the page, else the text's own opening
 * paragraph (captions, credits, bylines and datelines skipped when it was read), else the
 * lead of the content.
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
    .replace(/\s*(\[(…|\.\.\.)\]|\((…|\.\.\.)\)|(read more|continue reading|weiterlesen)\W*)\s*$/i, '')
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

/** Words a sentence does not end with: "Drug-resistant bacteria, dubbed" is a cut fragment. */
const DANGLING = /(?:^|\s)(?:the|a|an|of|to|in|on|for|and|or|but|with|by|from|as|at|that|which|who|dubbed|called|named|der|die|das|und|le|la|les|de|et|el|y)$|[,;:–—-]$/i;

/** A description cut short by the site: few words without a stop, or ending mid-phrase. */
function isFragment(description: string): boolean {
  if (/[.!?"”»)]$/u.test(description)) return false;
  return description.split(/\s+/).length <= 6 || DANGLING.test(description);
}

/**
 * Whether a description is about this page rather than the site or a series ("The website of
 * …", "These Weeks in Firefox is a …"): enough of its words appear in the title and the text.
 * Without text to compare with it is given the benefit of the doubt.
 */
function describesPage(description: string, capture: PageCapture): boolean {
  // The opening paragraph says what the page is about; the rest of the text may name the
  // author and the site ("Tuesday 15 October 2019 by Bradley M. Kuhn") as a blurb does.
  // A series name is in the title as well as in its blurb, so with an opening paragraph at hand
  // the title does not count.
  const text = capture.lead ?? `${capture.title} ${capture.contentMarkdown.slice(0, 4000)}`;
  const page = new Set(contentWords(text));
  if (page.size < 12) return true;
  const words = [...new Set(contentWords(description))];
  if (words.length < 4) return true;
  return words.filter((w) => page.has(w)).length / words.length >= 0.3;
}

/** What a site or series says of itself, not of one page: "The website of …", "a weekly summary". */
const BLURB = /\b(?:web ?site|blog|homepage|home page|official site|series|weekly|monthly|podcast|newsletter|magazine|archive|a project of|project of the|subscribe|online home|the latest news)\b/i;

/** Headings of the content, as plain text ("## Highlights" → "Highlights"). */
function headingsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]!.replace(/[*_`[\]]/g, '').trim()).filter((h) => h.length > 0 && h.length <= 80);
}

/**
 * A CMS excerpt glues the text's first heading (or the title) to the sentence after it:
 * "Highlights Here's our Firefox Year in Review!" → "Here's our Firefox Year in Review!".
 */
function withoutGluedHeading(description: string, capture: PageCapture): string {
  for (const heading of [capture.title, ...headingsOf(capture.contentMarkdown)]) {
    if (description.length > heading.length + 1 && description.startsWith(heading)) {
      const rest = description.slice(heading.length);
      if (/^\s+["“‘(]?\p{Lu}/u.test(rest) && !/[.!?:]$/.test(heading)) return rest.trim();
    }
  }
  return description;
}

/** Sentences from a description, dropping a final one an excerpt cut off mid-way. */
function descriptionSentences(description: string): string[] {
  const sentences = splitSentences(trimExcerpt(description));
  const last = sentences[sentences.length - 1] ?? '';
  if (sentences.length > 1 && (/(…|\.\.\.)$/.test(last) || isFragment(last))) sentences.pop();
  return sentences;
}

/** A description that ends cut ("… the 19th century to the...") when the text has it whole. */
function isCut(description: string): boolean {
  return /(…|\.\.\.)$/.test(description) && splitSentences(description).length === 1;
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
  const raw = trimExcerpt(capture.description?.replace(/\s+/g, ' ').trim() ?? '');
  const description = raw ? withoutGluedHeading(raw, capture) : '';
  const lead = capture.lead ? splitSentences(capture.lead).filter((s) => addsToTitle(s, title, 1)) : [];
  const usable = description !== '' && !isJunk(description) && addsToTitle(description, title);
  const complete = descriptionSentences(description).join(' ');
  const preferred =
    usable &&
    !isSloganLike(description, title) &&
    // A site's blurb is right for its home or landing page, wrong for one of its posts.
    !(lead.length > 0 && (isFragment(complete) || isCut(complete) || (capture.kind === 'article' && BLURB.test(description) && !describesPage(description, capture))));
  if (preferred) return descriptionSentences(description);
  if (lead.length > 0) return lead;
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
