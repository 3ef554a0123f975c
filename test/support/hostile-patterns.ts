import { suggestSection } from '../../utils/categorize/suggest';
import { renderDraft } from '../../utils/export/draft';
import { getPreset } from '../../utils/presets';
import type { NewsletterPreset } from '../../utils/presets/types';
import { makeCapture } from './capture';

/**
 * Run as a child process by test/unit/presets/pattern.test.ts, which kills it after a deadline:
 * categorizes and exports one URL with a newsletter whose URL patterns are `argv[2]` (JSON),
 * and prints what it found. A backtracking matcher never gets to print.
 */
const patterns = JSON.parse(process.argv[2] ?? '[]') as string[];
const url = process.argv[3] ?? '';
const base = getPreset('xmpp');
const preset: NewsletterPreset = {
  ...base,
  sections: base.sections.map((s) => (s.id === 'events' ? { ...s, hints: { ...s.hints, urlPatterns: patterns } } : s)),
  entryPrefixes: [{ prefix: '[event]', urlPatterns: patterns }],
};
const capture = makeCapture({ url, canonicalUrl: url, kind: 'page', release: null, title: 'A page' });
const section = suggestSection(capture, preset).section;
const draft = renderDraft({
  preset,
  issue: '2023-10',
  items: [{ ...JSON.parse(JSON.stringify(capture)), id: 'x', newsletter: 'xmpp', issue: '2023-10', section: 'articles', entry: 'Entry', status: 'draft', position: 0, contributor: '', createdAt: '2023-10-01T00:00:00.000Z', updatedAt: '2023-10-01T00:00:00.000Z', deletedAt: null }],
});
process.stdout.write(JSON.stringify({ section, prefixed: draft.includes('- [event] Entry') }));
