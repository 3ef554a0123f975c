import { xepUpdateSection } from '../categorize/xep-section';
import type { NewsletterPreset } from '../presets/types';
import { draftEntry } from '../summarize/entry';
import type { Subsection, XepChange } from './changes';
import { changeCapture, changeSection } from './capture';

/**
 * A month's XEP change as the newsletter writes it: Markdown of one list item without the
 * leading "- ", nested lines indented by two spaces, written by the newsletter's own entry
 * templates from the change seen as a capture of the XEP's page (capture.ts), so a drafted
 * change and a clipped page of the same XEP write the same entry. For the XMPP Newsletter as
 * published now (issues of 2025-11-05 and 2026-04-05):
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
  /** The newsletter's section the entry goes in, e.g. "xep-updated". */
  section: string;
  /** Its heading (Extensions and specifications › …). */
  heading: string;
  markdown: string;
  /** What the editor must check or complete before publishing, in words. */
  notes: string[];
}

export class NoXepSectionError extends Error {
  override name = 'NoXepSectionError';
}

/**
 * Whether the newsletter has sections for XEP news (sections whose hints take XEP statuses,
 * as the XMPP Newsletter's "Extensions and specifications" subsections do): exactly when
 * xepEntry files every change somewhere instead of throwing NoXepSectionError.
 */
/** The error for a newsletter without XEP sections, in the words the CLI and the Desk show. */
export function noXepSections(preset: Pick<NewsletterPreset, 'name'>): NoXepSectionError {
  return new NoXepSectionError(`${preset.name} has no section for XEPs: choose a newsletter with an “Extensions and specifications” section.`);
}

export function hasXepSections(preset: NewsletterPreset): boolean {
  return xepUpdateSection(preset) !== null;
}

export function xepEntry(change: XepChange, preset: NewsletterPreset): XepEntry {
  const section = changeSection(change, preset);
  if (!section) throw noXepSections(preset);
  const notes: string[] = [];
  if (change.subsection === 'last-call') {
    notes.push(`Link the Last Call's own thread on the standards list: the draft links a search of the list archive for "LAST CALL: XEP-${change.number}".`);
    if (!change.lastCall) notes.push('The header gives no <lastcall> end date: add it.');
  }
  return {
    subsection: change.subsection,
    section: section.id,
    heading: section.heading,
    markdown: draftEntry(changeCapture(change), preset, section.id),
    notes,
  };
}

/**
 * The entries as Markdown under their `### Heading`s, in the newsletter's order, headings
 * without entries left out (the export adds intros and placeholders).
 */
export function draftSection(entries: readonly XepEntry[], preset: NewsletterPreset): string {
  const blocks: string[] = [];
  for (const section of preset.sections) {
    const mine = entries.filter((e) => e.section === section.id);
    if (mine.length > 0) blocks.push(`### ${section.heading}\n\n${mine.map((e) => `- ${e.markdown}`).join('\n')}\n`);
  }
  return blocks.join('\n');
}
