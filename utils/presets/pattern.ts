import { RE2JS } from 're2js';

/**
 * URL patterns from newsletter definitions (section hints, entry prefixes). They are written by
 * users and shared as files, so they are untrusted: JavaScript's backtracking RegExp takes
 * exponential time on patterns like `^(a+)+$`. They run on RE2 (re2js), whose matching time is
 * linear in the URL's length whatever the pattern; RE2 has no look-around or back-references,
 * which URL rules do not need, and such a pattern is refused when a definition is imported.
 */

/** Longest pattern a definition may hold (the schema enforces it; compiling repeats it). */
export const MAX_PATTERN_LENGTH = 300;
/** Only the start of a URL is matched: a URL longer than this is cut (browsers cap near 2 MB). */
export const MAX_MATCHED_URL_LENGTH = 8192;

export interface UrlPattern {
  /** True when the pattern occurs in `url`, case-insensitively (like RegExp#test with "i"). */
  test(url: string): boolean;
}

const cache = new Map<string, UrlPattern | string>();
const CACHE_LIMIT = 500;

/**
 * JavaScript spellings RE2 writes differently; a definition written for `new RegExp` keeps
 * working. `\uXXXX` becomes `\x{XXXX}` (a preceding backslash pair stays a literal backslash).
 */
function toRe2Syntax(source: string): string {
  return source.replace(/\\(\\|u([0-9a-fA-F]{4}))/g, (all, _escaped: string, hex: string | undefined) => (hex ? `\\x{${hex}}` : all));
}

function compile(source: string): UrlPattern | string {
  if (source.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'i');
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    const re = RE2JS.compile(toRe2Syntax(source), RE2JS.CASE_INSENSITIVE);
    return { test: (url) => re.matcher(url.slice(0, MAX_MATCHED_URL_LENGTH)).find() };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `uses regular-expression syntax that Newsdesk does not run, so that matching stays fast (${detail}): look-around such as (?= or (?<!, back-references such as \\1, or a repeat count over 1000`;
  }
}

function compiled(source: string): UrlPattern | string {
  let result = cache.get(source);
  if (result === undefined) {
    result = compile(source);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(source, result);
  }
  return result;
}

/** Why `source` cannot be used as a URL pattern, in plain words, or null when it can. */
export function patternProblem(source: string): string | null {
  const result = compiled(source);
  return typeof result === 'string' ? result : null;
}

/** The compiled pattern, or null when it cannot run (a stored definition predating the check). */
export function urlPattern(source: string): UrlPattern | null {
  const result = compiled(source);
  return typeof result === 'string' ? null : result;
}

/** True when `source` compiles and occurs in `url`; a pattern that cannot run matches nothing. */
export function urlMatches(source: string, url: string): boolean {
  return urlPattern(source)?.test(url) ?? false;
}
