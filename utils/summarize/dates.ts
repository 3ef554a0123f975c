const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

interface Day {
  year: number;
  month: string;
  day: number;
}

/** The calendar day an ISO date or date-time names, as written (no time-zone shift). */
function parseDay(iso: string | null): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso?.trim() ?? '');
  if (!m) return null;
  const month = MONTH_NAMES[Number(m[2]) - 1];
  const day = Number(m[3]);
  if (!month || day < 1 || day > 31) return null;
  return { year: Number(m[1]), month, day };
}

/**
 * "November 18, 2023", "November 18–19, 2023", "November 30 – December 1, 2023" or
 * "December 30, 2023 – January 2, 2024"; null when the start is unknown.
 */
export function formatDateRange(start: string | null, end: string | null): string | null {
  const a = parseDay(start);
  if (!a) return null;
  const b = parseDay(end);
  if (!b || (b.year === a.year && b.month === a.month && b.day === a.day)) return `${a.month} ${a.day}, ${a.year}`;
  if (b.year !== a.year) return `${a.month} ${a.day}, ${a.year} – ${b.month} ${b.day}, ${b.year}`;
  if (b.month !== a.month) return `${a.month} ${a.day} – ${b.month} ${b.day}, ${a.year}`;
  return `${a.month} ${a.day}–${b.day}, ${a.year}`;
}
