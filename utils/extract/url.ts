/**
 * URL normalisation for dedupe keys: two clips of the same article must yield the same
 * canonical URL whatever campaign or share link the reader arrived through.
 */

/** Parameters that only say how a visitor arrived, never what the page is. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'igshid', 'ref', 'ref_src', 'ref_url', 'oly_enc_id',
  'oly_anon_id', 'vero_id', 'spm', '_ga', '_gl', 'mkt_tok',
]);

/** Parameters that are tracking only on some hosts (elsewhere they may select content). */
const HOST_TRACKING_PARAMS: ReadonlyArray<[RegExp, ReadonlySet<string>]> = [
  [/(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com)$/, new Set(['si', 'feature', 'pp', 'ab_channel'])],
  [/(^|\.)(twitter\.com|x\.com)$/, new Set(['s', 't', 'src'])],
  // Medium appends ?source=rss…/post_page…; Substack ?r=<referrer> and redirect markers.
  [/(^|\.)medium\.com$/, new Set(['source', 'sk'])],
  [/(^|\.)substack\.com$/, new Set(['r', 'triedredirect', 'showwelcome', 'publication_id', 'post_id', 'isfreemail'])],
];

function isTrackingParam(name: string, host: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) return true;
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
