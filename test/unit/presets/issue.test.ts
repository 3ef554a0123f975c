import { describe, expect, it } from 'vitest';
import {
  isIssueKey,
  issueCadence,
  issueForDate,
  issueLabel,
  issueRange,
  parseIssue,
  parseIssueKey,
  periodText,
  publishDateFor,
  shiftIssue,
} from '../../../utils/model/issue';

describe('monthly issue keys (the default, unchanged)', () => {
  it('files a date under its local calendar month', () => {
    expect(issueForDate(new Date(2023, 9, 31, 23, 59))).toBe('2023-10');
    expect(issueForDate(new Date(2024, 0, 1, 0, 0), 'monthly')).toBe('2024-01');
  });

  it('shifts across years both ways', () => {
    expect(shiftIssue('2023-12', 1)).toBe('2024-01');
    expect(shiftIssue('2024-01', -1)).toBe('2023-12');
    expect(shiftIssue('2023-10', 15)).toBe('2025-01');
  });

  it('labels, ranges and publishes', () => {
    expect(issueLabel('2023-10')).toBe('October 2023');
    expect(issueRange('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodText('2023-10')).toBe('1–31 October 2023');
    expect(publishDateFor('2023-10', 5)).toBe('2023-11-05');
    expect(publishDateFor('2023-12', 5)).toBe('2024-01-05');
    // A day past the month's end is the month's last day, never an invalid date.
    expect(publishDateFor('2024-01', 31)).toBe('2024-02-29');
  });

  it('keeps parseIssueKey strictly monthly', () => {
    expect(parseIssueKey('2023-10')).toEqual({ year: 2023, month: 10 });
    expect(() => parseIssueKey('2024-W07')).toThrow(/YYYY-MM/);
  });
});

describe('weekly issue keys (ISO 8601 weeks)', () => {
  it('files dates under their ISO week, including the weeks that straddle a year', () => {
    expect(issueForDate(new Date(2024, 1, 12), 'weekly')).toBe('2024-W07'); // a Monday
    expect(issueForDate(new Date(2024, 1, 18, 23, 30), 'weekly')).toBe('2024-W07'); // its Sunday night
    expect(issueForDate(new Date(2021, 0, 3), 'weekly')).toBe('2020-W53');
    expect(issueForDate(new Date(2024, 11, 30), 'weekly')).toBe('2025-W01');
    expect(issueForDate(new Date(2026, 0, 1), 'weekly')).toBe('2026-W01');
  });

  it('knows which years have a week 53', () => {
    expect(isIssueKey('2020-W53')).toBe(true);
    expect(isIssueKey('2026-W53')).toBe(true);
    expect(isIssueKey('2024-W53')).toBe(false);
    expect(isIssueKey('2024-W00')).toBe(false);
    expect(isIssueKey('2024-W7')).toBe(false);
  });

  it('tells the cadence of a key, and checks a key against one', () => {
    expect(issueCadence('2024-W07')).toBe('weekly');
    expect(issueCadence('2024-02')).toBe('monthly');
    expect(issueCadence('2024-13')).toBeNull();
    expect(isIssueKey('2024-W07', 'monthly')).toBe(false);
    expect(isIssueKey('2024-W07', 'weekly')).toBe(true);
    expect(parseIssue('2024-W07')).toEqual({ cadence: 'weekly', year: 2024, week: 7 });
    expect(() => parseIssue('2024-W54')).toThrow(/ISO week/);
  });

  it('shifts by weeks across year ends', () => {
    expect(shiftIssue('2024-W52', 1)).toBe('2025-W01');
    expect(shiftIssue('2020-W52', 1)).toBe('2020-W53');
    expect(shiftIssue('2021-W01', -1)).toBe('2020-W53');
    expect(shiftIssue('2024-W07', 52)).toBe('2025-W07');
  });

  it('gives the Monday-to-Sunday range, a label and the publish weekday of the next week', () => {
    expect(issueRange('2024-W07')).toEqual({ start: '2024-02-12', end: '2024-02-18' });
    expect(issueRange('2025-W01')).toEqual({ start: '2024-12-30', end: '2025-01-05' });
    expect(issueLabel('2024-W07')).toBe('Week 7, 2024 (12–18 February)');
    expect(periodText('2024-W05')).toBe('29 January – 4 February 2024');
    expect(periodText('2025-W01')).toBe('30 December 2024 – 5 January 2025');
    expect(publishDateFor('2024-W07', 3)).toBe('2024-02-21'); // Wednesday after
    expect(publishDateFor('2024-W52', 1)).toBe('2024-12-30');
  });

  it('agrees with itself for every day of 2019–2027: each day lies in the range of its week', () => {
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const day = new Date(t);
      const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
      const key = issueForDate(local, 'weekly');
      const { start, end } = issueRange(key);
      const iso = day.toISOString().slice(0, 10);
      if (iso < start || iso > end) throw new Error(`${iso} filed under ${key} (${start}..${end})`);
      expect(shiftIssue(shiftIssue(key, 1), -1)).toBe(key);
    }
  });
});
