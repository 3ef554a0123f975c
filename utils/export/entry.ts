/**
 * One stored entry (Markdown of a list item without its "- ") as the lines of one bullet.
 *
 * The entry is the editor's Markdown and is kept as written, but it must stay inside its list
 * item: no line may reach column 0 (where it could end the list, start a heading, or read as
 * a front-matter break), and nothing in it may become a heading, a rule, a Hugo shortcode or a
 * link to a javascript:/data: URL.
 */

const INDENT = '  ';

/** CommonMark ends lines at \n, \r\n and a lone \r; Hugo (goldmark) does the same. */
const LINE_BREAK = /\r\n|\r|\n/;

/** A line that, at the start of the bullet's text, would open a nested block instead of text. */
const FIRST_LINE_BLOCK = /^(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|`{3}|~{3})/;
const ORDERED_MARKER = /^(\d{1,9})([.)])(?=[ \t]|$)/;
/** An ATX heading, on any line. */
const HEADING = /^#{1,6}(?:[ \t]|$)/;
/**
 * A thematic break ("---", "* * *", "___") or a setext underline ("-", "==="): a rule, or a
 * heading made of the line above.
 */
const RULE_OR_UNDERLINE = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|-+[ \t]*|=+[ \t]*)$/;

/**
 * Hugo expands shortcodes before Markdown runs, wherever they stand (a clipped "{{< x >}}"
 * fails the site build). The newsletter puts its figures after a list, never inside a bullet,
 * so any shortcode opener in an entry is defused: "&#123;" renders as "{".
 */
function defuseShortcodes(line: string): string {
  return line.replace(/\{(?=\{[<%])/g, '&#123;');
}

/** Link targets a reader's browser may follow from the published issue. */
const SAFE_TARGET = /^(?:https?|xmpp|mailto):/;

/**
 * The target as a browser would finally see it: Markdown decodes entities and backslash
 * escapes in link destinations, and browsers drop whitespace and control characters inside a
 * scheme ("java&#9;script:" runs).
 */
function targetAsFollowed(raw: string): string {
  const codePoint = (n: number) => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '');
  return raw
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => codePoint(Number(dec)))
    .replace(/&(colon|tab|newline);/gi, (_, name: string) => ({ colon: ':', tab: '', newline: '' })[name.toLowerCase()] ?? '')
    .replace(/\\(.)/g, '$1')
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();
}

/** True when the target names a scheme other than http(s), xmpp or mailto (javascript:, data:…). */
function isUnsafeTarget(raw: string): boolean {
  const target = targetAsFollowed(raw);
  return /^[a-z][a-z0-9+.-]*:/.test(target) && !SAFE_TARGET.test(target);
}

/**
 * The entry is the editor's Markdown, links included, but a link that would run script or
 * load inline data must not reach the published page: "#" is put before its target, which makes
 * it a harmless in-page anchor without changing what the Markdown parses as (a replacement that
 * turned broken link syntax into a valid link or image would add elements). An autolink of such
 * a scheme becomes plain text. Over-approximates on purpose: anything that looks like a link
 * target is checked.
 */
function defuseUnsafeLinks(line: string): string {
  return line
    .replace(/(\]\([ \t]*<?)([^)>]*)/g, (all, open: string, target: string) =>
      isUnsafeTarget(target) ? `${open}#${target}` : all,
    )
    .replace(/^([ \t]*\[[^\]]*\]:[ \t]*<?)(\S*)/, (all, open: string, target: string) =>
      isUnsafeTarget(target) ? `${open}#${target}` : all,
    )
    // "&lt;" rather than "\\<": a backslash before it could itself be escaped.
    .replace(/<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/gi, (all, target: string) => (isUnsafeTarget(target) ? `&lt;${target}>` : all));
}

/** Backslash-escape the first character of text that would open a block. */
function escapeBlockStart(text: string, isFirstLine: boolean): string {
  if (RULE_OR_UNDERLINE.test(text) || HEADING.test(text)) return `\\${text}`;
  if (!isFirstLine) return text; // nested bullets ("  - change") are the entries' own structure
  if (FIRST_LINE_BLOCK.test(text)) return `\\${text}`;
  return text.replace(ORDERED_MARKER, '$1\\$2');
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * The bullet for `entry`: "- " + first line, then the continuation lines, each non-empty one
 * indented by at least two spaces. Blank lines at either end are dropped and runs of blank
 * lines inside collapse to one. Returns null when the entry has no text.
 */
export function entryToBullet(entry: string): string | null {
  const lines = entry.split(LINE_BREAK);
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start] ?? '')) start++;
  while (end > start && isBlank(lines[end - 1] ?? '')) end--;
  if (start === end) return null;

  // Leading spaces after "- " would make an indented code block: the first line starts flush.
  const first = (lines[start] ?? '').replace(/^[ \t]+/, '');
  const out = [`- ${escapeBlockStart(defuseUnsafeLinks(defuseShortcodes(first)), true)}`];
  for (let i = start + 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      if (out[out.length - 1] !== '') out.push('');
      continue;
    }
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const text = escapeBlockStart(defuseUnsafeLinks(defuseShortcodes(line.slice(indent.length))), false);
    const indented = indent.startsWith(INDENT) || indent.startsWith('\t') ? indent : INDENT + indent;
    out.push(indented + text);
  }
  return out.join('\n');
}
