/** Event entries: "[Name](url), November 18–19, 2023 in Toulouse: description". */
import { escapeInline, oneLine } from '../../markdown/escape';
import { fittedLead, pageLink, type EntryContext } from '../../summarize/compose';
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
