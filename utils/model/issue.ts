/**
 * Issue periods. A monthly issue key is "YYYY-MM" (calendar month), a weekly one "YYYY-Www"
 * (ISO 8601 week: Monday to Sunday, week 1 holds the year's first Thursday — the value an
 * `<input type="week">` gives). Keys sort chronologically as strings within one cadence.
 * Monthly is the default everywhere a cadence is optional.
 */

export type Cadence = 'monthly' | 'weekly';

export type IssuePeriod =
  | { cadence: 'monthly'; year: number; month: number }
  | { cadence: 'weekly'; year: number; week: number };

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK_RE = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const DAY_MS = 86_400_000;

/** The cadence a key is written in, or null when it is not an issue key. */
export function issueCadence(value: string): Cadence | null {
  if (MONTH_RE.test(value)) return 'monthly';
  const week = WEEK_RE.exec(value);
  if (week && Number(week[2]) <= isoWeeksInYear(Number(week[1]))) return 'weekly';
  return null;
}

/** Whether `value` is an issue key (of `cadence` when given, of either otherwise). */
export function isIssueKey(value: string, cadence?: Cadence): boolean {
  const actual = issueCadence(value);
  return actual !== null && (cadence === undefined || actual === cadence);
}

/** The issue an item clipped at `date` belongs to (local calendar). */
export function issueForDate(date: Date, cadence: Cadence = 'monthly'): string {
  if (cadence === 'monthly') return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}`;
  const { year, week } = isoWeekOf(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  return weekKey(year, week);
}

export function parseIssue(issue: string): IssuePeriod {
  const month = MONTH_RE.exec(issue);
  if (month) return { cadence: 'monthly', year: Number(month[1]), month: Number(month[2]) };
  const week = WEEK_RE.exec(issue);
  if (week && Number(week[2]) <= isoWeeksInYear(Number(week[1]))) {
    return { cadence: 'weekly', year: Number(week[1]), week: Number(week[2]) };
  }
  throw new Error(`Not an issue: "${issue}" (expected a month YYYY-MM or an ISO week YYYY-Www)`);
}

/** A monthly key's year and month; throws for anything else (weekly keys included). */
export function parseIssueKey(issue: string): { year: number; month: number } {
  const m = MONTH_RE.exec(issue);
  if (!m) throw new Error(`Not an issue month: "${issue}" (expected YYYY-MM)`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The issue key `delta` periods (months or weeks, as the key is written) after `issue`. */
export function shiftIssue(issue: string, delta: number): string {
  const period = parseIssue(issue);
  if (period.cadence === 'monthly') {
    const index = period.year * 12 + (period.month - 1) + delta;
    return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
  }
  const { year, week } = isoWeekOf(isoWeekMonday(period.year, period.week) + delta * 7 * DAY_MS);
  return weekKey(year, week);
}

/** First and last day of the issue's period, as ISO dates (inclusive). */
export function issueRange(issue: string): { start: string; end: string } {
  const period = parseIssue(issue);
  if (period.cadence === 'monthly') {
    const start = Date.UTC(period.year, period.month - 1, 1);
    const end = Date.UTC(period.year, period.month, 0);
    return { start: isoDate(start), end: isoDate(end) };
  }
  const monday = isoWeekMonday(period.year, period.week);
  return { start: isoDate(monday), end: isoDate(monday + 6 * DAY_MS) };
}

/**
 * The publication date of an issue: day `publishDay` of the following month (monthly), or
 * weekday `publishDay` (1 = Monday … 7 = Sunday) of the following week (weekly). A day past the
 * month's end is clamped to its last day.
 */
export function publishDateFor(issue: string, publishDay: number): string {
  const period = parseIssue(issue);
  if (period.cadence === 'monthly') {
    const next = parseIssueKey(shiftIssue(issue, 1));
    const last = new Date(Date.UTC(next.year, next.month, 0)).getUTCDate();
    const day = Math.min(Math.max(1, Math.trunc(publishDay)), last);
    return `${next.year}-${pad2(next.month)}-${pad2(day)}`;
  }
  const weekday = Math.min(Math.max(1, Math.trunc(publishDay)), 7);
  return isoDate(isoWeekMonday(period.year, period.week) + (7 + weekday - 1) * DAY_MS);
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

/** "October 2023"; "Week 7, 2024 (12–18 February)" for a weekly key. */
export function issueLabel(issue: string): string {
  const period = parseIssue(issue);
  if (period.cadence === 'monthly') return `${monthName(period.month)} ${period.year}`;
  return `Week ${period.week}, ${period.year} (${periodText(issue, false)})`;
}

/**
 * The issue's days in words: "1–31 October 2023", "12–18 February 2024",
 * "29 January – 4 February 2024", "30 December 2024 – 5 January 2025".
 * `withYear: false` leaves the year out.
 */
export function periodText(issue: string, withYear = true): string {
  const { start, end } = issueRange(issue);
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const year = (y: number) => (withYear ? ` ${y}` : '');
  if (sy !== ey) return `${sd} ${monthName(sm)} ${sy} – ${ed} ${monthName(em)} ${ey}`;
  if (sm !== em) return `${sd} ${monthName(sm)} – ${ed} ${monthName(em)}${year(ey)}`;
  return `${sd}–${ed} ${monthName(em)}${year(ey)}`;
}

// ISO week arithmetic on UTC day timestamps, so no local time zone or DST shift enters.

function isoWeekOf(dayUtc: number): { year: number; week: number } {
  const date = new Date(dayUtc);
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  const thursday = dayUtc + (4 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (jan4Weekday - 1) * DAY_MS + (week - 1) * 7 * DAY_MS;
}

function isoWeeksInYear(year: number): number {
  return isoWeekOf(Date.UTC(year, 11, 28)).week;
}

function weekKey(year: number, week: number): string {
  return `${year}-W${pad2(week)}`;
}

function isoDate(dayUtc: number): string {
  return new Date(dayUtc).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
