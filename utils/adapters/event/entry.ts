/** Event entries: "[Name](url), November 18–19, 2023 in Toulouse: description". */
import { escapeInline, oneLine } from '../../markdown/escape';
import { fittedLead, pageLink, pageValues, type EntryContext } from '../../summarize/compose';
import type { TemplateFill } from '../../templates/fill';
import { formatDateRange } from '../../summarize/dates';
import { leadSentences } from '../../summarize/lead';

export function draftEvent({ capture, tag, budget }: EntryContext): string {
  const when = formatDateRange(capture.event?.startDate ?? null, capture.event?.endDate ?? null);
  const where = oneLine(capture.event?.locality ?? capture.event?.location ?? '');
  const whereText = where && where.length <= 80 ? ` in ${escapeInline(where)}` : '';
  const head = `${pageLink(capture.title, capture)}${tag}${when ? `, ${when}` : ''}${whereText}`;
  const lead = fittedLead(leadSentences(capture), head, ': ', budget);
  return lead ? `${head}: ${lead}` : head;
}

/** The values of the event template: its dates and place. */
export function eventFill(context: EntryContext): TemplateFill {
  const { capture } = context;
  const where = oneLine(capture.event?.locality ?? capture.event?.location ?? '');
  return {
    values: {
      ...pageValues(context),
      when: formatDateRange(capture.event?.startDate ?? null, capture.event?.endDate ?? null) ?? '',
      where: where.length <= 80 ? escapeInline(where) : '',
    },
    summary: (room) => fittedLead(leadSentences(capture), '', '', room),
  };
}
