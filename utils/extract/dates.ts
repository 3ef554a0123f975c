/**
 * Dates as pages write them, normalised to ISO 8601 without inventing precision or zones, and
 * without moving them to another calendar day: "2019-11-19T19:53-05:00" stays November 19.
 * Written dates in several languages are read from month names (months.json).
 */
import months from './months.json';

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ISO_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;

function offsetOf(zone: string | undefined): string {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 'Z';
  const digits = zone.replace(':', '');
  return digits === '+0000' || digits === '-0000' ? 'Z' : `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

function dateTime(y: number, m: number, d: number, time: { h: string; min: string; s?: string; zone?: string } | null): string | null {
  if (!validDate(y, m, d)) return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (!time) return date;
  if (Number(time.h) > 23 || Number(time.min) > 59 || Number(time.s ?? 0) > 59) return null;
  return `${date}T${pad(Number(time.h))}:${time.min}:${time.s ?? '00'}${offsetOf(time.zone)}`;
}

/** Month name (any language in months.json, lower case, no trailing dot) → 1–12. */
const MONTH_NUMBER = new Map<string, number>();
for (const names of Object.values(months)) {
  if (!Array.isArray(names)) continue;
  names.forEach((spellings, index) => {
    for (const name of spellings as string[]) if (!MONTH_NUMBER.has(name)) MONTH_NUMBER.set(name, index + 1);
  });
}
const MONTH = `(${[...MONTH_NUMBER.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const WEEKDAY = String.raw`(?:[\p{L}]{2,12}\.?,?\s+)?`;
const TIME = String.raw`(?:,?\s*(?:at|um|à|a las|alle|om)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?`;

/** "25. September 2018", "25 septembre 2018", "15 de noviembre de 2019", "25 Sep 2018 10:00 +0200" */
const DAY_MONTH_YEAR = new RegExp(String.raw`(?<![\p{L}\p{N}])${WEEKDAY}(\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?${MONTH}\s*(?:de\s+)?,?\s*(\d{4})${TIME}`, 'iu');
/** "November 15, 2019", "Nov 15 2019 7:53 pm", "March 3rd, 2024" */
const MONTH_DAY_YEAR = new RegExp(String.raw`(?<![\p{L}\p{N}])${WEEKDAY}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}`, 'iu');
/** "25.09.2018" (day first, as written in German and most of Europe) */
const DOTTED = /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/;

function time(h: string | undefined, min: string | undefined, s: string | undefined, ampm: string | undefined, zone: string | undefined) {
  if (h === undefined || min === undefined) return null;
  let hour = Number(h);
  if (ampm) {
    if (hour > 12 || hour === 0) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  // A time without a zone is the page's local time, which we do not know: keep the day only.
  if (!zone) return null;
  return { h: String(hour), min, s, zone };
}

/**
 * A written date found anywhere in `text`: "Published 25. September 2018 · 5 min read",
 * "Updated November 15, 2019 at 7:53 pm EST". Null when there is none.
 */
export function findWrittenDate(text: string): string | null {
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const month = MONTH_NUMBER.get(dmy[2]!.toLowerCase().replace(/\.$/, ''));
    const found = month ? dateTime(Number(dmy[3]), month, Number(dmy[1]), time(dmy[4], dmy[5], dmy[6], dmy[7], dmy[8])) : null;
    if (found) return found;
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const month = MONTH_NUMBER.get(mdy[1]!.toLowerCase().replace(/\.$/, ''));
    const found = month ? dateTime(Number(mdy[3]), month, Number(mdy[2]), time(mdy[4], mdy[5], mdy[6], mdy[7], mdy[8])) : null;
    if (found) return found;
  }
  const dotted = DOTTED.exec(text);
  if (dotted) return dateTime(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]), null);
  return null;
}

/** ctime, as mail archives print it: "Tue Sep 17 13:02:25 UTC 2024". */
const CTIME = /^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:(UTC|GMT|[+-]\d{4})|[A-Z]{3,4})?\s*(\d{4})$/;

/** RFC 2822 as in HTTP and feeds: "Tue, 19 Nov 2019 19:53:00 -0500" (offset kept). */
const RFC_2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UT|UTC|GMT|[+-]\d{4}|[A-Z]{3})?$/;

/**
 * "2023-10-02T09:30:00+02:00" stays as is (seconds added when missing), a date-only value stays
 * YYYY-MM-DD, an ISO time without a zone is read as UTC ("Z"). RFC 2822 and written dates
 * ("October 2, 2023", "25. September 2018", "15 de noviembre de 2019") keep their own
 * calendar day and offset; a written time without a zone is dropped rather than guessed.
 * Null for anything that is not a date.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = ISO_RE.exec(text);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, zone] = iso;
    return dateTime(Number(ys), Number(ms), Number(ds), hh === undefined ? null : { h: hh, min: mm!, s: ss, zone: zone ?? 'Z' });
  }
  // Only try written forms on text that has a year, not on "3 days ago" or "v1.2".
  if (!/\b(1[9]\d\d|2[01]\d\d)\b/.test(text)) return null;
  const rfc = RFC_2822.exec(text);
  if (rfc) {
    const month = MONTH_NUMBER.get(rfc[2]!.toLowerCase());
    const zone = rfc[7] && /^[+-]\d{4}$|^(Z|UT|UTC|GMT)$/.test(rfc[7]) ? rfc[7].replace(/^UT$/, 'UTC') : undefined;
    if (month) return dateTime(Number(rfc[3]), month, Number(rfc[1]), zone ? { h: rfc[4]!, min: rfc[5]!, s: rfc[6], zone } : null);
  }
  const ctime = CTIME.exec(text);
  if (ctime) {
    const month = MONTH_NUMBER.get(ctime[1]!.toLowerCase());
    if (month) return dateTime(Number(ctime[7]), month, Number(ctime[2]), ctime[6] ? { h: ctime[3]!, min: ctime[4]!, s: ctime[5], zone: ctime[6] } : null);
  }
  const written = findWrittenDate(text);
  if (written) return written;
  // Date.parse reads a bare year ("2026", a month list's heading) as January 1: a date needs a day.
  if (!/\p{L}{3}/u.test(text) && !/\d{1,2}[./-]\d{1,2}/.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || /\d{1,2}:\d{2}/.test(text)) return null;
  // No time given: the calendar date as written (Date.parse read it as local midnight).
  const parsed = new Date(ms);
  return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

/**
 * The calendar day an ISO date or date-time names, as the page meant it: "2019-11-19T19:53:00-05:00"
 * is 2019-11-19 (not November 20 in UTC). For showing a date without a time.
 */
export function calendarDay(iso: string): string | null {
  return /^(\d{4}-\d{2}-\d{2})/.exec(iso.trim())?.[1] ?? null;
}
