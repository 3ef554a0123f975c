/** An error page gets the bare link: its text says only that the page is missing. */
import { pageLink, type EntryContext } from '../../summarize/compose';

export function draftErrorPage({ capture, tag }: EntryContext): string {
  return `${pageLink(capture.title, capture)}${tag}`;
}
