/**
 * Clipped text is written by strangers. These helpers make it safe to put inside one line of
 * Markdown that Hugo renders: it cannot open a link, emphasis, code, raw HTML, a shortcode,
 * a heading, a list item or a front-matter break.
 */

const SAFE_SCHEMES = new Set(['http:', 'https:', 'xmpp:', 'mailto:']);

/** Collapse all whitespace (newlines included) to single spaces and trim. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u200b\u2028\u2029]+/g, ' ').trim();
}

/**
 * Hugo expands `{{< … >}}` and `{{% … %}}` before Markdown runs, so backslashes do not help:
 * break the double brace with an entity that renders as "{".
 */
function defuseShortcodes(text: string): string {
  return text.replace(/\{(?=\{)/g, '&#123;');
}

/** Escape text for use as inline Markdown (a sentence in an entry, link text). One line. */
export function escapeInline(text: string): string {
  const escaped = oneLine(text)
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    // "&" only where it would start an entity; keeps "AT&T" readable.
    .replace(/&(?=#?\w+;)/g, '&amp;');
  return defuseShortcodes(escaped)
    // A line may not start a block: heading, list, quote, thematic break, numbered list.
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A URL fit to be a Markdown link target, or null when it is not http(s)/xmpp/mailto or not
 * a URL at all. Characters that could end the target early are percent-encoded.
 */
export function safeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  return url.href.replace(/[\s()<>[\]{}"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)`, or just the escaped text when the URL is unsafe. */
export function mdLink(text: string, url: string): string {
  const label = escapeInline(text) || escapeInline(url);
  const target = safeUrl(url);
  return target ? `[${label}](${target})` : label;
}
