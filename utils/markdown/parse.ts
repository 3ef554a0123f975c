import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/**
 * Markdown as Hugo reads it: CommonMark with GitHub's footnotes, tables, strikethrough and task
 * lists, which goldmark, Hugo's renderer, has too. Safety is decided on this tree, never on
 * lines of text. Callers check ./bounds first: the parser recurses on deep nesting.
 *
 * GitHub's autolinked literals ("www.…", "https://…" in text) are left out on purpose: they
 * only ever make web or mailto links, but micromark's and goldmark's rules for where one starts
 * and ends differ, and a literal micromark reads over "https://a/x[![i](…)](…)" (after a ">")
 * hid an image goldmark shows. Without them every "[" and "<" is read for what it opens.
 */

const extensions = [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
const mdastExtensions = [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions, mdastExtensions });
}

/** What `visit`'s callback returns to leave a node's children out. */
export const SKIP = 'skip';

/**
 * Every node in document order, without recursion (a tree may be deep). The callback
 * returns SKIP to leave a node's children unvisited.
 */
export function visit(root: Root, visitor: (node: Nodes) => typeof SKIP | void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visitor(node) === SKIP) continue;
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
}

/** Start and end offsets of a node in the parsed text. */
export function span(node: Nodes): { start: number; end: number } {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  // Every node the parser makes has a position; one without cannot be patched safely.
  if (start === undefined || end === undefined) throw new Error(`a ${node.type} without a position`);
  return { start, end };
}

/**
 * False when `text` cannot hold a link with a written target, an image, a definition, a
 * footnote or raw HTML: all of them need a "[" or a "<" (entities never form syntax, and
 * autolinked "www."/"https://"/e-mail literals are web or mailto links). Such text needs no
 * parse to be judged, so escaped plain text of any length is cheap. A backslash does not
 * count as protection: an autolinked literal may take it (micromark links "x:y" in
 * "www.a.org\\<x:y>").
 */
export function mayHoldLinksOrHtml(text: string): boolean {
  return text.includes('[') || text.includes('<');
}

/** A character in a text node's source, and whether a backslash escapes it. */
export interface SourceMark {
  offset: number;
  escaped: boolean;
}

function isEscaped(text: string, offset: number, start: number): boolean {
  let backslashes = 0;
  for (let j = offset - 1; j >= start && text[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Each "<" in `text` between `start` and `end` (a text node's source) that opens something an
 * HTML-aware renderer may take as a tag, comment or declaration ("<img", "</a", "<!", "<?").
 * The parser reads some of these as text (micromark does not take `<img src=https://…>`, with
 * "/" in an unquoted value, as HTML; goldmark does). Escaped ones are listed too: an autolinked
 * literal before a backslash can take it ("www.a.org\\<img …>").
 */
export function tagLikeOffsets(text: string, start: number, end: number): SourceMark[] {
  const marks: SourceMark[] = [];
  for (let i = text.indexOf('<', start); i !== -1 && i < end; i = text.indexOf('<', i + 1)) {
    if (/[A-Za-z/!?]/.test(text[i + 1] ?? '')) marks.push({ offset: i, escaped: isEscaped(text, i, start) });
  }
  return marks;
}

/**
 * True when the code span opening at `start` is glued to a web address before it ("https://a/`x
 * [y](…) `"): goldmark's autolinked literal runs on to the next space and takes the backtick,
 * so what the span held is read as Markdown there. Such a span is no protection.
 */
export function codeSpanGluedToAddress(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && !/[\s<]/.test(text[i]!)) i--;
  return /www\.|:\/\/|@|mailto:|xmpp:/i.test(text.slice(i + 1, start));
}

/** "[label]:" (the label may hold escapes and line breaks): how a definition or footnote starts. */
const DEFINITION_START = /^\[(?:[^\]\\]|\\[^]){0,999}\]:/;

/**
 * Offsets in a paragraph's source (`start`–`end`) where a line begins with "[label]:". The
 * parser found no definition there, but goldmark accepts some destinations it does not
 * (`[a]: javascript&colon;x(` with an unbalanced parenthesis), and a definition there would
 * turn "[a]" anywhere in the issue into a link.
 */
export function definitionLikeOffsets(text: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  let lineStart = start;
  for (;;) {
    let i = lineStart;
    while (i < end && /[ \t>]/.test(text[i]!)) i++;
    if (text[i] === '[' && DEFINITION_START.test(text.slice(i, Math.min(end, i + 1100)))) offsets.push(i);
    const next = text.indexOf('\n', lineStart);
    if (next === -1 || next >= end) return offsets;
    lineStart = next + 1;
  }
}

/**
 * Each "](" in a text node's source (`start`–`end`). The parser read no link there, but
 * goldmark takes some it does not (`[y](javascript:x( "t")`, an unbalanced parenthesis before
 * a title); with the "]" as an entity no reader finds a link.
 */
export function bracketParenOffsets(text: string, start: number, end: number): SourceMark[] {
  const marks: SourceMark[] = [];
  for (let i = text.indexOf('](', start); i !== -1 && i < end - 1; i = text.indexOf('](', i + 1)) {
    marks.push({ offset: i, escaped: isEscaped(text, i, start) });
  }
  return marks;
}
