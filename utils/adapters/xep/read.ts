/**
 * XEP pages as xmpp.org/extensions serves them (built by xsf/xeps' xep.xsl): the metadata table
 * at the top (#docmeta) and the revision history (ol.revision-history, newest first) at the end.
 * Remarks are read back to the source's words: a remark may be plain text, paragraphs or a
 * list; a reference the stylesheet expanded ("Message Carbons (XEP-0280) [1]") loses the
 * footnote marker it added; code stays marked as code.
 */
import { normalizeDate } from '../../extract/dates';
import { clean } from '../../extract/text';
import type { InlinePart } from '../fields';
import type { PageAdapter } from '../types';
import type { XepInfo, XepRevision } from './fields';
import words from './status-words.json';

/** xmpp.org/extensions/xep-0424.html, …/inbox/name.html (ProtoXEPs). */
export function isXepUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /(^|\.)xmpp\.org$/.test(u.hostname) && /^\/extensions\/(?:inbox\/)?[\w.-]+\.html$/.test(u.pathname);
  } catch {
    return false;
  }
}

/** The <dd> that follows the <dt> with this label in the docmeta table. */
function docmeta(doc: Document, label: string): Element | null {
  for (const dt of doc.querySelectorAll('#docmeta dt, dl.compact dt')) {
    if (clean(dt.textContent).toLowerCase() === label.toLowerCase()) {
      const dd = dt.nextElementSibling;
      return dd?.nodeName === 'DD' ? dd : null;
    }
  }
  return null;
}

function statusOf(doc: Document): string | null {
  const dd = docmeta(doc, 'Status');
  if (!dd) return null;
  // The status word sits in a <p>; a long notice <div> follows it.
  const text = clean(dd.querySelector('p')?.textContent ?? dd.firstChild?.textContent);
  return text || null;
}

/** "The Last Call ends on 2026-04-14." in the status notice of a Proposed XEP. */
function lastCallEnd(doc: Document): string | null {
  const notice = clean(doc.querySelector('#status-notice')?.textContent ?? docmeta(doc, 'Status')?.textContent);
  return /Last Call ends on (\d{4}-\d{2}-\d{2})/i.exec(notice)?.[1] ?? null;
}

// ---------------------------------------------------------------- remarks

const BLOCKS = new Set(['P', 'UL', 'OL', 'LI', 'DIV', 'PRE', 'BLOCKQUOTE', 'TABLE', 'DL']);
const CODE = new Set(['CODE', 'TT', 'KBD', 'SAMP']);

function isFootnoteLink(el: Element): boolean {
  return el.nodeName === 'A' && /^#nt-/.test(el.getAttribute('href') ?? '');
}

/** Inline content as text runs: code marked, the stylesheet's " [1]" footnote markers dropped. */
function inlineParts(nodes: readonly Node[]): InlinePart[] {
  const parts: InlinePart[] = [];
  // After a dropped footnote link, the "]" that closed its marker starts the next text.
  let closeBracket = false;
  const push = (raw: string, code: boolean): void => {
    let text = raw;
    if (closeBracket && !code) {
      text = text.replace(/^\]/, '');
      closeBracket = false;
    }
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && Boolean(last.code) === code) last.text += text;
    else parts.push(code ? { text, code: true } : { text });
  };
  const walk = (node: Node, code: boolean): void => {
    if (node.nodeType === 3 /* TEXT_NODE */) {
      push(node.textContent ?? '', code);
      return;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
    const el = node as Element;
    if (isFootnoteLink(el)) {
      // xep.xsl writes a <note> as " [<a href='#nt-…'>1</a>]": take the marker back out.
      const last = parts[parts.length - 1];
      if (last && !last.code) last.text = last.text.replace(/\s*\[\s*$/, '');
      closeBracket = true;
      return;
    }
    for (const child of el.childNodes) walk(child, code || CODE.has(el.nodeName));
  };
  for (const node of nodes) walk(node, false);
  return tidyParts(parts);
}

/** Whitespace collapsed across runs, trimmed at both ends, empty runs dropped. */
function tidyParts(parts: InlinePart[]): InlinePart[] {
  const out = parts.map((p) => ({ ...p, text: p.text.replace(/[\s\u00a0]+/g, ' ') }));
  for (let i = 1; i < out.length; i++) {
    if (/ $/.test(out[i - 1]!.text) && /^ /.test(out[i]!.text)) out[i]!.text = out[i]!.text.slice(1);
  }
  if (out[0]) out[0].text = out[0].text.replace(/^ /, '');
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/ $/, '');
  return out.filter((p) => p.text !== '');
}

function partsText(parts: readonly InlinePart[]): string {
  return parts.map((p) => p.text).join('');
}

/**
 * A revision's remarks, one per change, in page order: paragraphs, list items (nested items
 * too) and runs of plain text or inline markup between them. A lead-in that ends with ":"
 * before a list ("Update to XEP-0434 version 0.6.0 and …:") loses the colon.
 */
