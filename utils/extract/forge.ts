/**
 * Release and tag pages on code forges: the notes sit in one rendered-Markdown box among a lot
 * of chrome (asset lists, avatars, commit counters). Reading that box directly gives the notes
 * as the maintainers wrote them, where a generic extractor would keep the chrome or nest the
 * notes inside a list item (Forgejo's release list).
 */
import { clean } from './text';

/** The rendered release notes, most specific selectors first (GitHub, Forgejo/Gitea, GitLab). */
const NOTES_SELECTORS = [
  '[data-test-selector="body-content"]',
  '.release-entry .markdown-body, [data-hpc] .markdown-body',
  '#release-list .markup, .release-list .markup, .release-entry .markup',
  '[data-testid="release-description"]',
  '.release-block .md, .js-release-block .md',
  '.tag-message .md, .tag-message pre, .content .tag-message',
  '.markdown-body',
];

export function forgeNotes(doc: Document): Element | null {
  for (const selector of NOTES_SELECTORS) {
    const el = doc.querySelector(selector);
    if (el && clean(el.textContent).length > 0) return el;
  }
  return null;
}

/** Who published the release, as the forge shows it next to "released this". */
export function forgeAuthor(doc: Document): string | null {
  const el = doc.querySelector(
    '#release-list .author a, .release-list .author a, [data-testid="release-author-name"], .release-block .author a, .Box-body a.Link--muted[href^="/"]',
  );
  const name = clean(el?.getAttribute('data-username') ?? el?.textContent).replace(/^@/, '');
  return name && name.length <= 60 ? name : null;
}
