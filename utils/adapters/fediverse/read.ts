/**
 * Fediverse statuses (Mastodon and friends): the post's text and who wrote it. The page around
 * a status is an app shell (sign-up prompts, trending lists), so the status element itself is
 * the content. Server names, status paths and selectors are data (servers.json).
 */
import { clean } from '../../extract/text';
import type { PageAdapter, PageContext } from '../types';
import data from './servers.json';

const GENERATOR = new RegExp(data.generators.join('|'), 'i');
const STATUS_PATHS = data.statusPaths.map((p) => new RegExp(p));

/** A single status's URL (/@user/123456789 …) on a page that says it is a post or names its server software. */
function isStatus(page: PageContext): boolean {
  const path = page.location?.pathname;
  if (!path || !STATUS_PATHS.some((re) => re.test(path))) return false;
  return page.meta.ogType !== null || GENERATOR.test(page.meta.generator ?? '');
}

export function statusElement(doc: Document): Element | null {
  for (const selector of data.statusSelectors) {
    const el = doc.querySelector(selector);
    if (el && clean(el.textContent) !== '') return el;
  }
  return null;
}

/** "Gajim (@gajim@fosstodon.org)" — Mastodon's og:title is "Display name (@handle)". */
export function statusAuthor(ogTitle: string | null, username: string | null): string | null {
  const match = /^(.+?)\s*\((@[\w.-]+@[\w.-]+)\)$/.exec(clean(ogTitle));
  if (match) return `${match[1]} (${match[2]})`;
  const handle = clean(username);
  return handle ? `@${handle.replace(/^@/, '')}` : null;
}

export const fediverse: PageAdapter = {
  id: 'fediverse',
  kind: 'social',
  detect: isStatus,
  read: (page) => {
    const doc = page.doc;
    const author =
      page.meta.authors.length === 0
        ? statusAuthor(
            doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? null,
            doc.querySelector('meta[property="profile:username"]')?.getAttribute('content') ?? null,
          )
        : null;
    return {
      contentRoot: statusElement(doc),
      authors: author ? { names: [author], source: 'opengraph' } : null,
    };
  },
};
