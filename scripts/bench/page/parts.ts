/**
 * The clip pipeline's parts one by one, for `npm run bench -- profile <page>…`: where a slow
 * page spends its time in Chromium (bundled and evaluated in the page like page/ours.ts).
 */
import { suggestSection } from '../../../utils/categorize/suggest';
import { extractContent } from '../../../utils/extract/content';
import { readMetadata } from '../../../utils/extract/metadata';
import { capturePage } from '../../../utils/extract/page';
import { getPreset } from '../../../utils/presets';
import { draftEntry } from '../../../utils/summarize/entry';
import { plainPipeline } from './plain';

export function profileParts(doc: Document, url: string): Record<string, number> {
  const out: Record<string, number> = {};
  const time = <T>(label: string, fn: () => T): T => {
    const start = performance.now();
    const result = fn();
    out[label] = performance.now() - start;
    return result;
  };
  time('plain (cold)', () => plainPipeline(doc));
  time('clone document', () => doc.cloneNode(true));
  time('readMetadata', () => readMetadata(doc, url));
  time('extractContent', () => extractContent(doc, url));
  const capture = time('capturePage (all of extraction)', () => capturePage(doc, { url }));
  const preset = getPreset('xmpp');
  const suggestion = time('suggestSection', () => suggestSection(capture, preset, { sites: {}, projects: {} }));
  time('draftEntry', () => draftEntry(capture, preset, suggestion.section));
  time('plain (warm)', () => plainPipeline(doc));
  time('extractContent (warm)', () => extractContent(doc, url));
  time('readMetadata (warm)', () => readMetadata(doc, url));
  return out;
}
