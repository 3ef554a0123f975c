import { calendarDay } from '../utils/extract/dates';
import { issueLabel, isIssueKey, shiftIssue } from '../utils/model/issue';

/** "29 Oct 2023" for an ISO date or date-time; the raw value when it does not parse. */
export function shortDate(iso: string): string {
  // The page's own calendar day: "2023-10-29T23:30:00-05:00" is the 29th, wherever the reader is.
  const day = calendarDay(iso);
  const date = new Date(day ? `${day}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function issueName(issue: string): string {
  return isIssueKey(issue) ? issueLabel(issue) : issue;
}

/**
 * A long text (a URL) split for shortening in the middle: the head is cut with an ellipsis by
 * CSS when space runs out, the tail (the end of the path, which tells URLs apart) stays. Both
 * are in the DOM, so copying the line still gives the whole text.
 */
export function middleSplit(text: string, tail = 22): { head: string; tail: string } {
  if (text.length <= tail * 2) return { head: text, tail: '' };
  return { head: text.slice(0, -tail), tail: text.slice(-tail) };
}

/** Issues offered in the popup's issue list: a few periods back, the current one and the next ones. */
export function nearbyIssues(current: string, keep: string | null, back = 6, ahead = 2): string[] {
  const list: string[] = [];
  for (let delta = -back; delta <= ahead; delta += 1) list.push(shiftIssue(current, delta));
  if (keep && !list.includes(keep)) list.push(keep);
  return list.sort();
}

/** "in the June 2026 issue, XMPP Software News › Clients (clipped by Alice)": where a page appeared before. */
export function coveredText(c: { issue: string; section: string; contributor: string; archived: boolean }): string {
  const by = !c.archived && c.contributor ? ` (clipped by ${c.contributor})` : '';
  return `in the ${issueName(c.issue)} issue, ${c.section}${by}`;
}
