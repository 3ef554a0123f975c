/**
 * Project and version from a release announcement's title: "Gajim 1.8.2 released", "Release of
 * Prosody 0.12.4", "ejabberd 23.10" — never a year or an ordinary headline. The words that
 * decide are data (words.json).
 */
import type { ReleaseInfo } from './fields';
import words from './words.json';

/** A dotted version with an optional pre-release/build suffix: 1.8.2, 23.10, 2.12.8-3, 1.0.0-rc1. */
const DOTTED = String.raw`v?\d+(?:\.\d+)+(?:[-+~][0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?`;
/** Also a bare number, accepted only next to a word like "released". */
const ANY_VERSION = String.raw`(?:${DOTTED}|v?\d+(?:[-+~][0-9A-Za-z]+)?)`;
/** A project name: one to four words that start with a letter (Psi+, Dino, "Movim", "Monocles Chat"). */
const PROJECT = String.raw`([\p{L}][\p{L}\p{N}+._'-]*(?:\s+[\p{L}][\p{L}\p{N}+._'-]*){0,3})`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Phrases as one alternation, longest first, spaces matching any whitespace. */
function alternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/\s+/g, String.raw`\s+`))
    .join('|');
}

/** Words that show a title is a sentence about something, not "<Project> <version>". */
const NOT_A_PROJECT = new RegExp(String.raw`\b(?:${alternation(words.notAProject)})\b`, 'i');
/** A version that is really a date or a year: 2024.01.15, 2023-10-05, 2024. */
const DATE_LIKE = /^(\d{4}[.-]\d{1,2}([.-]\d{1,2})?|(19|20)\d\d)$/;

const TITLE_PATTERNS: RegExp[] = [
  // "Gajim 1.8.2 released", "Monal 6.0 has been released", "Dino 0.4 release", "Psi+ 1.5 is out"
  new RegExp(
    String.raw`^${PROJECT}\s+(?:version\s+)?(${ANY_VERSION})\s*(?:has\s+been\s+|is\s+(?:now\s+)?)?(?:${alternation(words.announced)})\b`,
    'iu',
  ),
  // "Release of Prosody 0.12.4", "Releasing Kaidan 0.9", "Announcing Movim 0.22", "New release: Gajim 1.8"
  new RegExp(String.raw`^(?:${alternation(words.leadIn)})\s+${PROJECT}\s+(?:version\s+)?(${ANY_VERSION})\b`, 'iu'),
  // "Prosody version 0.12.4", "Kaidan 0.9 changelog"
  new RegExp(String.raw`^${PROJECT}\s+version\s+(${ANY_VERSION})\b`, 'iu'),
  new RegExp(String.raw`^${PROJECT}\s+(${ANY_VERSION})\s+(?:${alternation(words.notesWords)})\b`, 'iu'),
  // Bare "ejabberd 23.10" (optionally ": subtitle" or ", codename …"): only with a dotted version.
  new RegExp(String.raw`^${PROJECT}\s+(${DOTTED})(?:\s*(?:$|[:,–—|·-]\s))`, 'u'),
];

export function stripV(version: string): string {
  return version.replace(/^v(?=\d)/i, '');
}

/** Project and version as a title states them, or null. */
export function releaseFromTitle(title: string): ReleaseInfo | null {
  const text = title.replace(/\s+/g, ' ').trim();
  for (const pattern of TITLE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const project = match[1]!.trim();
    const version = stripV(match[2]!);
    if (NOT_A_PROJECT.test(project) || DATE_LIKE.test(version)) continue;
    return { project, version };
  }
  return null;
}

/** "v1.8.2" → "1.8.2"; "gajim-1.8.2", "release-0.12.4", "Build_6.0" → the version inside. */
export function versionFromTag(tag: string, repo: string): string | null {
  const withoutRepo = tag.toLowerCase().startsWith(repo.toLowerCase()) ? tag.slice(repo.length) : tag;
  const match = /\d+(?:[._]\d+)*(?:[-+~][0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?/.exec(withoutRepo);
  return match ? match[0].replace(/_/g, '.') : null;
}

/** The repo name as the title spells it ("Gajim" for gajim/gajim), preferring a capitalised spelling. */
export function niceProjectName(repo: string, title: string): string {
  const escaped = escapeRegExp(repo);
  const spellings = [...title.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'))].map((m) => m[0]);
  return spellings.find((s) => s !== s.toLowerCase()) ?? spellings[0] ?? repo;
}

/**
 * A release named in an address's last segment ("/post/00008-monal-6.0-released/"), for a link
 * whose text says nothing ("this blog post").
 */
export function releaseFromSlug(url: string): ReleaseInfo | null {
  let segment: string;
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
  } catch {
    return null;
  }
  const words = segment
    .replace(/\.(?:html?|php)$/i, '')
    .replace(/^[\d-]+(?=[a-z])/i, '')
    .replace(/[-_](?=\d)/g, ' ')
    .replace(/(?<=\d)[-_](?=[a-z])/gi, ' ')
    .replace(/(?<=[a-z])[-_](?=[a-z])/gi, ' ');
  return releaseFromTitle(words);
}
