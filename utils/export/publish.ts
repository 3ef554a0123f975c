import { shiftIssue } from '../model/issue';
import type { NewsletterPreset } from '../presets/types';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

/** The issue's publication date: the preset's publish day of the following month. */
export function defaultPublishDate(preset: NewsletterPreset, issue: string): string {
  return `${shiftIssue(issue, 1)}-${String(preset.publishDay).padStart(2, '0')}`;
}

/**
 * File name for the exported draft: "2023-11-05-newsletter.md". This is the name xsf/xmpp.org
 * gives its issues (content/blog/newsletter/YYYY-MM-DD-newsletter.md), so the export can be
 * dropped into a pull request as it is; the date is the publication date, like the site's.
 */
export function draftFileName(preset: NewsletterPreset, issue: string, publishDate?: string): string {
  const date = publishDate ?? defaultPublishDate(preset, issue);
  if (!isIsoDate(date)) throw new Error(`Not a date: "${date}" (expected YYYY-MM-DD)`);
  return `${date}-newsletter.md`;
}
