import { publishDateFor } from '../model/issue';
import { issueVariables, renderTemplate } from './template';
import type { NewsletterPreset } from '../presets/types';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

/** The issue's publication date: the preset's publish day of the following month (or week). */
export function defaultPublishDate(preset: NewsletterPreset, issue: string): string {
  return publishDateFor(issue, preset.publishDay);
}

/**
 * File name for the exported draft: "2023-11-05-newsletter.md". This is the name xsf/xmpp.org
 * gives its issues (content/blog/newsletter/YYYY-MM-DD-newsletter.md), so the export can be
 * dropped into a pull request as it is; the date is the publication date, like the site's.
 */
export function draftFileName(preset: NewsletterPreset, issue: string, publishDate?: string): string {
  const date = publishDate ?? defaultPublishDate(preset, issue);
  if (!isIsoDate(date)) throw new Error(`Not a date: "${date}" (expected YYYY-MM-DD)`);
  if (!preset.fileNameTemplate) return `${date}-newsletter.md`;
  const vars = issueVariables({
    newsletterName: preset.name,
    titleTemplate: preset.titleTemplate,
    issue,
    publishDate: date,
    contributors: '',
  });
  // A user's template must still give one safe file name: no folders, no odd characters.
  const name = renderTemplate(preset.fileNameTemplate, vars)
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|-+$/g, '');
  return /\.(md|markdown)$/i.test(name) ? name : `${name || date}.md`;
}
