/**
 * Robustness over 130 real pages (Mozilla Readability's test pages, in ../shared): every page
 * must clip without throwing and give a title, some content, a section and an entry that links
 * the page.
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

/**
 * jsdom 27's stylesheet parser throws on a few real pages' <style> blocks (a jsdom bug; browsers
 * parse them). Those pages are parsed again without their <style> contents, which extraction
 * does not read anyway.
 */
function parsePage(html: string, virtualConsole: VirtualConsole): { dom: JSDOM; stylesDropped: boolean } {
  try {
    return { dom: new JSDOM(html, { url: PAGE_URL, virtualConsole }), stylesDropped: false };
  } catch {
    const withoutStyles = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>');
    return { dom: new JSDOM(withoutStyles, { url: PAGE_URL, virtualConsole }), stylesDropped: true };
  }
}

function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

describe('real pages corpus', () => {
  it('clips every page with a title, content, a section and an entry', () => {
    if (!existsSync(corpusDir)) {
      throw new Error(`Corpus folder missing: ${corpusDir} (expected ../shared beside the repository)`);
    }
    const names = readdirSync(corpusDir).filter((name) => existsSync(path.join(corpusDir, name, 'source.html'))).sort();
    expect(names.length).toBeGreaterThanOrEqual(100);

    // Page scripts never run and CSS errors are noise here.
    const virtualConsole = new VirtualConsole();
    const failures: string[] = [];
    let agree = 0;
    let compared = 0;
    let stylesDropped = 0;
    const entryLengths: number[] = [];
    const sectionIds = new Set(collectedSections(xmppNewsletter).map((sec) => sec.id));
    for (const name of names) {
      const html = readFileSync(path.join(corpusDir, name, 'source.html'), 'utf8');
      const parsed = parsePage(html, virtualConsole);
      const dom = parsed.dom;
      if (parsed.stylesDropped) stylesDropped += 1;
      try {
        const capture = capturePage(dom.window.document, { url: PAGE_URL });
        if (capture.title.trim() === '') failures.push(`${name}: empty title`);
        if (capture.contentMarkdown.trim() === '') failures.push(`${name}: empty content`);
        const { section } = suggestSection(capture, xmppNewsletter);
        if (!sectionIds.has(section)) failures.push(`${name}: proposed "${section}", not a section`);
        const entry = draftEntry(capture, xmppNewsletter, section);
        if (!entry.includes(`](${capture.canonicalUrl})`)) failures.push(`${name}: entry does not link the page: ${entry}`);
        // A page with a description or prose must get more than a bare link.
        const prose = capture.contentMarkdown.replace(/^#.*$/gm, '').replace(/!\[[^\]]*\]\([^)]*\)/g, '');
        const hasText = Boolean(capture.description) || (prose.match(/\p{L}/gu)?.length ?? 0) >= 40;
        if (hasText && /^\[[^\n]*\]\([^)\s]*\)$/.test(entry)) failures.push(`${name}: bare link entry`);
        const firstLine = entry.split('\n')[0] ?? '';
        entryLengths.push(firstLine.length);
        const metaPath = path.join(corpusDir, name, 'readability-metadata.json');
        if (existsSync(metaPath)) {
          const expected = (JSON.parse(readFileSync(metaPath, 'utf8')) as { title?: string | null }).title;
          if (expected) {
            compared += 1;
            if (normalizeTitle(expected) === normalizeTitle(capture.title)) agree += 1;
          }
        }
      } catch (error) {
        failures.push(`${name}: threw ${error instanceof Error ? error.stack : String(error)}`);
      } finally {
        dom.window.close();
      }
    }
    console.log(`corpus: ${names.length} pages, title agrees with Readability on ${agree}/${compared}; ${stylesDropped} parsed without <style> (jsdom CSS bug)`);
    const sorted = [...entryLengths].sort((a, b) => a - b);
    console.log(`corpus entries: median ${sorted[Math.floor(sorted.length / 2)]} chars, max ${sorted[sorted.length - 1]} (budget ${xmppNewsletter.entryBudget?.max})`);
    expect(failures).toEqual([]);
    // Not ground truth, but a collapse in agreement means title reading broke.
    expect(agree / compared).toBeGreaterThan(0.6);
  }, 120_000);
});
