import { safeUrl } from '../markdown/escape';
import type { Inline, RichLine } from './header';

/**
 * Rich text from a XEP header as one line of Markdown in the newsletter's current habits
 * (issues of 2025-11 and 2026-04): identifiers in single quotes and `<element>` names become
 * code, "XEP-0060" and "RFC 4796" become links, xmpp.org links are site-relative, a reference
 * entity ("File metadata element (XEP-0446)") reads "[XEP-0446](…) (File metadata element)".
 * Every character taken from the XML is escaped: remarks are text written by strangers, and
 * must not open a link, emphasis, raw HTML or a Hugo shortcode.
 */

export const EXTENSIONS_PATH = '/extensions/';

export function xepPath(number: string): string {
  return `${EXTENSIONS_PATH}xep-${number}.html`;
}

export function inboxPath(protoName: string): string {
  return `${EXTENSIONS_PATH}inbox/${encodeURIComponent(protoName)}.html`;
}

/** Markdown-significant characters escaped, without trimming (runs are parts of a line). */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/\{(?=\{)/g, '&#123;');
}

/** A line may not start a block: heading, list, quote, thematic break, numbered list. */
function guardLineStart(markdown: string): string {
  return markdown.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** `code`, with a fence longer than any backtick run inside; Hugo braces cannot hide in it. */
function codeSpan(text: string): string {
  if (/\{\{/.test(text) || text.trim() === '') return escapeText(text);
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Site-relative for xmpp.org pages (as the newsletter writes them), else the safe absolute URL. */
function linkTarget(url: string): string | null {
  const safe = safeUrl(url);
  if (!safe) return null;
  const u = new URL(safe);
  if (/^(www\.)?xmpp\.org$/.test(u.hostname) && (u.protocol === 'https:' || u.protocol === 'http:')) return `${u.pathname}${u.search}${u.hash}`;
  return safe;
}

function link(text: string, url: string): string {
  const target = linkTarget(url);
  return target ? `[${escapeText(text)}](${target})` : escapeText(text);
}

export interface RenderContext {
  /** The XEP the text belongs to: a mention of itself is not linked. */
  self?: string | null;
}

/**
 * Plain-text conventions: "XEP-0060" → link, "RFC 4796" → link, 'identifier' and <element/> →
 * code, identifiers like pubsub#notify_config → code. Returns Markdown.
 */
function renderText(text: string, context: RenderContext): string {
  const pattern =
    /\b(XEP-(\d{4}))\b|\b(RFC ?(\d{3,5}))\b|(^|[^\w'])'([^'\s]{1,80})'(?![\w'])|(<\/?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+=(?:"[^"]*"|'[^']*'))*\s*\/?>)|\b([A-Za-z][\w-]*(?:[#_][\w-]+)+)\b/g;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    const [whole, xep, xepNumber, rfc, rfcNumber, before, quoted, element, identifier] = m;
    out += escapeText(text.slice(at, m.index));
    at = m.index + whole.length;
    if (xep && xepNumber) out += xepNumber === context.self ? escapeText(xep) : link(xep, `https://xmpp.org${xepPath(xepNumber)}`);
    else if (rfc && rfcNumber) out += link(`RFC ${rfcNumber}`, `https://datatracker.ietf.org/doc/html/rfc${rfcNumber}`);
    else if (quoted !== undefined) out += `${escapeText(before ?? '')}${codeSpan(quoted)}`;
    else if (element) out += codeSpan(element);
    else if (identifier) out += codeSpan(identifier);
    else out += escapeText(whole);
  }
  return out + escapeText(text.slice(at));
}

function renderRun(run: Inline, context: RenderContext): string {
  if (run.kind === 'code') return codeSpan(run.text);
  if (run.kind === 'text') return renderText(run.text, context);
  // A XEP reference as the XEP entities write it: "Title (XEP-0446)" linking to the XEP.
  const reference = /^(.*\S)\s*\((XEP-(\d{4}))\)$/.exec(run.text);
  const xepTarget = /xmpp\.org\/extensions\/xep-(\d{4})\.html$/.exec(run.url)?.[1];
  if (reference && xepTarget === reference[3]) {
    return `${link(reference[2]!, run.url)} (${escapeText(reference[1]!)})`;
  }
  return link(run.text, run.url);
}

/** One line of Markdown (no leading list marker). */
export function renderLine(line: RichLine, context: RenderContext = {}): string {
  return guardLineStart(line.map((run) => renderRun(run, context)).join('').replace(/\s+/g, ' ').trim());
}

/** The line with a full stop at the end, unless it already ends a sentence. */
export function withFullStop(markdown: string): string {
  return markdown === '' || /[.!?…:;]$|[.!?]["'”)]$/u.test(markdown) ? markdown : `${markdown}.`;
}
