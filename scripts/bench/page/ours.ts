/**
 * Newsdesk's clip pipeline as one function, bundled by esbuild (bundle.ts) for evaluation in
 * a served page, and imported as is in Node: everything between the click and a filled popup
 * except messaging — capture (metadata, main content, Markdown, kind), section, entry.
 */
import { suggestSection } from '../../../utils/categorize/suggest';
import { safeCapture } from '../../../utils/extract/page';
import { getPreset } from '../../../utils/presets';
import { draftEntry } from '../../../utils/summarize/entry';

export interface OursResult {
  ok: boolean;
  markdownChars: number;
  section: string | null;
  entryChars: number;
}

export function ourPipeline(doc: Document, url: string): OursResult {
  const result = safeCapture(doc, { url, selection: null });
  if (!result.ok) return { ok: false, markdownChars: 0, section: null, entryChars: 0 };
  const preset = getPreset('xmpp');
  // An empty memory: the first clip from a site, the common case.
  const suggestion = suggestSection(result.capture, preset, { sites: {}, projects: {} });
  const entry = draftEntry(result.capture, preset, suggestion.section);
  return { ok: true, markdownChars: result.capture.contentMarkdown.length, section: suggestion.section, entryChars: entry.length };
}
