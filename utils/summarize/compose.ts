/**
 * The pieces every entry writer uses: the link, the language tag, fitting page text into the
 * preset's length budget, code spans. Everything taken from the page is escaped here or by
 * the helpers in utils/markdown/escape.ts.
 */
import { escapeInline, mdLink, oneLine, safeUrl } from '../markdown/escape';
import type { InlinePart, PageCapture } from '../model/capture';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { fitSentences } from './fit';

export interface Budget {
  target: number;
  max: number;
}

export const DEFAULT_BUDGET: Budget = { target: 220, max: 300 };
/** Link texts longer than this are cut (at a word) so the summary keeps some room. */
export const MAX_LINK_TEXT = 120;

/** What a writer is given: the page, the newsletter, the section and what they imply. */
export interface EntryContext {
  capture: PageCapture;
  preset: NewsletterPreset;
  /** The section the entry is drafted for (undefined when the preset does not have it). */
  section: SectionDef | undefined;
  budget: Budget;
  /** " [DE]" after the link for a page in another language than the newsletter's, else ''. */
  tag: string;
  /** What the newsletter has written before (learned from past issues and edits). */
  knowledge?: EntryKnowledge;
}

/** What earlier issues taught about the newsletter's wording. */
export interface EntryKnowledge {
  /** Lower-case project name → its home page and what it is, as the newsletter wrote them ("free and fully featured chat app for XMPP"). */
  projects?: Readonly<Record<string, { homepage: string | null; description: string | null }>>;
}

/** The values every entry template has: the page's title linked and as text, its address, its language tag. */
export function pageValues({ capture, tag }: Pick<EntryContext, 'capture' | 'tag'>): Record<string, string> {
  return {
    titleLink: pageLink(capture.title, capture),
    title: escapeInline(oneLine(capture.title)),
    url: safeUrl(linkUrl(capture)) ?? '',
    lang: tag,
  };
}

export function linkUrl(capture: PageCapture): string {
  return capture.canonicalUrl || capture.url;
}

/** Plain text cut at a word boundary with "…" (escaping happens later, in mdLink). */
export function cutPlain(text: string, max: number): string {
  const cut = text.slice(0, max);
  const atWord = cut.replace(/\s+\S*$/, '').replace(/[\s,;:.!?–—-]+$/u, '');
  return `${atWord || cut}…`;
}

/** `[text](url)` with the text on one line and cut to MAX_LINK_TEXT. */
export function link(text: string, url: string): string {
  const plain = oneLine(text) || url;
  const short = plain.length > MAX_LINK_TEXT ? cutPlain(plain, MAX_LINK_TEXT) : plain;
  return mdLink(short, url);
}

export function pageLink(text: string, capture: PageCapture): string {
  return link(text, linkUrl(capture));
}

/**
 * A link target as the newsletter writes it: a page of its own site site-relative
 * ("/extensions/xep-0461.html") when the newsletter does so, anything else absolute. Null for
 * a target that may not be linked (see safeUrl).
 */
export function targetFor(url: string, preset: Pick<NewsletterPreset, 'siteUrl' | 'siteRelativeLinks'>): string | null {
  const target = safeUrl(url);
  if (!target || !preset.siteRelativeLinks || !preset.siteUrl) return target;
  const site = new URL(preset.siteUrl);
  const parsed = new URL(target);
  // Only the site itself: "xmpp.org.evil.example" or another port is another site.
  if (parsed.origin !== site.origin) return target;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** `[text](target)` with the target as the newsletter writes it (targetFor); the text alone when it may not be linked. */
export function siteLink(text: string, url: string, preset: Pick<NewsletterPreset, 'siteUrl' | 'siteRelativeLinks'>): string {
  const plain = oneLine(text) || url;
  const label = escapeInline(plain.length > MAX_LINK_TEXT ? cutPlain(plain, MAX_LINK_TEXT) : plain);
  const target = targetFor(url, preset);
  return target ? `[${label}](${target})` : label;
}

export function languageTag(capture: PageCapture, preset: NewsletterPreset): string {
  const primary = capture.language?.split(/[-_]/)[0]?.toLowerCase();
  if (!primary || !/^[a-z]{2,3}$/.test(primary) || primary === preset.language.toLowerCase()) return '';
  return ` ${preset.languageTag.replace('{LANG}', primary.toUpperCase())}`;
}

/** Sentences end with a stop, as in the published issues; a cut ("…") or room says otherwise. */
export function endWithStop(text: string, room: number): string {
  if (!text || /[.!?…)"”]$/u.test(text) || text.length + 1 > room) return text;
  return `${text}.`;
}

/**
 * Summary sentences fitted after `prefix` and `joiner`. Whole sentences while they fit the
 * budget; the first sentence is kept whole even past the line's budget when the summary
 * alone stays within it (a long link must not turn a complete sentence into a "…" fragment);
 * only a first sentence longer than the whole budget is cut at a word.
 */
export function fittedLead(sentences: readonly string[], prefix: string, joiner: string, budget: Budget): string {
  const room = budget.max - prefix.length - joiner.length;
  const target = Math.min(Math.max(room, 0), Math.max(budget.target - prefix.length - joiner.length, 60));
  const fitted = room > 0 ? fitSentences(sentences, target, room) : '';
  if (fitted && !fitted.endsWith('…')) return endWithStop(fitted, room);
  const first = sentences[0];
  if (first) {
    const whole = fitSentences([first], budget.max, budget.max);
    if (whole && !whole.endsWith('…')) return endWithStop(whole, budget.max);
  }
  return room > 0 ? endWithStop(fitted, room) : '';
}

/** Words that stay capitalized at the start of a phrase. */
const PROPER_NOUNS = new Set(
  ('Android iOS Windows Linux macOS Mac Flatpak Debian Ubuntu Fedora GNOME KDE Qt GTK Microsoft Apple Google ' +
    'Matrix Jabber XMPP OMEMO OpenPGP TLS SASL English German French Italian Spanish January February March ' +
    'April May June July August September October November December')
    .toLowerCase()
    .split(' '),
);

/** "Improved group chats" → "improved group chats"; leaves "OMEMO …", "iOS …", "Gajim …" alone. */
export function lowerFirst(text: string, preset: NewsletterPreset): string {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  const word = first.replace(/[^\p{L}\p{N}+.-]+$/u, '');
  if (!/^\p{Lu}[\p{Ll}'’]*$/u.test(word)) return text;
  const lower = word.toLowerCase();
  if (PROPER_NOUNS.has(lower) || preset.knownProjects.some((p) => p.name.toLowerCase() === lower)) return text;
  // "Matthew Wild walks through …": a capitalised second word makes the first one part of a name.
  const second = /^\S+\s+(\S+)/.exec(text)?.[1] ?? '';
  if (/^\p{Lu}\p{Ll}/u.test(second)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Page text escaped as inline Markdown, keeping spaces at the ends (escapeInline trims a whole line). */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/\{(?=\{)/g, '&#123;');
}

/**
 * Page text with the runs the page showed as code written as `code`. A run that cannot be a
 * safe code span (one holding a backtick or a Hugo shortcode opener) is escaped as text.
 */
export function inlineMarkdown(parts: readonly InlinePart[]): string {
  const body = parts
    .map((part) => {
      const text = part.text.replace(/\s+/g, ' ');
      if (!part.code || text.trim() === '' || /\{\{|`/.test(text)) return escapeText(text);
      return `${/^ /.test(text) ? ' ' : ''}\`${text.trim()}\`${/ $/.test(text) ? ' ' : ''}`;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  // A line may not start a block: heading, list, quote, numbered list.
  return body.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}
