import type { Definition, Nodes } from 'mdast';
import { boundsProblem } from './bounds';
import { escapeInline } from './escape';
import { isUnderMediaPath } from './figure';
import { clip, linkTargetProblem } from './links';
import { bracketParenOffsets, codeSpanGluedToAddress, definitionLikeOffsets, mayHoldLinksOrHtml, parseMarkdown, SKIP, span, tagLikeOffsets, visit, type SourceMark } from './parse';
import { defuseShortcodes } from './shortcodes';

/**
 * The editor's Markdown made safe to publish, decided on the parsed Markdown (CommonMark +
 * GFM, as Hugo's goldmark reads it). The text is patched at the parsed nodes' positions, never
 * re-serialised, so what the editor wrote stays as written where it is safe:
 * - a link keeps its target only when it is http(s), xmpp, mailto, or the site's own
 *   ("/…", "#…"); otherwise it loses the link and keeps its text;
 * - a reference link becomes an inline link to the entry's own definition, and every
 *   definition (and footnote) is taken out, so nothing one entry defines reaches another;
 * - an image is dropped (its description stays as text): pictures are figures, from data;
 * - raw HTML is shown as text; Hugo shortcodes not allowed are defused.
 * Each change yields a notice in plain words. Text outside the parser's bounds (./bounds) is
 * shown as fully escaped plain text instead, with a notice.
 */

export interface SanitizeOptions {
  /** The newsletter's media path ("/images/newsletter/"): named in the notice for an image from it. */
  mediaPath?: string;
  /** Shortcode names left working (the preset's own, e.g. "newsletter-subscribe"); none in entries. */
  allowedShortcodes?: readonly string[];
  /** Longest text parsed; longer text is shown as plain text. */
  maxChars?: number;
  /** Deepest nesting of quotes and lists parsed. */
  maxNesting?: number;
  /**
   * Text that must not add headings or rules to the page (an entry, inside its bullet): a
   * heading or thematic break anywhere, in a quote or nested list too, is shown as text.
   */
  noHeadings?: boolean;
}

