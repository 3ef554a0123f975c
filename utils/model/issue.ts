/** Issue periods. A monthly issue key is "YYYY-MM". */

const ISSUE_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isIssueKey(value: string): boolean {
  return ISSUE_RE.test(value);
}

/** The issue an item clipped at `date` belongs to (local calendar month). */
export function issueForDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export function parseIssueKey(issue: string): { year: number; month: number } {
  const m = ISSUE_RE.exec(issue);
  if (!m) throw new Error(`Not an issue month: "${issue}" (expected YYYY-MM)`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The issue key `delta` months after `issue`. */
export function shiftIssue(issue: string, delta: number): string {
  const { year, month } = parseIssueKey(issue);
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new Error(`No month ${month}`);
  return name;
}

/** "October 2023" */
export function issueLabel(issue: string): string {
  const { year, month } = parseIssueKey(issue);
  return `${monthName(month)} ${year}`;
}
