import type { Subsection, XepChange } from './changes';
import { escapeText, inboxPath, renderLine, withFullStop, xepPath } from './markdown';

/**
 * A month's XEP change as the XMPP Newsletter writes it now (issues of 2025-11-05 and
 * 2026-04-05): Markdown of one list item without the leading "- ", nested lines indented by two
 * spaces. Kept small and separate so that it can become the newsletter's own templates.
 *   Proposed   [Explicit Mentions](/extensions/inbox/explicit-mentions.html)
 *                - <abstract>
 *   New        Version 0.1.0 of [XEP-0506](/extensions/xep-0506.html) (No-reply JIDs) has been released.
 *                - Accepted as Experimental by council vote (dg)
 *   Updated, Stable, Deferred, Deprecated, Rejected… with a revision:
 *              Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)
 *                - <each line of the latest revision's remark>, the last one ending "(initials)"
 *   …without one (a status-only change): [XEP-0411](/extensions/xep-0411.html) (Bookmarks Conversion)
 *   Last Call  [Last Call](<thread>) for comments on [XEP-0377](/extensions/xep-0377.html) (Blocking Command Reports)
 *                - This Last Call begins on 2026-03-31 and shall end at the close of business on 2026-04-14.
 * Two versions in one month: the newsletter names the latest and gives only its remarks
 * (XEP-0060 and XEP-0248 in October 2025), so does this.
 */

export interface XepEntry {
  subsection: Subsection;
  /** The newsletter's heading the entry goes under (Extensions and specifications › …). */
  heading: string;
  markdown: string;
  /** What the editor must check or complete before publishing, in words. */
  notes: string[];
}

/** Where each kind of change goes in today's newsletter, which has no Active or Final heading. */
export const HEADING_OF: Record<Subsection, string> = {
  proposed: 'Proposed',
  new: 'New',
  deferred: 'Deferred',
  updated: 'Updated',
  'last-call': 'Last Call',
  stable: 'Stable',
  active: 'Updated',
  final: 'Updated',
  deprecated: 'Deprecated',
  rejected: 'Rejected',
  obsolete: 'Deprecated',
  retracted: 'Deprecated',
};

/** The standards list archive; a Last Call's own thread is known only once the mail is sent. */
export const STANDARDS_ARCHIVE_SEARCH = 'https://mail.jabber.org/hyperkitty/search';

function xepHead(change: XepChange): string {
  const name = `XEP-${change.number}`;
  return `[${name}](${xepPath(change.number!)}) (${escapeText(oneLine(change.title))})`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A version is digits, letters and dots; anything else in the XML is dropped. */
function safeVersion(version: string): string {
  return version.replace(/[^\w.+-]/g, '');
}

/** The latest revision's remark, one nested line each, the editor's initials on the last. */
function remarkLines(change: XepChange): string {
  const revision = change.revisions[0];
  if (!revision) return '';
  const lines = revision.remark
    .map((line) => renderLine(line, { self: change.number }))
    .filter((l) => l !== '')
    // "Update to XEP-0434 version 0.6.0:" before its list loses the colon, as in the issues.
    .map((l, i, all) => (i < all.length - 1 ? l.replace(/\s*:$/, '') : l));
  const initials = revision.initials ? ` (${escapeText(oneLine(revision.initials))})` : '';
  if (lines.length === 0) return initials ? `\n  - ${initials.trim()}` : '';
  return lines.map((line, i) => `\n  - ${line}${i === lines.length - 1 ? initials : ''}`).join('');
}

function lastCallSearch(change: XepChange): string {
  const subject = `LAST CALL: XEP-${change.number}`;
  return `${STANDARDS_ARCHIVE_SEARCH}?mlist=standards%40xmpp.org&q=${encodeURIComponent(`"${subject}"`)}`;
}

export function xepEntry(change: XepChange): XepEntry {
  const base = { subsection: change.subsection, heading: HEADING_OF[change.subsection], notes: [] as string[] };
  switch (change.subsection) {
    case 'proposed': {
      const head = `[${escapeText(oneLine(change.title))}](${inboxPath(change.protoName ?? '')})`;
      const abstract = withFullStop(renderLine(change.abstract));
      return { ...base, markdown: abstract ? `${head}\n  - ${abstract}` : head };
    }
    case 'last-call': {
      const head = `[Last Call](${lastCallSearch(change)}) for comments on ${xepHead(change)}`;
      const notes = [`Link the Last Call's own thread on the standards list: the draft links a search of the list archive for "LAST CALL: XEP-${change.number}".`];
      if (!change.lastCall) {
        notes.push('The header gives no <lastcall> end date: add it.');
        return { ...base, markdown: head, notes };
      }
      const when = `This Last Call begins on ${escapeText(change.lastCall.begins)} and shall end at the close of business on ${escapeText(change.lastCall.ends)}.`;
      return { ...base, markdown: `${head}\n  - ${when}`, notes };
    }
    default: {
      if (!change.version) return { ...base, markdown: xepHead(change) };
      const released = change.subsection === 'new' ? ' has been released.' : '';
      return { ...base, markdown: `Version ${safeVersion(change.version)} of ${xepHead(change)}${released}${remarkLines(change)}` };
    }
  }
}

/** Headings of the Extensions and specifications section, in the newsletter's order. */
export const HEADING_ORDER = ['Proposed', 'New', 'Deferred', 'Updated', 'Last Call', 'Stable', 'Deprecated', 'Rejected'] as const;

/**
 * The entries as Markdown under their `### Heading`s, in the newsletter's order, headings
 * without entries left out (the newsletter's templates add intros and placeholders).
 */
export function draftSection(entries: readonly XepEntry[]): string {
  const blocks: string[] = [];
  for (const heading of HEADING_ORDER) {
    const mine = entries.filter((e) => e.heading === heading);
    if (mine.length > 0) blocks.push(`### ${heading}\n\n${mine.map((e) => `- ${e.markdown}`).join('\n')}\n`);
  }
  return blocks.join('\n');
}
