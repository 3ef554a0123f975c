import { nestingDepth } from './bounds';
import { isUnderMediaPath } from './figure';
import { clip, linkTargetProblem } from './links';
import type { Root } from 'mdast';
import { bracketParenOffsets, codeSpanGluedToAddress, definitionLikeOffsets, mayHoldLinksOrHtml, parseMarkdown, SKIP, tagLikeOffsets, visit } from './parse';
import { findShortcodes, shortcodeParam } from './shortcodes';

/**
 * The last check of an assembled draft, whoever wrote its parts (entries, the newsletter
 * definition's own text, the export's code): parsed as a whole, as Hugo will read it, it must
 * hold no unsafe link target, image, reference or footnote definition, raw HTML, or shortcode
 * outside the allowed ones. Front matter (YAML between "---" lines) is left aside.
 */

export type ViolationKind = 'unsafe-link' | 'image' | 'definition' | 'footnote' | 'html' | 'ambiguous' | 'shortcode' | 'unchecked';

export interface Violation {
  kind: ViolationKind;
  /** 1-based line in the text given (front matter included). */
  line: number;
  /** Plain words: what and where. */
  detail: string;
}

export interface VerifyOptions {
  /** Shortcode names the site has ("newsletter-subscribe", "figure"). */
  allowedShortcodes?: readonly string[];
  /** When given, a `figure` must show a file under it. */
  mediaPath?: string;
}

/** Deeper than this, a draft is not parsed (the parser recurses); entries nest far less. */
export const MAX_DRAFT_NESTING = 64;

const FRONT_MATTER = /^---\r?\n(?:[^]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function verifyDraft(markdown: string, options: VerifyOptions = {}): Violation[] {
  const front = FRONT_MATTER.exec(markdown)?.[0] ?? '';
  const body = markdown.slice(front.length);
  const firstLine = front ? front.split('\n').length - (front.endsWith('\n') ? 1 : 0) : 0;
  const violations: Violation[] = [];
  const add = (kind: ViolationKind, line: number, detail: string) => violations.push({ kind, line: line + firstLine, detail });

  const allowed = new Set(options.allowedShortcodes ?? []);
  for (const use of findShortcodes(body)) {
    const line = lineAt(body, use.offset);
    if (!allowed.has(use.name)) {
      add('shortcode', line, `the shortcode ${clip(use.text, 60)} is not one the site has`);
    } else if (use.name === 'figure' && options.mediaPath) {
      const src = shortcodeParam(use, 'src') ?? '';
      if (!isUnderMediaPath(src, options.mediaPath)) add('shortcode', line, `the figure "${clip(src, 80)}" is not under ${options.mediaPath}`);
    }
  }

  if (nestingDepth(body, MAX_DRAFT_NESTING) > MAX_DRAFT_NESTING) {
    add('unchecked', 1, `quotes or lists nest more than ${MAX_DRAFT_NESTING} deep, too deep to check`);
    return violations;
  }
  for (const piece of pieces(body)) {
    for (const v of piece.violations) add(v.kind, v.line + piece.firstLine - 1, v.detail);
  }
  return violations.sort((a, b) => a.line - b.line);
}

/*
 * The body is parsed in top-level pieces, each starting at a heading or a bullet at column 0
 * ("# …", "- …"): the parser slows down more than linearly on long lists, and in the Desk only
 * the piece that changed is parsed again (cached). Parsing apart reads the same as parsing
 * whole, because at such a line every construct of the previous piece has ended: a paragraph
 * is interrupted, lists, quotes and the code or HTML inside them close, a table ends. The
 * exceptions are a fenced code block left open at the top level (the piece is then extended
 * past its closing fence), an HTML block (itself a violation) and reference or footnote
 * definitions, which act across the whole document (each is itself a violation, so with none
 * reported there are none to act).
 */

interface PieceResult {
  violations: Array<{ kind: ViolationKind; line: number; detail: string }>;
  /** A top-level fenced code block still open at the end of the piece. */
  openFence: { char: string; length: number } | null;
}

const SPLIT_LINE = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S)/;
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

function isSplitLine(line: string): boolean {
  return SPLIT_LINE.test(line) && !THEMATIC_BREAK.test(line.trimEnd());
}

