/**
 * How each kind of page is worded as an entry, in the order they are asked: the first writer
 * that applies to the page and the section drafts it. The section matters: a XEP filed under
 * a XEP section gets the version line, a video filed under Events the event form.
 */
import { draftArticle } from './article/entry';
import { draftErrorPage } from './error-page/entry';
import { draftEvent } from './event/entry';
import { draftRelease } from './release/entry';
import type { EntryContext } from '../summarize/compose';
import { draftVideo } from './video/entry';
import { appliesToXep, draftXep } from './xep/entry';

export interface EntryWriter {
  id: string;
  applies(context: EntryContext): boolean;
  draft(context: EntryContext): string;
}

const kindsOf = (context: EntryContext): readonly string[] => context.section?.hints?.kinds ?? [];

export const WRITERS: readonly EntryWriter[] = [
  { id: 'xep', applies: (c) => appliesToXep(c) !== null, draft: (c) => draftXep(c, appliesToXep(c)!) },
  { id: 'release', applies: (c) => c.capture.release !== null, draft: draftRelease },
  { id: 'error-page', applies: (c) => c.capture.kind === 'error', draft: draftErrorPage },
  { id: 'video', applies: (c) => kindsOf(c).includes('video') || (c.capture.kind === 'video' && !kindsOf(c).includes('event')), draft: draftVideo },
  { id: 'event', applies: (c) => kindsOf(c).includes('event') || c.capture.kind === 'event', draft: draftEvent },
  { id: 'article', applies: () => true, draft: draftArticle },
];
