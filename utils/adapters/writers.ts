/**
 * How each kind of page is worded as an entry, in the order they are asked: the first writer
 * that applies to the page and the section drafts it. The section matters: a XEP filed under
 * a XEP section gets the version line, a video filed under Events the event form.
 */
import { articleFill, draftArticle } from './article/entry';
import { draftErrorPage } from './error-page/entry';
import { draftEvent, eventFill } from './event/entry';
import { draftRelease, releaseFill } from './release/entry';
import type { TemplateKind } from '../presets/types';
import type { EntryContext } from '../summarize/compose';
import type { TemplateFill } from '../templates/fill';
import { draftVideo, videoFill } from './video/entry';
import { appliesToXep, draftXep, xepFill, xepTemplateKind } from './xep/entry';

export interface EntryWriter {
  id: string;
  applies(context: EntryContext): boolean;
  /** The built-in wording, for a newsletter without a template of this kind. */
  draft(context: EntryContext): string;
  /** Which of the newsletter's entry templates writes this entry (utils/templates); none: always the built-in wording. */
  template?(context: EntryContext): TemplateKind;
  /** The template's values (utils/templates/names.ts lists them per kind). */
  fill?(context: EntryContext): TemplateFill;
}

const kindsOf = (context: EntryContext): readonly string[] => context.section?.hints?.kinds ?? [];

export const WRITERS: readonly EntryWriter[] = [
  {
    id: 'xep',
    applies: (c) => appliesToXep(c) !== null,
    draft: (c) => draftXep(c, appliesToXep(c)!),
    template: (c) => xepTemplateKind(c, appliesToXep(c)!),
    fill: (c) => xepFill(c, appliesToXep(c)!),
  },
  { id: 'release', applies: (c) => c.capture.release !== null, draft: draftRelease, template: () => 'release', fill: releaseFill },
  // An error page's entry says what is wrong, in every newsletter.
  { id: 'error-page', applies: (c) => c.capture.kind === 'error', draft: draftErrorPage },
  {
    id: 'video',
    applies: (c) => kindsOf(c).includes('video') || (c.capture.kind === 'video' && !kindsOf(c).includes('event')),
    draft: draftVideo,
    template: () => 'video',
    fill: videoFill,
  },
  { id: 'event', applies: (c) => kindsOf(c).includes('event') || c.capture.kind === 'event', draft: draftEvent, template: () => 'event', fill: eventFill },
  // Any other page: an article, or the section's own form (an XSF announcement).
  { id: 'article', applies: () => true, draft: draftArticle, template: (c) => c.section?.entryForm ?? 'article', fill: articleFill },
];
