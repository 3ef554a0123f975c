import type { PageCapture, XepInfo } from '../model/capture';
import { escapeInline, mdLink, oneLine } from '../markdown/escape';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { findSection } from '../presets/types';
import { formatDateRange } from './dates';
import { cutWords, fitSentences } from './fit';
import { joinAnd } from './join';
import { leadSentences } from './lead';
import { splitSentences, topListItems } from './sentences';

/**
 * Draft one newsletter entry (Markdown of one list item, without the leading "- ") in the
 * newsletter's voice, following the XMPP Newsletter's published issues:
 *   release  "[Gajim 1.8.2](url) has been released, bringing a, b and c."
 *   XEP      "Version 0.4.0 of [XEP-0424](url) (Message Retraction)" + nested change lines
 *   video    "[Title](url) - short description"
 *   event    "[Name](url), November 18–19, 2023 in Toulouse: description"
 *   other    "[Title](url): lead sentences"   (language tag like "[DE]" right after the link)
 * Everything taken from the page is escaped; the first line stays within the preset's budget.
 */

const DEFAULT_BUDGET = { target: 220, max: 300 };
/** Link texts longer than this are cut (at a word) so the summary keeps some room. */
const MAX_LINK_TEXT = 120;

interface Budget {
  target: number;
  max: number;
}

function linkUrl(capture: PageCapture): string {
  return capture.canonicalUrl || capture.url;
}

function link(text: string, capture: PageCapture): string {
  const plain = oneLine(text) || capture.url;
  const short = plain.length > MAX_LINK_TEXT ? cutPlain(plain, MAX_LINK_TEXT) : plain;
  return mdLink(short, linkUrl(capture));
}

/** Plain text cut at a word boundary with "…" (escaping happens later, in mdLink). */
function cutPlain(text: string, max: number): string {
  const cut = text.slice(0, max);
  const atWord = cut.replace(/\s+\S*$/, '').replace(/[\s,;:.!?–—-]+$/u, '');
  return `${atWord || cut}…`;
}

function languageTag(capture: PageCapture, preset: NewsletterPreset): string {
  const primary = capture.language?.split(/[-_]/)[0]?.toLowerCase();
  if (!primary || !/^[a-z]{2,3}$/.test(primary) || primary === preset.language.toLowerCase()) return '';
  return ` ${preset.languageTag.replace('{LANG}', primary.toUpperCase())}`;
}

/** Summary text fitted after `prefix` and `joiner` so that the whole line stays in budget. */
function fittedLead(sentences: string[], prefix: string, joiner: string, budget: Budget): string {
  const room = budget.max - prefix.length - joiner.length;
  if (room <= 0) return '';
  const target = Math.min(room, Math.max(budget.target - prefix.length - joiner.length, 60));
  return endWithStop(fitSentences(sentences, target, room), room);
}

