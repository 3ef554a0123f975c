/**
 * The page's main content as Markdown: Readability picks the article out of a clone of the
 * document (it mutates what it is given), Turndown writes it as Markdown. When Readability finds
 * nothing, or the page is too big to score, the <main>/<article>/<body> text is converted
 * instead. Never throws.
 */
import { Readability } from '@mozilla/readability';
import { codeLanguage, createConverter, tidyMarkdown } from './markdown';
import { clean } from './text';
import { absoluteUrl } from './url';

export interface ContentResult {
  markdown: string;
  /** Characters of text in the chosen content (not of the Markdown). */
  textLength: number;
  /** True when Readability found the article; false for the fallback. */
  fromReadability: boolean;
  /** The element the Markdown was made from (detached); null when only text could be read. */
  root?: Element | null;
}

/**
 * Above these sizes Readability's scoring gets slow enough to be felt (a 500,000-character
 * Wikipedia article took 2.2 s on jsdom, 0.6 s in Chromium); such pages take the budgeted
 * fallback, whose first 100,000 characters are more than any entry needs. Real articles are
 * far smaller (the extraction-dev median is ~10,000 characters).
 */
export const MAX_ELEMENTS = 30_000;
export const MAX_TEXT_CHARS = 300_000;
/**
 * Readability's scoring grows with the square of nesting depth (500 levels took 17 s on jsdom);
 * real articles nest well under 100 levels, and Chromium's parser caps pages at 512.
 */
export const MAX_DEPTH = 200;
/**
 * Cloning is recursive in the browser: a tree a script built 10,000 levels deep crashed
 * Chromium's renderer (the tab). Past the parser's own cap of 512 only the page's text is read.
 */
export const MAX_CLONE_DEPTH = 512;
/** How much text the fallback converts from a huge page. */
const FALLBACK_TEXT_BUDGET = 100_000;

/**
 * Consent overlays: small blocks that name cookies/consent in their id, class or label. One
 * pass with one regular expression: seven case-insensitive substring selectors cost as much as
 * cloning the document on jsdom.
 */
const CONSENT_CANDIDATES = '[id], [class], [aria-label]';
const CONSENT_WORDS = /cookie|consent|gdpr/i;

function namesConsent(el: Element): boolean {
  return CONSENT_WORDS.test(`${el.id} ${el.getAttribute('class') ?? ''} ${el.getAttribute('aria-label') ?? ''}`);
}

/** Page chrome the fallback drops; Readability removes it on its own. */
const CHROME_SELECTOR = 'nav, aside, [role="navigation"], [role="banner"], [role="contentinfo"], body > header, body > footer';

/** The URL relative links resolve against: <base href> when the page sets one. */
export function documentBaseUrl(doc: Document, pageUrl: string): string {
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  return (base && absoluteUrl(base, pageUrl)) || pageUrl;
}

/** A table used for page layout (one cell, or cells holding paragraphs and lists), not data. */
function isLayoutTable(table: Element): boolean {
  const cells = table.querySelectorAll('td, th');
  return cells.length <= 1 || table.querySelector('td p, td div, td ul, td ol, td table, td h1, td h2, td h3, td pre') !== null;
}

/** Replace a table by its cells' contents, in order. */
function unwrap(table: Element): void {
  const doc = table.ownerDocument;
  const box = doc.createElement('div');
  for (const cell of [...table.querySelectorAll('td, th')]) {
    if (cell.closest('table') !== table) continue;
    const part = doc.createElement('div');
    while (cell.firstChild) part.appendChild(cell.firstChild);
    box.appendChild(part);
  }
  table.replaceWith(box);
}

/**
 * Changes to a clone before extraction: code languages move to data-lang (Readability strips
 * classes), consent banners go.
 */
function prepare(root: Document | Element | DocumentFragment): void {
  for (const pre of root.querySelectorAll('pre')) {
    const language = codeLanguage(pre);
    if (language) pre.setAttribute('data-lang', language);
  }
  for (const table of [...root.querySelectorAll('table')].reverse()) {
    if (isLayoutTable(table)) unwrap(table);
  }
  for (const el of [...root.querySelectorAll(CONSENT_CANDIDATES)].filter(namesConsent)) {
    if (/^(HTML|BODY|MAIN|ARTICLE)$/.test(el.nodeName) || el.querySelector('main, article')) continue;
    if ((el.textContent ?? '').length < 3000) el.remove();
  }
}

function toMarkdown(root: Node, baseUrl: string): string {
  try {
    return tidyMarkdown(createConverter(baseUrl).turndown(root as HTMLElement));
  } catch {
    // Pathological markup (very deep nesting) can defeat Turndown; plain text is still useful.
    return clean(root.textContent);
  }
}

function runReadability(doc: Document): Element | null {
  const clone = doc.cloneNode(true) as Document;
  prepare(clone);
  let found: Element | null = null;
  try {
    const article = new Readability<Element>(clone, {
      charThreshold: 300,
      keepClasses: false,
      maxElemsToParse: MAX_ELEMENTS,
      // Keep the element: serialising to HTML and parsing it again would cost time and need innerHTML.
      serializer: (node) => node as Element,
    }).parse();
    found = article?.content ?? null;
  } catch {
    found = null;
  }
  return found && clean(found.textContent) !== '' ? found : null;
}