function remarksOf(revision: Element): InlinePart[][] {
  const remarks: InlinePart[][] = [];
  let inline: Node[] = [];
  const flushInline = (): void => {
    const parts = inlineParts(inline);
    if (partsText(parts)) remarks.push(parts);
    inline = [];
  };
  const block = (el: Element): void => {
    if (el.nodeName === 'UL' || el.nodeName === 'OL') {
      const last = remarks[remarks.length - 1];
      const lastPart = last?.[last.length - 1];
      if (lastPart && !lastPart.code) lastPart.text = lastPart.text.replace(/\s*:$/, '');
      for (const li of [...el.children].filter((c) => c.nodeName === 'LI')) block(li);
      return;
    }
    // A list item or paragraph: its own inline text, then any blocks nested in it.
    const own: Node[] = [];
    const nested: Element[] = [];
    for (const child of el.childNodes) {
      if (child.nodeType === 1 && BLOCKS.has(child.nodeName)) nested.push(child as Element);
      else own.push(child);
    }
    const parts = inlineParts(own);
    if (partsText(parts)) remarks.push(parts);
    for (const child of nested) block(child);
  };
  for (const child of revision.childNodes) {
    const el = child.nodeType === 1 ? (child as Element) : null;
    if (el && (el.classList.contains('revision-head') || el.classList.contains('revision-author'))) {
      flushInline();
      continue;
    }
    if (el && BLOCKS.has(el.nodeName)) {
      flushInline();
      block(el);
    } else {
      inline.push(child);
    }
  }
  flushInline();
  return remarks;
}

// ---------------------------------------------------------------- status changes

const CHANGES = Object.entries(words.changes).map(([status, patterns]) => [status, patterns.map((p) => new RegExp(p, 'i'))] as const);
const ACCEPTANCE = words.acceptance.map((p) => new RegExp(p, 'i'));
const EQUIVALENT: Readonly<Record<string, string>> = words.equivalent;

/** "Draft" and "Stable" are one status (renamed in 2021). */
export function sameStatus(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const norm = (s: string): string => EQUIVALENT[s] ?? s;
  return norm(a).toLowerCase() === norm(b).toLowerCase();
}

/** The status a revision's remarks say it moved the XEP to, if any. */
export function statusChangeOf(version: string, remarks: readonly string[]): string | null {
  const text = remarks.join(' ');
  for (const [status, patterns] of CHANGES) if (patterns.some((re) => re.test(text))) return status;
  // "Initial version approved by the Council." on 0.1.0, "Accepted by vote of Council" on 0.1.
  if (/^0\.1(\.0)?$/.test(version) && ACCEPTANCE.some((re) => re.test(text))) return 'Experimental';
  return null;
}

function revisionOf(li: Element): XepRevision | null {
  const head = clean(li.querySelector('.revision-head')?.textContent);
  const match = /Version\s+(\S+)\s*\((\d{4}-\d{2}-\d{2})\)/.exec(head) ?? /^(?:Version\s+)?(\d[\w.]*)/.exec(head);
  if (!match) return null;
  const version = match[1]!;
  const date = normalizeDate(match[2] ?? null);
  const parts = remarksOf(li);
  const remarks = parts.map(partsText);
  const initials = clean(li.querySelector('.revision-author')?.textContent) || null;
  const hasCode = parts.some((remark) => remark.some((part) => part.code));
  // The runs matter only where the page marked code; plain remarks are their text.
  return { version, date, initials, remarks, ...(hasCode ? { remarkParts: parts } : {}), statusChange: statusChangeOf(version, remarks) };
}

function revisionsOf(doc: Document): XepRevision[] {
  const items = [...doc.querySelectorAll('ol.revision-history > li')];
  const list = items.length > 0 ? items : [...doc.querySelectorAll('#appendix-revs ~ ol > li')];
  return list.map(revisionOf).filter((r): r is XepRevision => r !== null);
}

/** The revisions dated in the same month as the latest one (the history is newest first). */
function latestMonth(revisions: readonly XepRevision[]): XepRevision[] {
  const month = revisions[0]?.date?.slice(0, 7);
  if (!month) return revisions.slice(0, 1);
  return revisions.filter((r) => r.date?.slice(0, 7) === month);
}

export function readXep(doc: Document, url: string): XepInfo | null {
  if (!isXepUrl(url)) return null;
  const heading = clean(doc.querySelector('h1')?.textContent ?? doc.title);
  const headingMatch = /^XEP-(\d{4}|x{4}):\s*(.+)$/i.exec(heading);
  const urlNumber = /\/xep-(\d{4})\.html$/.exec(new URL(url).pathname)?.[1] ?? null;
  if (!headingMatch && !urlNumber) return null;

  const versionText = clean(docmeta(doc, 'Version')?.textContent);
  const versionMatch = /^(\d+(?:\.\d+)*)\s*(?:\((\d{4}-\d{2}-\d{2})\))?/.exec(versionText);
  const revisions = revisionsOf(doc);
  const latest = revisions[0] ?? null;
  const numberFromHeading = headingMatch?.[1] && /^\d{4}$/.test(headingMatch[1]) ? headingMatch[1] : null;
  const status = statusOf(doc);

  return {
    number: urlNumber ?? numberFromHeading,
    title: headingMatch?.[2]?.trim() ?? heading,
    version: versionMatch?.[1] ?? latest?.version ?? null,
    status,
    abstract: clean(docmeta(doc, 'Abstract')?.textContent) || null,
    lastUpdated: latest?.date ?? normalizeDate(versionMatch?.[2] ?? null),
    changes: latest?.remarks ?? [],
    initials: latest?.initials ?? null,
    type: clean(docmeta(doc, 'Type')?.textContent) || null,
    revisions: latestMonth(revisions),
    lastCallEnds: status === 'Proposed' ? lastCallEnd(doc) : null,
  };
}

export const xep: PageAdapter = {
  id: 'xep',
  kind: 'xep',
  detect: (page) => isXepUrl(page.url),
  read: (page) => {
    const info = readXep(page.doc, page.url);
    return info ? { xep: info } : null;
  },
};
