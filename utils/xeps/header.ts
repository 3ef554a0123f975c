import { parseXml, XmlElement, XmlError, XmlText, XmlCdata, type XmlNode } from '@rgrove/parse-xml';
import { expandEntities, internalSubset, parseEntityDeclarations, type EntityTable } from './entities';
import { repairMarkup } from './repair';

/**
 * The `<header>` of a XEP source file (xsf/xeps `xep-NNNN.xml`, or `inbox/*.xml` for a
 * ProtoXEP): what the XSF's own tools read (tools/extract-metadata.py), as data. Only the header
 * is parsed, so a broken example further down does not cost a month its entry. Text that
 * carries markup (remarks, the abstract) is kept as inline runs — text, code, links — and
 * turned into Markdown, escaped, only when an entry is written (entries.ts).
 *
 * Parser: @rgrove/parse-xml, a small (5 KB gzip), dependency-free, strict XML 1.0 parser that
 * runs anywhere JavaScript does (no DOMParser, so also in an MV3 service worker), never loads
 * external entities and reports errors with a line and column.
 */

export type Inline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'link'; text: string; url: string };
/** One line of rich text: a paragraph, a list item or a sentence. */
export type RichLine = Inline[];

export interface XepRevision {
  version: string;
  /** As written, normally YYYY-MM-DD. */
  date: string | null;
  /** As written: "jp", "XEP Editor: dg", "jsc (XEP Editor)"; null when empty. */
  initials: string | null;
  /** One line per paragraph or list item; empty when the remark is empty or missing. */
  remark: RichLine[];
}

export interface XepHeader {
  /** As written: "0461", or "xxxx" for a ProtoXEP. */
  number: string | null;
  title: string;
  abstract: RichLine;
  status: string | null;
  type: string | null;
  shortname: string | null;
  /** `<lastcall>` dates in document order (newest first in practice). */
  lastcalls: string[];
  /** Newest first, as in the file. */
  revisions: XepRevision[];
  /** Things that did not stop the reading but an editor may want to know. */
  warnings: string[];
}

export type HeaderResult = { ok: true; header: XepHeader } | { ok: false; reason: string };

const BLOCK = new Set(['p', 'ul', 'ol', 'li', 'div', 'blockquote', 'dl', 'dt', 'dd', 'section1', 'section2']);
const CODE = new Set(['tt', 'code', 'pre']);
const DROPPED = new Set(['note']);

/**
 * Read the header of a XEP source. `entities` are the declarations of xsf/xeps' `xep.ent`
 * (see parseEntityDeclarations); the file's own DOCTYPE declarations take precedence. Never
 * throws: a file that cannot be read yields `{ ok: false, reason }` in plain words.
 */
