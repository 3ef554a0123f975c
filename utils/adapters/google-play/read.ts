/**
 * Google Play listings (play.google.com/store/apps/details?id=…): the app's name, its "What's
 * new" text, and the version when the page states it (JSON-LD softwareVersion, or the "Version"
 * row of "About this app"). Without a version the listing is an ordinary page.
 */
import { clean, textWithBreaks } from '../../extract/text';
import { appName, jsonLdSoftwareVersion, versionFromText } from '../release/app';
import type { PageAdapter, PageContext } from '../types';

function appId(page: PageContext): string | null {
  const url = page.location;
  if (!url || url.hostname !== 'play.google.com' || !/^\/store\/apps\/details\/?$/.test(url.pathname)) return null;
  return url.searchParams.get('id');
}

/** The "What's new" section's text element. */
function whatsNew(doc: Document): Element | null {
  for (const heading of doc.querySelectorAll('h2, h3, header')) {
    if (!/what[’']?s new/i.test(clean(heading.textContent))) continue;
    const section = heading.closest('section') ?? heading.parentElement;
    const body = section?.querySelector('[itemprop="description"], [data-g-id="description"]') ?? heading.nextElementSibling;
    if (body && clean(body.textContent)) return body;
  }
  return null;
}

/** "Version" followed by its value in the "About this app" facts. */
function aboutVersion(doc: Document): string | null {
  for (const label of doc.querySelectorAll('div, dt, span')) {
    if (label.children.length > 0 || clean(label.textContent) !== 'Version') continue;
    const value = label.nextElementSibling;
    const version = versionFromText(value?.textContent);
    if (version && /\d/.test(version)) return version;
  }
  return null;
}

export const googlePlay: PageAdapter = {
  id: 'google-play',
  kind: 'release',
  detect: (page) => appId(page) !== null,
  read: (page) => {
    const id = appId(page);
    if (!id) return null;
    const version = jsonLdSoftwareVersion(page) ?? aboutVersion(page.doc);
    if (!version) return null;
    const project = appName(page.title, [/\s+-\s+Apps on Google Play$/i]);
    const notes = whatsNew(page.doc);
    // Under its own heading, so that entries read it as what is new, not as what the app is.
    return { release: { project, version }, contentRoot: notes, ...(notes ? { contentMarkdown: `## What’s new\n\n${clean(textWithBreaks(notes))}` } : {}), title: project };
  },
};
