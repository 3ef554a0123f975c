/**
 * Fediverse statuses (Mastodon and friends): the post's text and who wrote it. The page around
 * a status is an app shell (sign-up prompts, trending lists), so the status element itself is
 * the content.
 */
import { clean } from './text';

/** Mastodon's detailed status, then generic microformats/markup other servers use. */
const STATUS_SELECTORS = [
  '.detailed-status .status__content__text',
  '.detailed-status .status__content',
  '.entry-center .e-content, .activity-stream .e-content',
  '.h-entry .e-content',
  '[data-testid="note-text"], .note .text',
];

export function statusElement(doc: Document): Element | null {
  for (const selector of STATUS_SELECTORS) {
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