/**
 * A copy of `node` holding about `budget` characters of its text: whole children while they
 * fit, then the first part of the child that does not. Copying only what is kept matters on a
 * huge page, where a full clone costs more than the rest of the clip.
 */
function cloneWithinBudget(node: Node, budget: { left: number }): Node {
  const copy = node.cloneNode(false);
  for (let child = node.firstChild; child && budget.left > 0; child = child.nextSibling) {
    const length = child.textContent?.length ?? 0;
    if (length <= budget.left) {
      copy.appendChild(child.cloneNode(true));
      budget.left -= length;
    } else if (child.nodeType === 1 /* ELEMENT_NODE */) {
      copy.appendChild(cloneWithinBudget(child, budget));
    } else {
      copy.appendChild(child.cloneNode(false));
      copy.lastChild!.textContent = (child.textContent ?? '').slice(0, budget.left);
      budget.left = 0;
    }
  }
  return copy;
}

function fallbackRoot(doc: Document, budget: number | null): Element | null {
  const source = doc.querySelector('main, [role="main"]') ?? doc.querySelector('article') ?? doc.body;
  if (!source) return null;
  const copy = (budget === null ? source.cloneNode(true) : cloneWithinBudget(source, { left: budget })) as Element;
  prepare(copy);
  for (const el of [...copy.querySelectorAll(CHROME_SELECTOR)]) el.remove();
  return copy;
}

/** Whether elements under `root` nest deeper than `limit`: one iterative pass, stops early. */
export function nestsDeeperThan(root: Element, limit: number): boolean {
  let depth = 0;
  let node: Element | null = root;
  while (node) {
    const child: Element | null = node.firstElementChild;
    if (child) {
      if (++depth > limit) return true;
      node = child;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) {
      node = node.parentElement;
      depth--;
    }
    node = node && node !== root ? node.nextElementSibling : null;
  }
  return false;
}

/** Elements whose text a reader never sees: inline CSS and scripts can be most of a page's bytes. */
const INVISIBLE_TEXT_PARENTS = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The text of `root` a reader could see (text inside <style>, <script>, <template> and
 * <noscript> left out), or null as soon as it grows past `limit` characters.
 */
export function visibleText(root: Node, limit: number): string | null {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  let total = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode;
    if (parent && INVISIBLE_TEXT_PARENTS.has(parent.nodeName.toUpperCase())) continue;
    const data = (node as Text).data;
    total += data.length;
    if (total > limit) return null;
    parts.push(data);
  }
  return parts.join(' ');
}

/** Whether `root` holds more than `limit` characters of visible text; stops counting at the limit. */
export function visibleTextExceeds(root: Node, limit: number): boolean {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let total = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode;
    if (parent && INVISIBLE_TEXT_PARENTS.has(parent.nodeName.toUpperCase())) continue;
    total += (node as Text).data.length;
    if (total > limit) return true;
  }
  return false;
}

export function extractContent(doc: Document, pageUrl: string): ContentResult {
  const baseUrl = documentBaseUrl(doc, pageUrl);
  const elementCount = doc.getElementsByTagName('*').length;
  const huge =
    elementCount > MAX_ELEMENTS ||
    (doc.body !== null && visibleTextExceeds(doc.body, MAX_TEXT_CHARS)) ||
    (doc.body !== null && nestsDeeperThan(doc.body, MAX_DEPTH));

  const article = huge ? null : runReadability(doc);
  if (article) {
    return { markdown: toMarkdown(article, baseUrl), textLength: clean(article.textContent).length, fromReadability: true, root: article };
  }
  // The page's text, cut to the budget, is still worth clipping when the tree cannot be cloned.
  const textOnly = (): ContentResult => {
    const text = clean(doc.body?.textContent).slice(0, FALLBACK_TEXT_BUDGET);
    return { markdown: text, textLength: text.length, fromReadability: false };
  };
  if (huge && doc.body !== null && nestsDeeperThan(doc.body, MAX_CLONE_DEPTH)) return textOnly();
  let root: Element | null;
  try {
    root = fallbackRoot(doc, huge ? FALLBACK_TEXT_BUDGET : null);
  } catch {
    return textOnly(); // a stack overflow while cloning (jsdom throws where Chromium crashes)
  }
  if (!root) return { markdown: '', textLength: 0, fromReadability: false };
  return { markdown: toMarkdown(root, baseUrl), textLength: clean(root.textContent).length, fromReadability: false, root };
}

/** The user's selection (Range#cloneContents() or an element) as Markdown. */
export function selectionToMarkdown(fragment: DocumentFragment | Element, baseUrl: string): string {
  const copy = fragment.cloneNode(true) as DocumentFragment | Element;
  prepare(copy);
  return toMarkdown(copy, baseUrl);
}
