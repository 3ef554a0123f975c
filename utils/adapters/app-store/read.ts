/**
 * Apple App Store listings (apps.apple.com/…/app/…/id123): the app's name, the latest version
 * from "What's New" / "Version History" and its notes. Without a version, an ordinary page.
 */
import { normalizeDate } from '../../extract/dates';
import { clean, textWithBreaks } from '../../extract/text';
import { appName, jsonLdSoftwareVersion, versionFromText } from '../release/app';
import type { PageAdapter, PageContext } from '../types';

function isListing(page: PageContext): boolean {
  const url = page.location;
  return url !== null && url.hostname === 'apps.apple.com' && /\/app\/(?:[^/]+\/)?id\d+\/?$/.test(url.pathname);
}

const VERSION_SELECTORS = ['.whats-new__latest__version', '[data-test-version]', '.version-history__item__version-number'];
const NOTES_SELECTORS = ['.whats-new__content [data-test-bidi]', '.whats-new__content', '.version-history__item__release-notes'];

function first(doc: Document, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    if (el && clean(el.textContent)) return el;
  }
  return null;
}

export const appStore: PageAdapter = {
  id: 'app-store',
  kind: 'release',
  detect: isListing,
  read: (page) => {
    if (!isListing(page)) return null;
    const version = versionFromText(first(page.doc, VERSION_SELECTORS)?.textContent) ?? jsonLdSoftwareVersion(page);
    if (!version || !/\d/.test(version)) return null;
    const project = appName(page.title, [/\s+on the App Store$/i, /\s+(?:im|in|dans l’|en el) App Store$/i]);
    // The version's own date; JSON-LD's datePublished is the app's first release.
    const released = normalizeDate(page.doc.querySelector('.whats-new time[datetime], .whats-new__latest time[datetime]')?.getAttribute('datetime'));
    const notes = first(page.doc, NOTES_SELECTORS);
    // Under its own heading, so that entries read it as what is new, not as what the app is.
    return {
      release: { project, version },
      contentRoot: notes,
      ...(notes ? { contentMarkdown: `## What’s New\n\n${clean(textWithBreaks(notes))}` } : {}),
      title: project,
      ...(released ? { publishedAt: released } : {}),
    };
  },
};
