import { issueLabel, isIssueKey } from '../utils/model/issue';

/** "29 Oct 2023" for an ISO date or date-time; the raw value when it does not parse. */
export function shortDate(iso: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function issueName(issue: string): string {
  return isIssueKey(issue) ? issueLabel(issue) : issue;
}
