/** Video entries: "[Title](url) - short description", as the newsletter's Videos section writes them. */
import { fittedLead, lowerFirst, pageLink, type EntryContext } from '../../summarize/compose';
import { leadSentences } from '../../summarize/lead';

export function draftVideo({ capture, preset, tag, budget }: EntryContext): string {
  const head = `${pageLink(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ' - ', budget);
  return lead ? `${head} - ${lowerFirst(lead, preset)}` : head;
}
