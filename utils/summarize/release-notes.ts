/**
 * Reading release notes the way a newsletter editor does: find the sentence where the project
 * says what the release brings, or else the notes' main points as noun phrases ("support for
 * X", "a fix for Y"), leaving out imperative fragments ("Show the moderator's reason") that do
 * not read as part of a sentence.
 */
import type { NewsletterPreset } from '../presets/types';
import { addsToTitle } from './lead';
import { inlineText, isBoilerplate, splitSentences, topListItems } from './sentences';

export interface ReleasePoint {
  /** A noun phrase that continues "…has been released, bringing ___". */
  phrase: string;
  /** A bug fix ("a fix for …"): these are grouped after the features. */
  fix: boolean;
  /** Listed under a "New"/"Features"/"Changes" heading, so surely about this release. */
  primary?: boolean;
}

interface NotesSection {
  heading: string;
  body: string;
}

/** Markdown split at its ATX headings (outside code fences); text before the first heading has heading ''. */
export function sectionsOf(markdown: string): NotesSection[] {
  const out: NotesSection[] = [{ heading: '', body: '' }];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0]) fence = null;
    } else if (marker) {
      fence = marker;
    } else {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) {
        out.push({ heading: inlineText(heading[1] ?? ''), body: '' });
        continue;
      }
    }
    out[out.length - 1]!.body += `${line}\n`;
  }
  return out.filter((s) => s.body.trim() !== '' || s.heading !== '');
}