export interface Sanitized {
  markdown: string;
  /** What was changed and why, one sentence each. */
  notices: string[];
  /** True when the text was shown as escaped plain text instead of being parsed. */
  plain: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Rounds of patch-and-reparse before giving up (removing a link can form a new one). */
const MAX_PASSES = 4;

/** An entry: no shortcode is allowed. */
export function sanitizeEntry(markdown: string, options: Pick<SanitizeOptions, 'mediaPath'> = {}): Sanitized {
  return sanitizeMarkdown(markdown, { ...options, allowedShortcodes: [], noHeadings: true });
}

export function sanitizeMarkdown(markdown: string, options: SanitizeOptions = {}): Sanitized {
  const tooBig = boundsProblem(markdown, options.maxChars, options.maxNesting);
  if (tooBig) return asPlain(markdown, `Newsdesk shows this text as plain text, without links or formatting: ${tooBig}.`);
  try {
    return patchUntilSafe(markdown, options);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return asPlain(markdown, `Newsdesk shows this text as plain text, without links or formatting: its Markdown could not be checked (${why}).`);
  }
}

function patchUntilSafe(markdown: string, options: SanitizeOptions): Sanitized {
  const notices: string[] = [];
  let text = markdown;
  for (let pass = 0; ; pass++) {
    const edits = collectEdits(text, options, notices);
    if (edits.length === 0) break;
    if (pass === MAX_PASSES) throw new Error('removing unsafe parts kept forming new ones');
    text = applyEdits(text, edits);
    // Patches can lengthen the text (entities, resolved references): keep the parser in bounds.
    const tooBig = boundsProblem(text, Math.max(options.maxChars ?? 0, markdown.length) * 2, options.maxNesting);
    if (tooBig) throw new Error(tooBig);
  }
  const allowed = new Set(options.allowedShortcodes ?? []);
  const { text: defused, defused: shortcodes } = defuseShortcodes(text, allowed);
  for (const use of shortcodes) notices.push(`Defused the Hugo shortcode ${clip(use.text, 60)}; it shows as text.`);
  // An entity never forms Markdown syntax, but the result is checked like everything else.
  if (defused !== text && !isSafeMarkdown(defused, options)) throw new Error('defusing a shortcode changed the Markdown');
  return { markdown: defused, notices, plain: false };
}

/**
 * True when `text` parses with nothing to remove and no shortcode outside the allowed ones:
 * the check a caller runs after changing sanitized text. Throws outside the parser's bounds.
 */
export function isSafeMarkdown(text: string, options: Pick<SanitizeOptions, 'allowedShortcodes' | 'mediaPath' | 'noHeadings'> = {}): boolean {
  const allowed = new Set(options.allowedShortcodes ?? []);
  if (defuseShortcodes(text, allowed).defused.length > 0) return false;
  return collectEdits(text, options, []).length === 0;
}

/** The patches one parse of `text` calls for, in order and not overlapping. */
function collectEdits(text: string, options: SanitizeOptions, notices: string[]): Edit[] {
  // Nothing to parse for: no "[" or "<", and (where headings matter) no heading or rule marker.
  if (!mayHoldLinksOrHtml(text) && !(options.noHeadings && /[#=*_-]/.test(text))) return [];
  const tree = parseMarkdown(text);
  const definitions = new Map<string, Definition>();
  visit(tree, (node) => {
    // The first definition of a label wins, as in CommonMark.
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });

  const edits: Edit[] = [];
  const note = (message: string) => notices.push(message);
  // Where the paragraph being visited starts: a "](" matters only after a "[" in it.
  let paragraphStart = 0;
  visit(tree, (node) => {
    switch (node.type) {
      case 'link': {
        const problem = linkTargetProblem(node.url);
        if (!problem) return;
        note(`Removed ${problem}; kept its text.`);
        const { start, end } = span(node);
        if (text[start] === '<') {
          // An autolink: "&lt;" shows the "<" and ends the link.
          edits.push({ start, end: start + 1, text: '&lt;' });
          return SKIP;
        }
        if (text[start] !== '[') {
          // An autolinked literal (www., https://, e-mail): only ever web or mailto links.
          edits.push({ start, end, text: escapeInline(text.slice(start, end)) });
          return SKIP;
        }
        unwrapLabel(node, start, end, edits);
        return;
      }
      case 'linkReference': {
        const { start, end } = span(node);
        const definition = definitions.get(node.identifier);
        const problem = definition ? linkTargetProblem(definition.url) : 'a link whose definition is missing';
        if (problem || !definition) {
          note(`Removed ${problem}; kept its text.`);
          unwrapLabel(node, start, end, edits);
          return;
        }
        // "[label][ref]" → "[label](url)": the definition itself goes (below).
        const labelEnd = node.children.length > 0 ? span(node.children[node.children.length - 1]!).end : start + 1;
        edits.push({ start: labelEnd, end, text: `](${destination(definition.url)}${linkTitle(definition.title)})` });
        return;
      }
      case 'definition': {
        const { start, end } = span(node);
        note(`Removed the link definition [${clip(node.label ?? node.identifier, 40)}]: ${clip(node.url, 60)} — a definition would apply to the whole issue; links to it in this text now carry the address themselves.`);
        edits.push({ start, end, text: '' });
        return SKIP;
      }
      case 'image':
      case 'imageReference': {
        const { start, end } = span(node);
        const url = node.type === 'image' ? node.url : (definitions.get(node.identifier)?.url ?? '');
        const alt = node.alt ?? '';
        const fromMedia = options.mediaPath && isUnderMediaPath(url, options.mediaPath);
        note(
          `Removed an image (${clip(url, 80) || 'no address'})${alt ? `; its description "${clip(alt, 60)}" stays as text` : ''}.` +
            (fromMedia ? ' Add it as the item’s figure to show it.' : ''),
        );
        edits.push({ start, end, text: escapeInline(alt) });
        return SKIP;
      }
      case 'footnoteDefinition':
      case 'footnoteReference': {
        const { start } = span(node);
        if (node.type === 'footnoteDefinition') note(`Footnote [^${clip(node.label ?? node.identifier, 40)}] shows as plain text: footnotes would number across the whole issue.`);
        // "&#91;^1]" is text; the footnote's own content stays where it is.
        edits.push({ start, end: start + 1, text: '&#91;' });
        return;
      }
      case 'html': {
        const { start, end } = span(node);
        note(`Raw HTML shows as text: ${clip(node.value, 60)}`);
        edits.push({ start, end, text: text.slice(start, end).replace(/</g, '&lt;') });
        return SKIP;
      }
      case 'heading':
      case 'thematicBreak': {
        if (!options.noHeadings) return;
        const { start, end } = span(node);
        const source = text.slice(start, end);
        // An ATX heading or a rule starts at its marker; a setext heading's marker is its underline.
        let at = start;
        if (node.type === 'heading' && !source.startsWith('#')) {
          at = start + source.lastIndexOf('\n') + 1;
          while (at < end && /[ \t>]/.test(text[at]!)) at++;
        }
        note(`${node.type === 'heading' ? 'A heading' : 'A horizontal rule'} inside the entry shows as text: ${clip(source, 60)}`);
        edits.push({ start: at, end: at, text: '\\' });
        return;
      }
      case 'paragraph': {
        const { start, end } = span(node);
        paragraphStart = start;
        for (const offset of definitionLikeOffsets(text, start, end)) {
          note(`"${clip(text.slice(offset, offset + 40), 40)}" shows as text: it reads like a link definition, which would apply to the whole issue.`);
          edits.push({ start: offset, end: offset + 1, text: '&#91;' });
        }
        return;
      }
      case 'inlineCode': {
        const { start } = span(node);
        if (!/[[<]/.test(node.value) || !codeSpanGluedToAddress(text, start)) return;
        note(`A code span right after a web address shows as text: ${clip(text.slice(start, start + 60), 60)}`);
        edits.push({ start, end: start + 1, text: '&#96;' });
        return;
      }
      case 'text': {
        // Text the autolink step made (a literal URL's own text) has no position and no "<".
        if (!node.position) return;
        const { start, end } = span(node);
        // Entities, not backslashes: an autolinked literal just before may take a backslash.
        const tags = tagLikeOffsets(text, start, end);
        if (tags.length > 0) note(`Raw HTML shows as text: ${clip(text.slice(tags[0]!.offset, end), 60)}`);
        for (const mark of tags) edits.push(entity(mark, '&lt;'));
        const brackets = bracketParenOffsets(text, start, end).filter((m) => text.lastIndexOf('[', m.offset) >= paragraphStart);
        if (brackets.length > 0) {
          const at = brackets[0]!.offset;
          note(`"${clip(text.slice(Math.max(start, at - 30), at + 30), 60)}" is not a link, and is written so that no publisher reads one there.`);
        }
        for (const mark of brackets) edits.push(entity(mark, '&#93;'));
        return;
      }
      default:
        return;
    }
  });
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `replacement` for the character at `mark`, and for the backslash escaping it if any. */
function entity(mark: SourceMark, replacement: string): Edit {
  return { start: mark.escaped ? mark.offset - 1 : mark.offset, end: mark.offset + 1, text: replacement };
}

/** "[text](target)" → "text": the brackets and target go, the label's own text stays. */
function unwrapLabel(node: Nodes & { children: Nodes[] }, start: number, end: number, edits: Edit[]): void {
  if (node.children.length === 0) {
    edits.push({ start, end, text: '' });
    return;
  }
  edits.push({ start, end: span(node.children[0]!).start, text: '' });
  edits.push({ start: span(node.children[node.children.length - 1]!).end, end, text: '' });
}

/** A link destination that reads back as `url`: punctuation backslash-escaped, spaces encoded. */
function destination(url: string): string {
  if (url === '') return '<>';
  return url
    .replace(/[\\()<>&]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u0020\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function linkTitle(title: string | null | undefined): string {
  if (!title) return '';
  return ` "${title.replace(/\s+/g, ' ').replace(/[\\"&]/g, (c) => `\\${c}`)}"`;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let from = 0;
  for (const edit of edits) {
    if (edit.start < from) throw new Error('overlapping patches');
    out += text.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + text.slice(from);
}

/**
 * Text that reads as itself and nothing else, line by line (callers indent the lines). "[" and
 * "<", which every link, image, definition and tag needs, become entities (a backslash could
 * be taken by an autolinked literal before it); other characters that open inline syntax, and
 * a line's first character when it could open a block, are backslash-escaped; "{" too, so no
 * Hugo shortcode remains.
 */
export function escapePlainText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      const escaped = line
        .slice(indent.length)
        .replace(/[\\`*_\]>!|~&{]/g, (c) => `\\${c}`)
        .replace(/\[/g, '&#91;')
        .replace(/</g, '&lt;')
        .replace(/^[#+=:-]/, (c) => `\\${c}`)
        .replace(/^(\d+)([.)])/, '$1\\$2');
      return indent + escaped;
    })
    .join('\n');
}

function asPlain(markdown: string, notice: string): Sanitized {
  return { markdown: escapePlainText(markdown), notices: [notice], plain: true };
}
