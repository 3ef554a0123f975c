import type { PageCapture, XepInfo } from '../model/capture';
import { escapeInline, mdLink, oneLine } from '../markdown/escape';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { findSection } from '../presets/types';
import { formatDateRange } from './dates';
import { cutWords, fitSentences } from './fit';
import { joinAnd } from './join';
import { leadSentences } from './lead';
import { releasePoints, releasePredicate, whatsNewSentences, type ReleasePoint } from './release-notes';
import { splitSentences, textBlocks } from './sentences';

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
  // "Matthew Wild walks through …": a capitalised second word makes the first one part of a name.
  const second = /^\S+\s+(\S+)/.exec(text)?.[1] ?? '';
  if (/^\p{Lu}\p{Ll}/u.test(second)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Features as they are, fixes grouped: ["support for X", "fixes for a crash and reconnecting"]. */
function pointPhrases(points: readonly ReleasePoint[], features: number, fixes: number): string[] {
  const phrases = points.filter((p) => !p.fix).slice(0, features).map((p) => p.phrase);
  const fixTargets = points.filter((p) => p.fix).slice(0, fixes).map((p) => p.phrase.replace(/^a fix for\s+/i, ''));
  if (fixTargets.length === 1) phrases.push(points.find((p) => p.fix)!.phrase);
  else if (fixTargets.length > 1) phrases.push(`fixes for ${joinAnd(fixTargets)}`);
  return phrases;
}

/** The longest "a, b and c" of the points that fits `room` escaped characters; '' if none. */
function fittedPoints(points: readonly ReleasePoint[], room: number): string {
  const featureCount = points.filter((p) => !p.fix).length;
  const fixCount = points.filter((p) => p.fix).length;
  // Most informative first: up to three features, then fewer, with fixes filling the rest.
  for (let total = 3; total > 0; total--) {
    for (let features = Math.min(total, featureCount); features >= 0; features--) {
      const fixes = Math.min(total - features, fixCount, 2);
      if (features + fixes === 0) continue;
      const text = escapeInline(joinAnd(pointPhrases(points, features, fixes)));
      if (text.length <= room) return text;
    }
  }
  return '';
}

/**
 * "[Gajim 1.8.2](url) comes with …" when the page says what the release brings in a sentence of
 * its own; else "… has been released, bringing a, b and c." from the notes' points; else
 * "… has been released." followed by the notes' "What's new" text or the page's lead.
 */
function draftRelease(capture: PageCapture, preset: NewsletterPreset, tag: string, budget: Budget): string {
  const release = capture.release;
  const name = release ? oneLine(`${release.project} ${release.version}`) : capture.title;
  const linked = `${link(name || capture.title, capture)}${tag}`;
  const selected = capture.selectionMarkdown?.trim() ? capture.selectionMarkdown : null;
  const notes = selected ?? capture.contentMarkdown;
  const lead = leadSentences(capture);

  if (release) {
    const candidates = [...lead, ...textBlocks(notes).slice(0, 8).flatMap((b) => splitSentences(b))];
    const predicate = releasePredicate(candidates, release.project, release.version, capture.title);
    if (predicate) {
      const text = fittedLead([predicate.rest, ...predicate.following], `${linked} `, '', budget);
      // A predicate cut short reads worse than the alternatives below.
      if (text && !text.endsWith('…')) return `${linked} ${text}`;
    }
  }

  const head = `${linked} has been released`;
  const joiner = ', bringing ';
  const points = releasePoints(notes, preset);
  const pointsText = fittedPoints(points, budget.max - head.length - joiner.length - 1);
  const whatsNew = whatsNewSentences(notes);
  // Points under a "New"/"Features" heading first; a "What's new" paragraph beats lists under
  // other headings (an app store's feature list says what the app does, not what is new); one
  // point alone is thin when the page has prose that says more.
  const primary = points.filter((p) => p.primary).length >= 2;
  if (pointsText && (primary || (whatsNew.length === 0 && (points.length >= 2 || lead.length === 0)))) return `${head}${joiner}${pointsText}.`;
  const prose = fittedLead(whatsNew.length > 0 ? whatsNew : lead, head, '. ', budget);
  if (prose) return `${head}. ${prose}`;
  return pointsText ? `${head}${joiner}${pointsText}.` : `${head}.`;
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
  const where = oneLine(capture.event?.locality ?? capture.event?.location ?? '');
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
