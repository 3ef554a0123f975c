/** Dates as pages write them, normalised to ISO 8601 without inventing precision or zones. */

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ISO_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * "2023-10-02T09:30:00+02:00" stays as is (seconds added when missing), a date-only value stays
 * YYYY-MM-DD, a time without a zone is read as UTC ("Z"). Other formats Date.parse knows
 * ("Mon, 02 Oct 2023 09:30:00 GMT", "October 2, 2023") become UTC, or a date when they carry
 * no time. Null for anything unparseable.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = ISO_RE.exec(text);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, zone] = iso;
    const y = Number(ys), m = Number(ms), d = Number(ds);
    if (!validDate(y, m, d)) return null;
    const date = `${ys}-${pad(m)}-${pad(d)}`;
    if (hh === undefined) return date;
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
    let offset = 'Z';
    if (zone && !/^(z|utc|gmt)$/i.test(zone)) {
      const digits = zone.replace(':', '');
      offset = digits === '+0000' || digits === '-0000' ? 'Z' : `${digits.slice(0, 3)}:${digits.slice(3)}`;
    }
    return `${date}T${pad(Number(hh))}:${mm}:${ss ?? '00'}${offset}`;
  }
  // Only try free-form parsing on text that looks like a date, not on "3 days ago" or "v1.2".
  if (!/\b(1[9]\d\d|2[01]\d\d)\b/.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const parsed = new Date(ms);
  if (!/\d{1,2}:\d{2}/.test(text)) {
    // No time given: keep the calendar date as written (Date.parse read it as local midnight).
    return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  }
  return parsed.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
