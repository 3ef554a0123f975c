import { boundsProblem, MAX_NESTING } from '../markdown/bounds';
import { escapePlainText, isSafeMarkdown, sanitizeMarkdown } from '../markdown/sanitize';

/**
 * One stored entry (Markdown of a list item without its "- ") as the lines of one bullet.
 *
 * The entry is the editor's Markdown and is kept as written, but it must stay inside its list
 * item: no line may reach column 0 (where it could end the list, start a heading, or read as
 * a front-matter break), and nothing in it may become a heading or a rule. What it may hold
 * (links, no images, no raw HTML, no definitions, no shortcodes) is decided on the parsed
 * bullet by ../markdown/sanitize, which says in a notice what it changed.
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

export interface EntryOptions {
  /** The preset's marker put before the entry ("[video]"), already chosen by the caller. */
  prefix?: string;
  /** The newsletter's media path, named in the notice for a dropped image from it. */
  mediaPath?: string;
}

export interface EntryBullet {
  /** The bullet's lines joined by "\n", or null when the entry has no text. */
  markdown: string | null;
  /** What was changed for safety, in plain words. */
  notices: string[];
}

/**
 * The bullet for `entry`: "- " + first line, then the continuation lines, each non-empty one
 * indented by at least two spaces. Blank lines at either end are dropped and runs of blank
 * lines inside collapse to one. Markdown that is too large or too deeply nested to parse,
 * or that cannot be made safe, becomes escaped plain text (with a notice). Never throws on
 * a string.
 */
export function entryBullet(entry: string, options: EntryOptions = {}): EntryBullet {
  const key = cacheKey(entry, options);
  const cached = key === null ? undefined : cache.get(key);
  if (cached) return cached;
  const result = buildBullet(entry, options);
  if (key !== null) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
}

/** The bullet's Markdown alone (see entryBullet). */
export function entryToBullet(entry: string, options: EntryOptions = {}): string | null {
  return entryBullet(entry, options).markdown;
}

// The Desk re-exports the draft on every edit: unchanged entries are not parsed again.
const cache = new Map<string, EntryBullet>();
const CACHE_LIMIT = 2000;
const CACHEABLE_CHARS = 20_000;

function cacheKey(entry: string, options: EntryOptions): string | null {
  if (typeof entry !== 'string' || entry.length > CACHEABLE_CHARS) return null;
  return `${options.prefix ?? ''}\u0000${options.mediaPath ?? ''}\u0000${entry}`;
}

function buildBullet(entry: string, options: EntryOptions): EntryBullet {
  const lines = trimmedLines(entry);
  if (lines.length === 0) return { markdown: null, notices: [] };
  const prefix = options.prefix?.trim() ?? '';
  const tooBig = boundsProblem(entry);
  if (tooBig) return plainBullet(entry, prefix, `Newsdesk puts this entry in the draft as plain text, without links or formatting: ${tooBig}.`);

  // The bullet is checked as Hugo will read it, inside its list item: indentation decides
  // what is code and what is a paragraph. The bullet adds one level of nesting.
  const bullet = shape(lines, prefix);
  const sanitized = sanitizeMarkdown(bullet, {
    mediaPath: options.mediaPath,
    maxChars: Number.POSITIVE_INFINITY,
    maxNesting: MAX_NESTING + 2,
    noHeadings: true,
  });
  if (sanitized.plain) return plainBullet(entry, prefix, sanitized.notices[0] ?? 'Newsdesk puts this entry in the draft as plain text.');
  // Taking a link's brackets away can put its text at the start of a line ("# x").
  const markdown = reshape(sanitized.markdown);
  if (markdown !== sanitized.markdown && !isSafeMarkdown(markdown, { mediaPath: options.mediaPath, noHeadings: true })) {
    return plainBullet(entry, prefix, 'Newsdesk puts this entry in the draft as plain text, without links or formatting: its Markdown could not be made safe.');
  }
  return { markdown, notices: sanitized.notices };
}

/** The entry's lines without blank lines at either end. */
function trimmedLines(entry: string): string[] {
  const lines = entry.split(LINE_BREAK);
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start] ?? '')) start++;
  while (end > start && isBlank(lines[end - 1] ?? '')) end--;
  return lines.slice(start, end);
}

/** Lines as one bullet: indented, blank runs collapsed, block openers escaped. */
function shape(lines: readonly string[], prefix: string): string {
  // Leading spaces after "- " would make an indented code block: the first line starts flush.
  const first = (lines[0] ?? '').replace(/^[ \t]+/, '');
  const out = [`- ${prefix ? `${prefix} ` : ''}${escapeBlockStart(first, true)}`];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      if (out[out.length - 1] !== '') out.push('');
      continue;
    }
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const text = escapeBlockStart(line.slice(indent.length), false);
    const indented = indent.startsWith(INDENT) || indent.startsWith('\t') ? indent : INDENT + indent;
    out.push(indented + text);
  }
  return out.join('\n');
}

/**
 * `shape`'s rules again, on a bullet whose lines may have changed: block openers escaped,
 * lines left empty by a removal made blank, no blank runs or trailing blank lines.
 */
function reshape(bullet: string): string {
  const out: string[] = [];
  const lines = bullet.split('\n');
  // A removal that emptied the first line: the next line moves up, or a blank line after an
  // empty "- " would end the list item and set what follows loose in the section.
  if (lines.length > 1 && isBlank(lines[0]!.slice(2))) {
    const next = lines.findIndex((line, i) => i > 0 && !isBlank(line));
    if (next > 0) lines.splice(0, next + 1, `- ${lines[next]!.replace(/^[ \t]+/, '')}`);
  }
  lines.forEach((line, i) => {
    if (i === 0) {
      out.push(`- ${escapeBlockStart(line.slice(2), true)}`);
    } else if (isBlank(line)) {
      if (out[out.length - 1] !== '') out.push('');
    } else {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      out.push(indent + escapeBlockStart(line.slice(indent.length), false));
    }
  });
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** The entry as escaped plain text in its bullet: nothing in it can be syntax. */
function plainBullet(entry: string, prefix: string, notice: string): EntryBullet {
  const text = escapePlainText(prefix ? `${prefix} ${entry.trimStart()}` : entry);
  return { markdown: shape(trimmedLines(text), ''), notices: [notice] };
}
