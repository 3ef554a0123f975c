/**
 * Is this page a software release, and of what? Forge release/tag URLs say so outright;
 * otherwise only a title that reads like an announcement ("Gajim 1.8.2 released",
 * "Release of Prosody 0.12.4", "ejabberd 23.10") counts — never a year or an ordinary headline.
 */
import type { ReleaseInfo } from '../model/capture';

/** A dotted version with an optional pre-release/build suffix: 1.8.2, 23.10, 2.12.8-3, 1.0.0-rc1. */
const DOTTED = String.raw`v?\d+(?:\.\d+)+(?:[-+~][0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?`;
/** Also a bare number, accepted only next to a word like "released". */
const ANY_VERSION = String.raw`(?:${DOTTED}|v?\d+(?:[-+~][0-9A-Za-z]+)?)`;
/** A project name: one to four words that start with a letter (Psi+, Dino, "Movim", "Monocles Chat"). */
const PROJECT = String.raw`([\p{L}][\p{L}\p{N}+._'-]*(?:\s+[\p{L}][\p{L}\p{N}+._'-]*){0,3})`;

/** Words that show a title is a sentence about something, not "<Project> <version>". */
const NOT_A_PROJECT = /\b(release[sd]?|releasing|announcing|version|top|tips?|best|how|why|what|when|guide|review|for|in|on|of|the|with|to|vs|and|since|after|before|until|from|about|using|my|our|your|new)\b/i;
/** A version that is really a date or a year: 2024.01.15, 2023-10-05, 2024. */
const DATE_LIKE = /^(\d{4}[.-]\d{1,2}([.-]\d{1,2})?|(19|20)\d\d)$/;

const TITLE_PATTERNS: RegExp[] = [
  // "Gajim 1.8.2 released", "Monal 6.0 has been released", "Dino 0.4 release", "Psi+ 1.5 is out"
  new RegExp(String.raw`^${PROJECT}\s+(?:version\s+)?(${ANY_VERSION})\s*(?:has\s+been\s+|is\s+(?:now\s+)?)?(?:released|release|out|available)\b`, 'iu'),
  // "Release of Prosody 0.12.4", "Releasing Kaidan 0.9", "Announcing Movim 0.22", "New release: Gajim 1.8"
  new RegExp(String.raw`^(?:release\s+of|releasing|announcing|new\s+release:?|released:?|release)\s+${PROJECT}\s+(?:version\s+)?(${ANY_VERSION})\b`, 'iu'),
  // "Prosody version 0.12.4", "Kaidan 0.9 changelog"
  new RegExp(String.raw`^${PROJECT}\s+version\s+(${ANY_VERSION})\b`, 'iu'),
  new RegExp(String.raw`^${PROJECT}\s+(${ANY_VERSION})\s+(?:changelog|release\s+notes)\b`, 'iu'),
  // Bare "ejabberd 23.10" (optionally ": subtitle"): only with a dotted version.
  new RegExp(String.raw`^${PROJECT}\s+(${DOTTED})(?:\s*(?:$|[:–—|·-]\s))`, 'u'),
];

function stripV(version: string): string {
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

interface ForgeRelease {
  repo: string;
  tag: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** GitHub, Codeberg/Forgejo/Gitea and GitLab release or tag pages. */
function forgeRelease(url: URL): ForgeRelease | null {
  const path = url.pathname;
  const gitlab = /^\/(?:[^/]+\/)*?([^/]+)\/-\/(?:releases|tags)\/([^/]+)\/?$/.exec(path);
  if (gitlab) return { repo: decode(gitlab[1]!), tag: decode(gitlab[2]!) };
  const hub = /^\/[^/]+\/([^/]+)\/(?:releases\/tag|src\/tag)\/(.+?)\/?$/.exec(path);
  if (hub) return { repo: decode(hub[1]!), tag: decode(hub[2]!) };
  return null;
}

/** True for a release or tag page on GitHub, GitLab or Codeberg/Forgejo/Gitea. */
export function isForgeReleaseUrl(url: string): boolean {
  try {
    return forgeRelease(new URL(url)) !== null;
  } catch {
    return false;
  }
}

/** "v1.8.2" → "1.8.2"; "gajim-1.8.2", "release-0.12.4", "Build_6.0" → the version inside. */
export function versionFromTag(tag: string, repo: string): string | null {
  const withoutRepo = tag.toLowerCase().startsWith(repo.toLowerCase()) ? tag.slice(repo.length) : tag;
  const match = /\d+(?:[._]\d+)*(?:[-+~][0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?/.exec(withoutRepo);
  return match ? match[0].replace(/_/g, '.') : null;
}

/** The repo name as the title spells it ("Gajim" for gajim/gajim), preferring a capitalised spelling. */
function niceProjectName(repo: string, title: string): string {
  const escaped = repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const spellings = [...title.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'))].map((m) => m[0]);
  return spellings.find((s) => s !== s.toLowerCase()) ?? spellings[0] ?? repo;
}

function fdroidPackage(url: URL): string | null {
  if (!/(^|\.)f-droid\.org$/.test(url.hostname)) return null;
  return /^\/(?:[a-z]{2}(?:[-_][A-Za-z]{2,4})?\/)?packages\/([\w.]+)\/?$/.exec(url.pathname)?.[1] ?? null;
}

/**
 * @param pageVersion a version read off the page body (F-Droid's "Version 2.12.8"), if any.
 */
export function detectRelease(
  url: string,
  title: string,
  siteName: string | null,
  pageVersion: string | null = null,
): ReleaseInfo | null {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  const fromTitle = releaseFromTitle(title);

  const forge = parsed ? forgeRelease(parsed) : null;
  if (forge) {
    const version = versionFromTag(forge.tag, forge.repo);
    if (!version) return null;
    if (fromTitle && fromTitle.version === version) return fromTitle;
    return { project: niceProjectName(forge.repo, title), version };
  }

  const fdroid = parsed ? fdroidPackage(parsed) : null;
  if (fdroid) {
    const version = pageVersion ? stripV(pageVersion.trim()) : null;
    if (!version || !/\d/.test(version)) return null;
    // F-Droid titles read "Conversations | F-Droid - Free and Open Source Android App Repository".
    const project = title.split(/\s+[|–—-]\s+/)[0]?.trim() || fdroid;
    return { project: project === siteName ? fdroid : project, version };
  }

  return fromTitle;
}