/** Headings under which notes say what is new; bug-fix headings rank after them. */
const NEWS_HEADING = /\b(what[’']?s new|new|news|features?|highlights?|added|improvements?|changes|changelog|release notes|neu|neuerungen|nouveautés)\b/i;
const FIX_HEADING = /\b(fix(es|ed)?|bug ?fix(es)?|bugs)\b/i;

/** Changelog verbs turned into what a release brings: "Fix crash" → "a fix for crash". */
const CHANGELOG_VERBS: [RegExp, string, boolean][] = [
  [/^(added|adds|add|new):?\s+(support\s+for\s+)?/i, '$2', false],
  [/^(fixed|fixes|fix):?\s+(a\s+|the\s+)?/i, 'a fix for $2', true],
  [/^(improved|improves|improve)\s+/i, 'improved ', false],
  [/^(updated|updates|update)\s+/i, 'updated ', false],
  [/^(removed|removes|remove)\s+/i, 'the removal of ', false],
  [/^(implemented|implements|implement)\s+/i, '', false],
  [/^(introduced|introduces|introduce)\s+/i, '', false],
];

/** Verbs that start an imperative changelog line: such a line cannot follow "bringing". */
const IMPERATIVE = new Set(
  ('allow show hide use make let rejoin display enable disable move rename replace switch set send open close keep prevent avoid ' +
    'ensure handle refactor bump drop change store request render reduce increase speed translate port migrate clean convert ' +
    'sort check try do don’t don\'t respect honor honour ask warn correct restore reset save load include create delete build ' +
    'install run start stop retry reconnect invite join leave accept reject respond reply ignore skip limit raise lower ' +
    'require cache fetch query notify mark read write print log sync upload download scroll resize focus select unify ' +
    'simplify clarify document explain rework rewrite redesign revert restrict expose')
    .split(' '),
);

/** Words that stay capitalized at the start of a phrase (and project names from the preset). */
const PROPER = /^(OMEMO|XMPP|XEP|iOS|Android|Windows|Linux|macOS|Flatpak|Debian|Ubuntu|GTK|Qt|KDE|GNOME|TLS|SASL|OpenPGP|MUC|HTTP|API|UI|QR|[A-Z]{2,}\S*)$/;

function lowerFirstWord(text: string, preset: NewsletterPreset): string {
  const word = /^\S+/.exec(text)?.[0] ?? '';
  const bare = word.replace(/[^\p{L}\p{N}+.-]+$/u, '');
  if (!/^\p{Lu}[\p{Ll}'’-]*$/u.test(bare) || PROPER.test(bare)) return text;
  if (preset.knownProjects.some((p) => p.name.toLowerCase() === bare.toLowerCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One release-note line as a point, or null when it reads as an instruction, not a thing. */
export function releasePoint(item: string, preset: NewsletterPreset, underFixHeading = false): ReleasePoint | null {
  const sentence = (splitSentences(item)[0] ?? item)
    .replace(/\s*\((#|!|GH-)\d+\)|\s+\((closes|fixes) #\d+\)|\s+#\d+$/gi, '')
    .replace(/[\s.;:!]+$/u, '')
    .trim();
  // "Group chats: Rejoin …", "MUC: Fix …": the phrase after the scope is the point; an acronym
  // scope (MUC, OMEMO) still says where, and follows in parentheses.
  const scoped = /^([\p{L}\p{N}_./-]+(?: [\p{L}\p{N}_./-]+)?):\s+(\S.*)$/u.exec(sentence);
  const scope = scoped?.[1] && /^[A-Z][A-Z0-9+-]{1,9}$/.test(scoped[1]) ? scoped[1] : null;
  let phrase = (scoped?.[2] ?? sentence).trim();
  if (phrase.length < 3 || phrase.split(/\s+/).length > 25 || isBoilerplate(phrase)) return null;
  let fix = underFixHeading;
  let converted = false;
  for (const [verb, replacement, isFix] of CHANGELOG_VERBS) {
    if (verb.test(phrase)) {
      phrase = phrase.replace(verb, replacement);
      fix = fix || isFix;
      converted = true;
      break;
    }
  }
  const first = (/^\S+/.exec(phrase)?.[0] ?? '').toLowerCase().replace(/[^\p{L}'’]+$/u, '');
  if (!converted && IMPERATIVE.has(first)) return null;
  phrase = lowerFirstWord(phrase.trim(), preset);
  if (!phrase) return null;
  return { phrase: scope ? `${phrase} (${scope})` : phrase, fix };
}

/**
 * The notes' main points, new things first: list items under "What's new"/"Features"-like
 * headings, then under other headings, then under "Bug fixes".
 */
export function releasePoints(markdown: string, preset: NewsletterPreset): ReleasePoint[] {
  const sections = sectionsOf(markdown);
  const rank = (s: NotesSection): number => (NEWS_HEADING.test(s.heading) && !FIX_HEADING.test(s.heading) ? 0 : FIX_HEADING.test(s.heading) ? 2 : 1);
  const ordered = [...sections].sort((a, b) => rank(a) - rank(b));
  const points: ReleasePoint[] = [];
  for (const section of ordered) {
    const items = topListItems(section.body);
    for (const item of items) {
      const point = releasePoint(item, preset, rank(section) === 2);
      if (point) points.push(rank(section) === 0 ? { ...point, primary: true } : point);
    }
  }
  return points;
}

/** Paragraph text under a "What's new" heading (F-Droid, app stores, blog posts), as sentences. */
export function whatsNewSentences(markdown: string): string[] {
  const section = sectionsOf(markdown).find((s) => /\bwhat[’']?s new\b|\bneuerungen\b|\bnouveautés\b/i.test(s.heading));
  if (!section || topListItems(section.body).length > 0) return [];
  return splitSentences(inlineText(section.body.replace(/\n{2,}/g, ' ')));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Verbs after which "Project 1.2" says nothing yet: "Gajim 1.8.2 is out", "… has been released". */
const EMPTY_PREDICATE = /^(is|has been|have been|was|got)?\s*(now\s+|finally\s+)?(out|here|released|available|live|ready)\b/i;

/** Predicates that say what a release brings ("This version requires Android 5" does not). */
const BRINGS =
  /^(?:(?:also|finally|mainly|now)\s+)?(?:comes?\s+with|brings?|adds?|includes?|introduces?|features?|fixes|improves?|contains?|ships?|offers?|provides?|delivers?|focuses|makes|supports?|enables?|lets|allows|has|is\s+(?:a|an|the)\s)/i;

export interface ReleasePredicate {
  /** "comes with better support for gateways." */
  rest: string;
  /** The sentences after it, which may continue the thought ("It adds …"). */
  following: string[];
}

/**
 * The rest of an authored sentence whose subject is this release — "Gajim 1.8.2 comes with
 * better support for gateways." or "This release brings …" — so the entry can read
 * "[Gajim 1.8.2](url) comes with better support for gateways." Null when no sentence starts
 * that way, or it only says "is out". The project name alone is not enough ("Gajim is a free
 * XMPP client" describes the project, not the release).
 */
export function releasePredicate(sentences: readonly string[], project: string, version: string, title: string): ReleasePredicate | null {
  const subject = new RegExp(
    `^(?:(?:the\\s+new\\s+)?${escapeRegExp(project)}\\s+(?:version\\s+)?v?${escapeRegExp(version)}|this\\s+(?:new\\s+)?(?:release|version|update))\\s+(.+)$`,
    'iu',
  );
  for (let i = 0; i < sentences.length; i++) {
    const rest = subject.exec(sentences[i]!.trim())?.[1]?.trim();
    if (!rest || EMPTY_PREDICATE.test(rest) || !BRINGS.test(rest)) continue;
    if (!addsToTitle(rest, title, 3)) continue;
    const following: string[] = [];
    for (const next of sentences.slice(i + 1, i + 3)) {
      if (!/^(it|this release|the release|also)\b/i.test(next)) break;
      following.push(next);
    }
    return { rest, following };
  }
  return null;
}
