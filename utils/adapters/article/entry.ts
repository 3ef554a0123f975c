/** Article entries, and the form every other page falls back to: "[Title](url): lead sentences". */
import { escapeInline, oneLine } from '../../markdown/escape';
import { fittedLead, pageLink, pageValues, siteLink, type EntryContext } from '../../summarize/compose';
import { formatDateRange } from '../../summarize/dates';
import { joinAnd } from '../../summarize/join';
import { leadSentences } from '../../summarize/lead';
import type { TemplateFill } from '../../templates/fill';

export function draftArticle({ capture, tag, budget }: EntryContext): string {
  const head = `${pageLink(capture.title, capture)}${tag}`;
  const lead = fittedLead(leadSentences(capture), head, ': ', budget);
  return lead ? `${head}: ${lead}` : head;
}

/** The site's home page: the origin of the page's address. */
function homeOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? `${parsed.origin}/` : null;
  } catch {
    return null;
  }
}

/** The summary of any page: its lead sentences within the room the template leaves. */
export function leadSummary(context: EntryContext): TemplateFill['summary'] {
  return (room) => fittedLead(leadSentences(context.capture), '', '', room);
}

/** The values of the article and announcement templates: author, site (linked to its home page), day. */
export function articleFill(context: EntryContext): TemplateFill {
  const { capture, preset } = context;
  const site = oneLine(capture.siteName ?? '');
  const home = homeOf(capture.canonicalUrl || capture.url);
  const authors = capture.authors.map((a) => oneLine(a)).filter(Boolean).slice(0, 3);
  // "by Mac & i for the Mac & i": a site that is its own author is named once.
  const sameAsAuthor = authors.length === 1 && authors[0]!.toLowerCase() === site.toLowerCase();
  return {
    values: {
      ...pageValues(context),
      author: escapeInline(joinAnd(authors)),
      site: sameAsAuthor ? '' : escapeInline(site),
      siteLink: sameAsAuthor ? '' : site && home ? siteLink(site, home, preset) : escapeInline(site),
      date: formatDateRange(capture.publishedAt, null) ?? '',
    },
    summary: leadSummary(context),
  };
}
