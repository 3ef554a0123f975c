import { xepSection, xepUpdateSection } from '../categorize/xep-section';
import type { InlinePart, PageCapture, XepInfo, XepRevision as CaptureRevision } from '../model/capture';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import type { Subsection, XepChange } from './changes';
import { plainText, type RichLine } from './header';

/**
 * A month's XEP change as the page capture a clip of the XEP's page would give, had the page
 * known what the history knows: the section's entry is then written by the newsletter's own
 * templates (utils/summarize/entry.ts draftEntry), so a drafted change and a clipped page write
 * the same entry. What the capture says is what the entry tells:
 *   - the revision the entry names, only (the newsletter prints the month's latest version with
 *     its own remarks; the skipped versions stay in the change and in the item's text),
 *     marked as the one that moved the XEP into its status when the change is a status change;
 *   - the Last Call's dates, and the standards list's archive searched for its announcement.
 * Remarks keep the runs the XML marks as code; a link to another XEP in the reference form
 * ("File metadata element (XEP-0446)") is read back as "XEP-0446 (File metadata element)",
 * which the entry links as the newsletter does; other links keep their text.
 */

export const XEP_SITE = 'https://xmpp.org';
export const XEP_SITE_NAME = 'XMPP Standards Foundation';

/** The standards list archive; a Last Call's own thread is known only once the mail is sent. */
export const STANDARDS_ARCHIVE_SEARCH = 'https://mail.jabber.org/hyperkitty/search';

/** The XEP's page on xmpp.org (a ProtoXEP's in the inbox): the item's canonical URL. */
export function changeUrl(change: Pick<XepChange, 'number' | 'protoName' | 'path'>): string {
  if (change.protoName !== null) return `${XEP_SITE}/extensions/inbox/${encodeURIComponent(change.protoName)}.html`;
  if (change.number !== null) return `${XEP_SITE}/extensions/xep-${change.number}.html`;
  // A ProtoXEP file outside the inbox does not happen in the history; its path names it.
  return `${XEP_SITE}/extensions/${encodeURIComponent(change.path.replace(/\.xml$/, ''))}.html`;
}

/** A search of the standards list for the Last Call's announcement ("LAST CALL: XEP-0377"). */
export function lastCallSearch(number: string): string {
  return `${STANDARDS_ARCHIVE_SEARCH}?mlist=standards%40xmpp.org&q=${encodeURIComponent(`"LAST CALL: XEP-${number}"`)}`;
}

/** The status each kind of change puts the XEP in, which picks its section; null: the general "Updated". */
const STATUS_OF: Record<Subsection, string | null> = {
  proposed: 'ProtoXEP',
  new: 'Experimental',
  deferred: 'Deferred',
  updated: null,
  'last-call': 'Proposed',
  stable: 'Stable',
  active: 'Active',
  final: 'Final',
  deprecated: 'Deprecated',
  rejected: 'Rejected',
  obsolete: 'Obsolete',
  retracted: 'Retracted',
};

/** Changes that are a status change: their revision is the one that moved the XEP there. */
const STATUS_CHANGES: ReadonlySet<Subsection> = new Set(['new', 'deferred', 'stable', 'active', 'final', 'deprecated', 'rejected', 'obsolete', 'retracted']);

/**
 * The newsletter's section for a change: the one its status files into (the most specific, as
 * for a XEP that just entered it), else Deprecated for the ends a newsletter may have no
 * heading for (Rejected, Obsolete, Retracted), else the general Updated. Null when the
 * newsletter has no XEP sections at all.
 */
export function changeSection(change: Pick<XepChange, 'subsection' | 'version'>, preset: NewsletterPreset): SectionDef | null {
  const status = STATUS_OF[change.subsection];
  const own = status ? xepSection(preset, status, change.version, true) : null;
  if (own) return own;
  const end = ['rejected', 'obsolete', 'retracted'].includes(change.subsection) ? xepSection(preset, 'Deprecated', change.version, true) : null;
  return end ?? xepUpdateSection(preset);
}

/** Rich text as the capture's runs: code stays code; a XEP reference reads "XEP-0446 (Title)". */
function inlineParts(line: RichLine): InlinePart[] {
  return line.map((run) => {
    if (run.kind === 'code') return { text: run.text, code: true };
    if (run.kind === 'link') {
      const reference = /^(.*\S)\s*\((XEP-(\d{4}))\)$/.exec(run.text);
      const target = /xmpp\.org\/extensions\/xep-(\d{4})\.html$/.exec(run.url)?.[1];
      if (reference && target === reference[3]) return { text: `${reference[2]} (${reference[1]})` };
    }
    return { text: run.text };
  });
}

/**
 * A remark's lines as runs; a lead-in that ends with ":" before its list ("Update to XEP-0434
 * version 0.6.0:") loses the colon, as the page reader does and the newsletter prints it.
 */
function remarkParts(remark: readonly RichLine[]): InlinePart[][] {
  const lines = remark.map(inlineParts).filter((parts) => parts.some((p) => p.text.trim() !== ''));
  return lines.map((parts, i) => {
    const last = parts[parts.length - 1];
    if (i === lines.length - 1 || !last || last.code) return parts;
    return [...parts.slice(0, -1), { text: last.text.replace(/\s*:\s*$/, '') }];
  });
}

function captureRevision(change: XepChange, index: number): CaptureRevision | null {
  const revision = change.revisions[index];
  if (!revision) return null;
  const parts = remarkParts(revision.remark);
  return {
    version: revision.version,
    date: revision.date && /^\d{4}-\d{2}-\d{2}$/.test(revision.date) ? revision.date : null,
    initials: revision.initials,
    remarks: parts.map((line) => line.map((p) => p.text).join('').trim()),
    remarkParts: parts,
    statusChange: STATUS_CHANGES.has(change.subsection) ? change.status : null,
  };
}

/** What the capture of the XEP's page says, as the entry should tell the change. */
export function changeXepInfo(change: XepChange): XepInfo {
  const latest = captureRevision(change, 0);
  const lastCall = change.subsection === 'last-call' && change.number !== null;
  return {
    number: change.number,
    title: change.title,
    version: change.version,
    status: change.subsection === 'proposed' ? 'ProtoXEP' : change.status,
    abstract: plainText(change.abstract) || null,
    lastUpdated: latest?.date ?? null,
    changes: latest?.remarks ?? [],
    initials: latest?.initials ?? null,
    revisions: latest ? [latest] : [],
    lastCallEnds: change.lastCall?.ends ?? null,
    lastCallBegins: change.lastCall?.begins ?? null,
    ...(lastCall ? { lastCallThread: lastCallSearch(change.number!) } : {}),
  };
}

/** The change as a page capture of its XEP's page (see above). */
export function changeCapture(change: XepChange): PageCapture {
  const url = changeUrl(change);
  const xep = changeXepInfo(change);
  const title = change.number ? `XEP-${change.number}: ${change.title}` : change.title;
  const landed = change.commits[change.commits.length - 1]?.date ?? null;
  return {
    url,
    canonicalUrl: url,
    title,
    siteName: XEP_SITE_NAME,
    authors: [],
    publishedAt: landed,
    modifiedAt: null,
    language: 'en',
    description: xep.abstract,
    image: null,
    schemaTypes: [],
    keywords: [],
    contentMarkdown: '',
    selectionMarkdown: null,
    kind: 'xep',
    release: null,
    xep,
    video: null,
    event: null,
    adapter: 'xeps',
  };
}