function* pieces(body: string): Generator<PieceResult & { firstLine: number }> {
  const lines = body.split('\n');
  let start = 0;
  let extensions = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && (extensions > 2 || !isSplitLine(lines[i]!))) continue;
    const result = checkPiece(lines.slice(start, i).join('\n'));
    if (result.openFence && i < lines.length) {
      // Hugo reads on inside the code block: take the piece on past its closing fence.
      const { char, length } = result.openFence;
      const closing = new RegExp(`^ {0,3}${char === '`' ? '`' : '~'}{${length},}[ \\t]*$`);
      let j = i;
      while (j < lines.length && !closing.test(lines[j]!)) j++;
      i = Math.min(j, lines.length - 1); // never closed: the rest is code, one piece

      extensions++;
      continue;
    }
    yield { ...result, firstLine: start + 1 };
    start = i;
    extensions = 0;
  }
}

const pieceCache = new Map<string, PieceResult>();
const PIECE_CACHE_LIMIT = 5000;
const CACHEABLE_PIECE = 50_000;

function checkPiece(text: string): PieceResult {
  const cached = pieceCache.get(text);
  if (cached) return cached;
  const result = parsePiece(text);
  if (text.length <= CACHEABLE_PIECE) {
    if (pieceCache.size >= PIECE_CACHE_LIMIT) pieceCache.delete(pieceCache.keys().next().value as string);
    pieceCache.set(text, result);
  }
  return result;
}

function parsePiece(text: string): PieceResult {
  const violations: PieceResult['violations'] = [];
  // No "[" or "<": no violation possible and no fence to track beyond (checked by the caller).
  if (!mayHoldLinksOrHtml(text) && !/^ {0,3}(?:`{3,}|~{3,})/m.test(text)) return { violations, openFence: null };
  const add = (kind: ViolationKind, line: number, detail: string) => violations.push({ kind, line, detail });
  let tree;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    add('unchecked', 1, `the Markdown could not be parsed (${error instanceof Error ? error.message : String(error)})`);
    return { violations, openFence: null };
  }
  // Where the paragraph being visited starts: a "](" matters only after a "[" in it.
  let paragraphStart = 0;
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'link': {
        const problem = linkTargetProblem(node.url);
        if (problem) add('unsafe-link', line, `${problem} (${clip(node.url, 80)})`);
        return;
      }
      case 'linkReference':
        return; // only exists with a definition, which is reported
      case 'image':
      case 'imageReference':
        add('image', line, `an image${node.type === 'image' ? ` (${clip(node.url, 80)})` : ''}`);
        return SKIP;
      case 'definition':
        add('definition', line, `the link definition [${clip(node.label ?? node.identifier, 40)}], which would apply to the whole issue`);
        return SKIP;
      case 'footnoteDefinition':
        add('footnote', line, `the footnote [^${clip(node.label ?? node.identifier, 40)}]`);
        return;
      case 'html':
        add('html', line, `raw HTML ${clip(node.value, 60)}`);
        return SKIP;
      case 'paragraph': {
        const start = node.position?.start.offset ?? 0;
        paragraphStart = start;
        if (definitionLikeOffsets(text, start, node.position?.end.offset ?? start).length > 0) {
          add('definition', line, 'a line that reads like a link definition, which Hugo may take as one');
        }
        return;
      }
      case 'inlineCode': {
        const start = node.position?.start.offset ?? 0;
        if (/[[<]/.test(node.value) && codeSpanGluedToAddress(text, start)) add('ambiguous', line, `a code span glued to a web address, which Hugo may read as Markdown (${clip(node.value, 60)})`);
        return;
      }
      case 'text': {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        // Escaped ones are text to goldmark (its autolinked literals leave a backslash alone).
        const tag = tagLikeOffsets(text, start, end).find((m) => !m.escaped);
        if (tag) add('html', line, `raw HTML ${clip(text.slice(tag.offset, tag.offset + 60), 60)}`);
        const bracket = bracketParenOffsets(text, start, end).find((m) => !m.escaped && text.lastIndexOf('[', m.offset) >= paragraphStart);
        if (bracket) add('ambiguous', line, `"](" that Hugo may read as a link (${clip(text.slice(Math.max(start, bracket.offset - 30), bracket.offset + 30), 60)})`);
        return;
      }
      default:
        return;
    }
  });
  return { violations, openFence: openFence(tree, text) };
}

/** The fence of a top-level fenced code block that reaches the end of `text` without closing. */
function openFence(tree: Root, text: string): PieceResult['openFence'] {
  const last = tree.children[tree.children.length - 1];
  if (last?.type !== 'code' || last.position === undefined) return null;
  const source = text.slice(last.position.start.offset, last.position.end.offset);
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)?.[1];
  if (!fence) return null; // indented code ends at the next unindented line
  const lines = source.split('\n');
  const closed = lines.length > 1 && new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(lines[lines.length - 1]!);
  return closed ? null : { char: fence[0]!, length: fence.length };
}
