/**
 * URL normalisation for dedupe keys: two clips of the same article must yield the same
 * canonical URL whatever campaign or share link the reader arrived through.
 */

import data from './tracking-params.json';

/** Parameters that only say how a visitor arrived, never what the page is (tracking-params.json). */
const TRACKING_PARAMS: ReadonlySet<string> = new Set(data.everywhere);
const TRACKING_PREFIXES: readonly string[] = data.prefixes;
/** Parameters that are tracking only on some hosts (elsewhere they may select content). */
const HOST_TRACKING_PARAMS: ReadonlyArray<[RegExp, ReadonlySet<string>]> = data.byHost.map((h) => [new RegExp(h.host), new Set(h.params)]);

function isTrackingParam(name: string, host: string): boolean {
  const key = name.toLowerCase();
  if (TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix)) || TRACKING_PARAMS.has(key)) return true;
  return HOST_TRACKING_PARAMS.some(([hostRe, names]) => hostRe.test(host) && names.has(key));
}

/** Resolve `href` against `base`; null when it is not a URL at all. */
export function absoluteUrl(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return null;
  }
}

/**
 * Absolute URL without fragment, default port or tracking parameters; host lower case.
 * Returns the input trimmed when it cannot be parsed, so callers always get a string.
 */
export function canonicalUrl(raw: string, base?: string): string {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return raw.trim();
  }
  url.hash = '';
  // URL already lower-cases the host and drops the scheme's default port.
  if (url.search !== '') {
    const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name, url.hostname));
    if (kept.length === 0) {
      url.search = '';
    } else if (kept.length !== [...url.searchParams].length) {
      url.search = new URLSearchParams(kept).toString();
    }
  }
  // "https://a.example/path?" keeps a bare "?" in href; it carries nothing.
  return url.href.replace(/\?$/, '');
}
