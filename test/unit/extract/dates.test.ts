import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../utils/extract/dates';

describe('normalizeDate', () => {
  it('keeps the offset a page gives and adds seconds when missing', () => {
    expect(normalizeDate('2023-10-10T09:30:00+02:00')).toBe('2023-10-10T09:30:00+02:00');
    expect(normalizeDate('2023-10-10T09:30+0200')).toBe('2023-10-10T09:30:00+02:00');
    expect(normalizeDate('2023-10-10T09:30:00.123Z')).toBe('2023-10-10T09:30:00Z');
    expect(normalizeDate('2024-03-07T06:00:00+00:00')).toBe('2024-03-07T06:00:00Z');
  });

  it('reads a time without zone as UTC and keeps a bare date a date', () => {
    expect(normalizeDate('2023-10-10 09:30:00')).toBe('2023-10-10T09:30:00Z');
    expect(normalizeDate('2024-05-14')).toBe('2024-05-14');
    expect(normalizeDate('2024/5/4')).toBe('2024-05-04');
  });

  it('understands the usual written forms', () => {
    expect(normalizeDate('Mon, 02 Oct 2023 10:00:00 GMT')).toBe('2023-10-02T10:00:00Z');
    expect(normalizeDate('October 2, 2023')).toBe('2023-10-02');
  });

  it('rejects what is not a date', () => {
    expect(normalizeDate('not a date')).toBeNull();
    expect(normalizeDate('2023-02-30')).toBeNull();
    expect(normalizeDate('v1.2.3')).toBeNull();
    expect(normalizeDate('')).toBeNull();
    expect(normalizeDate(null)).toBeNull();
  });
});
