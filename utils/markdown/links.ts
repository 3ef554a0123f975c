/**
 * Which link targets a published issue may carry: web, xmpp: and mailto: addresses, pages of
 * the newsletter's own site ("/extensions/xep-0384.html") and places in the page ("#help").
 * Anything else (javascript:, data:, vbscript:, file:, "//other.host", relative paths) is
 * refused, however it is spelled.
 */

const ALLOWED_SCHEMES = new Set(['http', 'https', 'xmpp', 'mailto']);

/**
 * The target as a browser follows it. The parser has already decoded entities and backslash
 * escapes; the URL parser then drops tabs and newlines anywhere ("java\tscript:" runs) and
 * C0 controls and spaces at either end.
 */
function asFollowed(url: string): string {
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/**
 * What is wrong with a link target (the parser's decoded URL), as words that complete
 * "Removed …", or null when a reader may follow it.
 */
export function linkTargetProblem(url: string): string | null {
  const target = asFollowed(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme !== undefined) return ALLOWED_SCHEMES.has(scheme) ? null : `a ${scheme}: link`;
  if (target === '') return 'a link without a target';
  if (target.startsWith('#')) return null;
  // "//host" and "/\host" lead to another site.
  if (target.startsWith('/') && target[1] !== '/' && target[1] !== '\\') return null;
  return `a link to "${clip(target)}" (only web, xmpp:, mailto: and the site's own /… links are kept)`;
}

/** At most `max` characters of `text`, for messages. */
export function clip(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
