/**
 * Release entries, following the published issues: "[Gajim 1.8.2](url) comes with …" when the
 * page says what the release brings in a sentence of its own; else "… has been released,
 * bringing a, b and c." from the notes' points; else "… has been released." followed by the
 * notes' "What's new" text or the page's lead.
 */
import { escapeInline, mdLink, oneLine } from '../../markdown/escape';
import { fittedLead, pageLink, pageValues, siteLink, type EntryContext } from '../../summarize/compose';
import type { Room, TemplateFill } from '../../templates/fill';
import { entryFacts } from '../facts';
import { joinAnd } from '../../summarize/join';
import { leadSentences } from '../../summarize/lead';
import { releasePoints, releasePredicate, whatsNewSentences, type ReleasePoint } from '../../summarize/release-notes';
import { splitSentences, textBlocks } from '../../summarize/sentences';

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

export function draftRelease({ capture, preset, tag, budget }: EntryContext): string {
  const release = capture.release;
  const name = release ? oneLine(`${release.project} ${release.version}`) : capture.title;
  const linked = `${pageLink(name || capture.title, capture)}${tag}`;
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

// ---- the newsletter's release template ----------------------------------------------------

/** A sentence that only says the release exists ("Gajim 2.4.7 has been released."): the template says that already. */
function restatesRelease(sentence: string, version: string): boolean {
  return sentence.includes(version) && /\b(released|is out|now available|announce|happy to|pleased to)\b/i.test(sentence) && sentence.length < 160;
}

/**
 * What the project is, from the page's own words: "Gajim is a free and fully featured chat
 * app for XMPP." gives "free and fully featured chat app for XMPP" (an entry reads "… of its
 * free and fully featured chat app for XMPP"). Null when no sentence says so briefly.
 */
export function describedAs(sentences: readonly string[], project: string): string | null {
  const subject = new RegExp(`^${escapeRegExp(project)}(?:\\s+\\([^)]{1,40}\\))?\\s+is\\s+(?:an?|the)\\s+(.{6,110}?)[.!]?$`, 'iu');
  for (const sentence of sentences) {
    const phrase = subject.exec(sentence.trim())?.[1]?.trim();
    // "… is a free client that …, which …": only a phrase that stays a noun phrase reads well after "of its".
    if (phrase && !/[:;]|\b(that|which|who|where)\b/i.test(phrase)) return phrase;
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "version [2.4.7](url)", or "versions [a](…), [b](…) and [c](…)" (releases oldest first). */
export function versionsPhrase(releases: ReadonlyArray<{ version: string; url: string }>): string {
  // Inside a link's brackets "2.4.7" starts no list: no "2\.4.7".
  const links = releases.map((r) => mdLink(oneLine(r.version), r.url).replace(/^\[(\d+)\\([.)])/, '[$1$2'));
  return `${links.length > 1 ? 'versions' : 'version'} ${joinAnd(links)}`;
}

/**
 * The values of the newsletter's release template: the project linked to its home page (the
 * community's software list, else its repository), the version linked to the release, what
 * the project is (as the newsletter wrote it before, else as the page says), and a summary of
 * what the release brings within the room the rest of the line leaves.
 */
export function releaseFill(context: EntryContext): TemplateFill {
  const { capture, preset, tag } = context;
  const facts = entryFacts(capture, preset);
  const release = capture.release;
  if (!release || facts.kind !== 'release') return { values: {} };
  const notes = capture.selectionMarkdown?.trim() ? capture.selectionMarkdown : capture.contentMarkdown;
  const lead = leadSentences(capture);
  const pageSentences = [...(capture.description ? splitSentences(capture.description) : []), ...lead, ...textBlocks(notes).slice(0, 6).flatMap((b) => splitSentences(b))];
  const project = oneLine(facts.project);
  const known = context.knowledge?.projects?.[project.toLowerCase()] ?? context.knowledge?.projects?.[facts.projectOnPage.toLowerCase()] ?? null;
  const homepage = known?.homepage ?? facts.homepage;
  const description = known?.description ?? describedAs(pageSentences, facts.projectOnPage) ?? describedAs(pageSentences, project);
  const version = oneLine(release.version);
  const values: Record<string, string> = {
    ...pageValues(context),
    project: escapeInline(project),
    projectLink: homepage ? siteLink(project, homepage, preset) : escapeInline(project),
    // "2.4.7" starts no list (a list marker is followed by a space): no "2\.4.7".
    version: escapeInline(version).replace(/^(\d+)\\([.)])(?=\S)/, '$1$2'),
    versions: versionsPhrase([{ version, url: facts.releaseUrl }]),
    releaseLink: `${pageLink(`${project} ${version}`, capture)}${tag}`,
    description: description ? escapeInline(oneLine(description)) : '',
  };
  const summary = (room: Room): string => {
    const candidates = [...lead, ...textBlocks(notes).slice(0, 8).flatMap((b) => splitSentences(b))];
    const predicate = releasePredicate(candidates, release.project, release.version, capture.title);
    if (predicate) {
      const text = fittedLead([`This release ${predicate.rest}`, ...predicate.following], '', '', room);
      if (text && !text.endsWith('…')) return text;
    }
    const opening = 'This release brings ';
    const points = releasePoints(notes, preset);
    const pointsText = fittedPoints(points, room.max - opening.length - 1);
    const whatsNew = whatsNewSentences(notes);
    const primary = points.filter((p) => p.primary).length >= 2;
    if (pointsText && (primary || (whatsNew.length === 0 && points.length >= 2))) return `${opening}${pointsText}.`;
    const about = description ? new RegExp(`^${escapeRegExp(facts.projectOnPage)}\\s+is\\s+(?:an?|the)\\s`, 'i') : null;
    const prose = (whatsNew.length > 0 ? whatsNew : lead).filter((s) => !restatesRelease(s, version) && !(about && about.test(s)));
    return fittedLead(prose, '', '', room) || (pointsText ? `${opening}${pointsText}.` : '');
  };
  return { values, summary };
}
