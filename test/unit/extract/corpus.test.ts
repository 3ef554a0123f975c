/**
 * Robustness over 130 real pages (Mozilla Readability's test pages, in ../shared): every page
 * must clip without throwing and give a title, some content, a section and an entry that links
 * the page. One test per page, each with its own time bound: a busy 2-core machine slows every
 * page a little, and one wall-clock limit over the whole corpus turned that into a failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { suggestSection } from '../../../utils/categorize/suggest';
import { capturePage } from '../../../utils/extract/page';
import { collectedSections } from '../../../utils/presets/types';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { draftEntry } from '../../../utils/summarize/entry';

const repoRoot = path.resolve(__dirname, '../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/pages');
// The corpus pages do not carry their URL; Readability's own tests use this one.
const PAGE_URL = 'http://fakehost/test/page.html';
/** Per page: parsing (jsdom) and the clip of the biggest page take ~3 s on a loaded machine. */
const PAGE_TIMEOUT = 30_000;

/**
 * jsdom 27's stylesheet parser throws on a few real pages' <style> blocks (a jsdom bug; browsers
 * parse them). Those pages are parsed again without their <style> contents, which extraction
 * does not read anyway.
 */
function parsePage(html: string): JSDOM {
  // Page scripts never run and CSS errors are noise here.
  try {
    return new JSDOM(html, { url: PAGE_URL, virtualConsole: new VirtualConsole() });
  } catch {
    const withoutStyles = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>');
    return new JSDOM(withoutStyles, { url: PAGE_URL, virtualConsole: new VirtualConsole() });
  }
}

function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

if (!existsSync(corpusDir)) {
  throw new Error(`Corpus folder missing: ${corpusDir} (expected ../shared beside the repository)`);
}
const names = readdirSync(corpusDir).filter((name) => existsSync(path.join(corpusDir, name, 'source.html'))).sort();
const sectionIds = new Set(collectedSections(xmppNewsletter).map((sec) => sec.id));
const titles = { agree: 0, compared: 0 };

describe('real pages corpus', () => {
  it('has the pages', () => {
    expect(names.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(names)('%s', (name) => {
    it('clips with a title, content, a section and an entry that links the page', () => {
      const dom = parsePage(readFileSync(path.join(corpusDir, name, 'source.html'), 'utf8'));
      try {
        const capture = capturePage(dom.window.document, { url: PAGE_URL });
        expect(capture.title.trim(), 'title').not.toBe('');
        expect(capture.contentMarkdown.trim(), 'content').not.toBe('');
        const { section } = suggestSection(capture, xmppNewsletter);
        expect(sectionIds.has(section), `proposed "${section}", not a section`).toBe(true);
        const entry = draftEntry(capture, xmppNewsletter, section);
        expect(entry, 'entry links the page').toContain(`](${capture.canonicalUrl})`);
        // A page with a description or prose must get more than a bare link.
        const prose = capture.contentMarkdown.replace(/^#.*$/gm, '').replace(/!\[[^\]]*\]\([^)]*\)/g, '');
        const hasText = Boolean(capture.description) || (prose.match(/\p{L}/gu)?.length ?? 0) >= 40;
        if (hasText) expect(entry, 'bare link entry').not.toMatch(/^\[[^\n]*\]\([^)\s]*\)$/);
        const metaPath = path.join(corpusDir, name, 'readability-metadata.json');
        const expected = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { title?: string | null }).title : null;
        if (expected) {
          titles.compared += 1;
          if (normalizeTitle(expected) === normalizeTitle(capture.title)) titles.agree += 1;
        }
      } finally {
        dom.window.close();
      }
    }, PAGE_TIMEOUT);
  });

  // Runs after the pages (tests in a file run in order). Not ground truth, but a collapse in
  // agreement means title reading broke.
  it('agrees with Readability on most titles', () => {
    expect(titles.compared).toBeGreaterThanOrEqual(100);
    console.log(`corpus: title agrees with Readability on ${titles.agree}/${titles.compared}`);
    expect(titles.agree / titles.compared).toBeGreaterThan(0.6);
  });
});
