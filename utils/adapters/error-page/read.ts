/**
 * Error pages: a 404 or 410 a site served, or a "soft 404" (served as a normal page that only
 * says the page is missing). Such a page is not what the user meant to clip; the capture says
 * so in words the popup can show. Phrases are data (phrases.json).
 */
import { visibleText } from '../../extract/content';
import { clean } from '../../extract/text';
import { canonicalUrl } from '../../extract/url';
import type { PageAdapter, PageContext } from '../types';
import data from './phrases.json';
import type { ErrorPageInfo } from './fields';

const TITLES = data.titles.map((p) => new RegExp(p, 'iu'));
const BODY = new RegExp(data.body.join('|'), 'iu');
const STATUS_TEXT: Readonly<Record<string, string>> = data.statusText;
/**
 * A page with more visible text than this is a real page that mentions an error, not an error
 * page: more room when the title says "404", less when only the body says "not found".
 */
const MAX_TEXT_WITH_ERROR_TITLE = 5000;
const MAX_TEXT_SOFT_404 = 2500;
/** Words a title may keep besides the error phrase: the site's name ("Page not found – Gajim"). */
const MAX_LEFTOVER_WORDS = 4;

interface TitleMatch {
  status: number | null;
  line: string;
}

/** The error phrase when it is (almost) the whole line: "404 Not Found", "Page not found | Site". */
function errorLine(line: string): TitleMatch | null {
  const text = clean(line);
  if (!text || text.length > 120) return null;
  for (const re of TITLES) {
    const match = re.exec(text);
    if (!match) continue;
    const leftover = text.slice(match[0].length).replace(/^[\s\p{P}]+/u, '');
    if (leftover.split(/\s+/).filter(Boolean).length > MAX_LEFTOVER_WORDS) continue;
    const status = match.groups?.['status'];
    return { status: status ? Number(status) : null, line: text };
  }
  return null;
}

function mainRoot(page: PageContext): Element | null {
  return page.doc.querySelector('main, [role="main"], article') ?? page.doc.body;
}

function describe(status: number | null): string {
  if (status === 410) return 'This page says it is gone (410 Gone): the site removed it. Newsdesk clipped the error page, not the page you meant.';
  if (status !== null) {
    const text = STATUS_TEXT[String(status)];
    return `This is an error page (${status}${text ? ` ${text}` : ''}), not the page you meant: the address may be wrong or the page was removed.`;
  }
  return 'This page only says that the page you wanted was not found; Newsdesk clipped that message, not the page you meant.';
}

interface ErrorReading {
  error: ErrorPageInfo;
  /** The line that says so ("Page not found · GitHub"), the best title such a page has. */
  title: string | null;
}

/** The page's error, or null for a real page. */
export function readErrorPage(page: PageContext): ErrorReading | null {
  const titles = [clean(page.doc.querySelector('title')?.textContent), page.meta.title ?? '', clean(page.doc.querySelector('h1')?.textContent)];
  const matches = titles.map(errorLine).filter((m): m is TitleMatch => m !== null);
  // "404" in the h1 says more than "Page not found" in the title.
  const byTitle = matches.find((m) => m.status !== null) ?? matches[0] ?? null;
  const root = mainRoot(page);
  if (!root) return null;
  const text = visibleText(root, byTitle ? MAX_TEXT_WITH_ERROR_TITLE : MAX_TEXT_SOFT_404);
  if (text === null) return null;
  const title = matches[0]?.line ?? null;
  if (byTitle) return { error: { status: byTitle.status, message: describe(byTitle.status) }, title };
  return BODY.test(clean(text)) ? { error: { status: null, message: describe(null) }, title } : null;
}

export const errorPage: PageAdapter = {
  id: 'error-page',
  kind: 'error',
  detect: (page) => readErrorPage(page) !== null,
  read: (page) => {
    const found = readErrorPage(page);
    // An error page's canonical link and og:title are the site's, not the missing page's.
    return found ? { error: found.error, canonicalUrl: canonicalUrl(page.url), ...(found.title ? { title: found.title } : {}) } : null;
  },
};