export function parseXepHeader(source: string, entities: EntityTable = new Map()): HeaderResult {
  const text = source.replace(/^\uFEFF/, '');
  const span = findHeader(text);
  if ('reason' in span) return { ok: false, reason: span.reason };
  const table = parseEntityDeclarations(internalSubset(text));
  for (const [name, value] of entities) if (!table.has(name)) table.set(name, value);

  const undefinedEntities = new Set<string>();
  const warnings: string[] = [];
  const parse = (xml: string) =>
    parseXml(xml, {
      // Left as written, so the editor sees what was not known (never an error for the month).
      resolveUndefinedEntity: (ref) => {
        undefinedEntities.add(ref);
        return ref;
      },
    });
  let doc;
  try {
    const expanded = expandEntities(text.slice(span.start, span.end), table);
    try {
      doc = parse(expanded);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      const problem = `${firstLine(error.message)} (near line ${span.line + error.line - 1})`;
      try {
        doc = parse(repairMarkup(expanded));
      } catch {
        return { ok: false, reason: `the <header> is not well-formed XML: ${problem}` };
      }
      warnings.push(`the <header> is not well-formed XML (${problem}); read after closing or dropping the stray tags`);
    }
  } catch (error) {
    return { ok: false, reason: `the <header> could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const header = doc.root;
  if (!header) return { ok: false, reason: 'the file has no <header> element' };

  if (undefinedEntities.size > 0) warnings.push(`undefined entities left as written: ${[...undefinedEntities].sort().join(' ')}`);
  const revisions: XepRevision[] = [];
  for (const el of childElements(header, 'revision')) {
    const version = plain(child(el, 'version'));
    if (!version) {
      warnings.push('a <revision> without a <version> was ignored');
      continue;
    }
    const remark = child(el, 'remark');
    revisions.push({
      version,
      date: plain(child(el, 'date')) || null,
      initials: plain(child(el, 'initials')) || null,
      remark: remark ? blockLines(remark) : [],
    });
  }
  const abstract = child(header, 'abstract');
  return {
    ok: true,
    header: {
      number: plain(child(header, 'number')) || null,
      title: plain(child(header, 'title')),
      abstract: abstract ? blockLines(abstract).flatMap((line, i) => (i === 0 ? line : [{ kind: 'text' as const, text: ' ' }, ...line])) : [],
      status: plain(child(header, 'status')) || null,
      type: plain(child(header, 'type')) || null,
      shortname: plain(child(header, 'shortname')) || null,
      lastcalls: childElements(header, 'lastcall').map((el) => plain(el)).filter((d) => d !== ''),
      revisions,
      warnings,
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\s*\(line \d+, column \d+\)\s*$/, '');
}

/** Offsets of `<header …>…</header>`, skipping comments and CDATA sections. */
function findHeader(text: string): { start: number; end: number; line: number } | { reason: string } {
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)header\b[^>]*>/g;
  let start = -1;
  for (const match of text.matchAll(token)) {
    if (!match[0].startsWith('<h') && !match[0].startsWith('</h')) continue;
    if (start === -1 && match[1] === '') start = match.index;
    else if (start !== -1 && match[1] === '/') {
      const line = text.slice(0, start).split('\n').length;
      return { start, end: match.index + match[0].length, line };
    }
  }
  return { reason: start === -1 ? 'the file has no <header> element' : 'the <header> element is never closed' };
}

function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c instanceof XmlElement && c.name === name);
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The element's text, whitespace collapsed; '' when absent. */
function plain(el: XmlElement | undefined): string {
  return el ? collapse(el.text).trim() : '';
}

/** Lines of a container: each paragraph or list item is a line; loose text between them too. */
function blockLines(el: XmlElement): RichLine[] {
  const lines: RichLine[] = [];
  let current: Inline[] = [];
  const flush = () => {
    const line = tidy(current);
    if (line.length > 0) lines.push(line);
    current = [];
  };
  for (const node of el.children) {
    if (node instanceof XmlElement && BLOCK.has(node.name)) {
      flush();
      lines.push(...blockLines(node));
    } else {
      current.push(...inlines(node));
    }
  }
  flush();
  return lines;
}

function inlines(node: XmlNode): Inline[] {
  if (node instanceof XmlText || node instanceof XmlCdata) return [{ kind: 'text', text: node.text }];
  if (!(node instanceof XmlElement) || DROPPED.has(node.name)) return [];
  if (node.name === 'br') return [{ kind: 'text', text: ' ' }];
  if (CODE.has(node.name)) return [{ kind: 'code', text: node.text }];
  if (node.name === 'link') {
    const url = (node.attributes.url ?? '').trim();
    const text = collapse(node.text).trim();
    return url ? [{ kind: 'link', url, text: text || url }] : [{ kind: 'text', text }];
  }
  // em, strong, cite, span (a reference's wrapper), and anything unknown: their text.
  return node.children.flatMap(inlines);
}

/** Collapse whitespace, merge neighbouring runs of the same kind, trim the line's ends. */
function tidy(runs: readonly Inline[]): RichLine {
  const out: Inline[] = [];
  for (const run of runs) {
    const text = run.kind === 'link' ? run.text : collapse(run.text);
    if (text === '' && run.kind !== 'link') continue;
    const last = out[out.length - 1];
    if (last && last.kind === 'text' && run.kind === 'text') last.text = collapse(last.text + text);
    else out.push(run.kind === 'link' ? { ...run } : { kind: run.kind, text: run.kind === 'code' ? text.trim() : text });
  }
  const first = out[0];
  if (first?.kind === 'text') first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text = last.text.trimEnd();
  return out.filter((r) => r.kind === 'link' || r.text !== '');
}

/** A rich line as plain text (for comparisons, JSON readers, logs). */
export function plainText(line: readonly Inline[]): string {
  return line.map((r) => r.text).join('');
}
