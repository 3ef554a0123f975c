/** Video entries: "[Title](url) - short description", as the newsletter's Videos section writes them. */
import { escapeInline, oneLine } from '../../markdown/escape';
import { fittedLead, lowerFirst, pageLink, pageValues, type EntryContext } from '../../summarize/compose';
import type { TemplateFill } from '../../templates/fill';
import { leadSentences } from '../../summarize/lead';

export function draftVideo({ capture, preset, tag, budget }: EntryContext): string {
  const head = `${pageLink(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ' - ', budget);
  return lead ? `${head} - ${lowerFirst(lead, preset)}` : head;
}

/** The values of the video template: who published it (the channel) and how long it is. */
export function videoFill(context: EntryContext): TemplateFill {
  const video = context.capture.video;
  return {
    values: {
      ...pageValues(context),
      channel: escapeInline(oneLine(video?.channel ?? '')),
      duration: escapeInline(oneLine(video?.duration ?? '')),
    },
    summary: (room) => fittedLead(leadSentences(context.capture), '', '', room),
  };
}