/** Sentences end with a stop, as in the published issues; a cut ("…") or room says otherwise. */
function endWithStop(text: string, room: number): string {
  if (!text || /[.!?…)"”]$/u.test(text) || text.length + 1 > room) return text;
  return `${text}.`;
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
function lowerFirst(text: string, preset: NewsletterPreset): string {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  const word = first.replace(/[^\p{L}\p{N}+.-]+$/u, '');
  if (!/^\p{Lu}[\p{Ll}'’]*$/u.test(word)) return text;
  const lower = word.toLowerCase();
  if (PROPER_NOUNS.has(lower) || preset.knownProjects.some((p) => p.name.toLowerCase() === lower)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Changelog verbs turned into what a release brings: "Fix crash" → "a fix for crash". */
const CHANGELOG_VERBS: [RegExp, string][] = [
  [/^(added|adds|add|new):?\s+/i, ''],
  [/^(fixed|fixes|fix):?\s+/i, 'a fix for '],
  [/^(improved|improves|improve)\s+/i, 'improved '],
  [/^(updated|updates|update)\s+/i, 'updated '],
  [/^(removed|removes|remove)\s+/i, 'removal of '],
];

/**
 * One release-note bullet as a phrase: first sentence, issue refs and final stop dropped,
 * a "MUC: Fix …" scope moved to the end ("a fix for … (MUC)").
 */
function releasePoint(item: string, preset: NewsletterPreset): string {
  const sentence = (splitSentences(item)[0] ?? item)
    .replace(/\s*\((#|!|GH-)\d+\)|\s+\((closes|fixes) #\d+\)/gi, '')
    .replace(/[\s.;:!]+$/u, '')
    .trim();
  const scoped = /^([\p{L}\p{N}_./-]+(?: [\p{L}\p{N}_./-]+)?):\s+(\S.*)$/u.exec(sentence);
  let phrase = scoped?.[2] ?? sentence;
  for (const [verb, replacement] of CHANGELOG_VERBS) {
    if (verb.test(phrase)) {
      phrase = phrase.replace(verb, replacement);
      break;
    }
  }
  phrase = lowerFirst(phrase.trim(), preset);
  return scoped?.[1] && phrase ? `${phrase} (${scoped[1]})` : phrase;
}

function draftRelease(capture: PageCapture, preset: NewsletterPreset, tag: string, budget: Budget): string {
  const release = capture.release;
  const name = release ? oneLine(`${release.project} ${release.version}`) : capture.title;
  const head = `${link(name || capture.title, capture)}${tag} has been released`;
  const notes = capture.selectionMarkdown?.trim() ? capture.selectionMarkdown : capture.contentMarkdown;
  const points = topListItems(notes)
    .map((item) => releasePoint(item, preset))
    .filter((p) => p.length > 0)
    .slice(0, 3);
  if (points.length > 0) {
    const joiner = ', bringing ';
    const room = budget.max - head.length - joiner.length - 1;
    // The points form one sentence: as many as fit the line, else one point cut at a word.
    for (let n = points.length; n > 0; n--) {
      const text = escapeInline(joinAnd(points.slice(0, n)));
      if (text.length <= room) return `${head}${joiner}${text}.`;
    }
    const cut = cutWords(points[0] ?? '', room + 1);
    if (cut) return `${head}${joiner}${cut}`;
  }
  const lead = fittedLead(leadSentences(capture), head, '. ', budget);
  return lead ? `${head}. ${lead}` : `${head}.`;
}

/** "XEP Editor (dg)" is how xep.xsl prints it; the newsletter writes "XEP Editor: dg". */
function initialsText(initials: string | null): string {
  const text = oneLine(initials ?? '');
  return text.replace(/^XEP Editor\s*\((.+)\)$/i, 'XEP Editor: $1');
}

/** The revision remark of a XEP's first Experimental version, in the newsletter's words. */
function changeText(change: string): string {
  return /^(accepted|promoted)\b.*\bexperimental\b/i.test(oneLine(change)) ? 'Promoted to Experimental' : change;
}

function changeLines(xep: XepInfo, budget: Budget): string {
  const initials = initialsText(xep.initials);
  const changes = xep.changes.map((c) => oneLine(c)).filter((c) => c.length > 0);
  return changes
    .map((change, i) => {
      const text = cutWords(changeText(change), budget.max) || escapeInline(change);
      const last = i === changes.length - 1;
      return `\n  - ${text}${last && initials ? ` (${escapeInline(initials)})` : ''}`;
    })
    .join('');
}

/** Sections for XEPs not yet (or just about to be) numbered show title and abstract instead of a version. */
function showsAbstract(section: SectionDef | undefined): boolean {
  const statuses = (section?.hints?.xepStatuses ?? []).map((s) => s.toLowerCase());
  return statuses.includes('protoxep') || statuses.includes('proposed');
}

function draftXep(capture: PageCapture, xep: XepInfo, section: SectionDef | undefined, budget: Budget): string {
  const title = oneLine(xep.title) || capture.title;
  if (showsAbstract(section)) {
    const abstract = oneLine(xep.abstract ?? '') || leadSentences(capture).join(' ');
    const line = link(title, capture);
    // The abstract is a nested line of its own; whole sentences, within the same budget.
    const text = endWithStop(fitSentences(splitSentences(abstract), budget.max, budget.max), budget.max);
    return text ? `${line}\n  - ${text}` : line;
  }
  const name = xep.number ? `XEP-${xep.number}` : title;
  // A version is digits and dots; anything else on the page is dropped (and "0." must not
  // be escaped as if it started a numbered list).
  const safeVersion = xep.version?.replace(/[^\w.+-]/g, '') ?? '';
  const version = safeVersion ? `Version ${safeVersion} of ` : '';
  const shownTitle = title.length > MAX_LINK_TEXT ? cutPlain(title, MAX_LINK_TEXT) : title;
  const suffix = xep.number && title ? ` (${escapeInline(shownTitle)})` : '';
  return `${version}${link(name, capture)}${suffix}${changeLines(xep, budget)}`;
}

function draftVideo(capture: PageCapture, preset: NewsletterPreset, tag: string, budget: Budget): string {
  const head = `${link(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ' - ', budget);
  return lead ? `${head} - ${lowerFirst(lead, preset)}` : head;
}

function draftEvent(capture: PageCapture, tag: string, budget: Budget): string {
  const when = formatDateRange(capture.event?.startDate ?? null, capture.event?.endDate ?? null);
  const where = oneLine(capture.event?.location ?? '');
  const whereText = where && where.length <= 80 ? ` in ${escapeInline(where)}` : '';
  const head = `${link(capture.title, capture)}${tag}${when ? `, ${when}` : ''}${whereText}`;
  const lead = fittedLead(leadSentences(capture), head, ': ', budget);
  return lead ? `${head}: ${lead}` : head;
}

function draftArticle(capture: PageCapture, tag: string, budget: Budget): string {
  const head = `${link(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ': ', budget);
  return lead ? `${head}: ${lead}` : head;
}

export function draftEntry(capture: PageCapture, preset: NewsletterPreset, section: string): string {
  const budget = preset.entryBudget ?? DEFAULT_BUDGET;
  const def = findSection(preset, section);
  const kinds = def?.hints?.kinds ?? [];
  const tag = languageTag(capture, preset);
  if (capture.xep && kinds.includes('xep')) return draftXep(capture, capture.xep, def, budget);
  if (capture.release) return draftRelease(capture, preset, tag, budget);
  if (kinds.includes('video') || (capture.kind === 'video' && !kinds.includes('event'))) {
    return draftVideo(capture, preset, tag, budget);
  }
  if (kinds.includes('event') || capture.kind === 'event') return draftEvent(capture, tag, budget);
  return draftArticle(capture, tag, budget);
}
