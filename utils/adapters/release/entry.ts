/**
 * Release entries, following the published issues: "[Gajim 1.8.2](url) comes with …" when the
 * page says what the release brings in a sentence of its own; else "… has been released,
 * bringing a, b and c." from the notes' points; else "… has been released." followed by the
 * notes' "What's new" text or the page's lead.
 */
import { escapeInline, oneLine } from '../../markdown/escape';
import { fittedLead, pageLink, type EntryContext } from '../../summarize/compose';
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
