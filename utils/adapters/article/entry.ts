/** Article entries, and the form every other page falls back to: "[Title](url): lead sentences". */
import { fittedLead, pageLink, type EntryContext } from '../../summarize/compose';
import { leadSentences } from '../../summarize/lead';

export function draftArticle({ capture, tag, budget }: EntryContext): string {
  const head = `${pageLink(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ': ', budget);
  return lead ? `${head}: ${lead}` : head;
}
