/**
 * Golden tests: every adapter keeps saved pages in its folder (utils/adapters/<adapter>/
 * fixtures) with the reviewed item fields, section and entry an editor should get. Real pages
 * wherever one shows the shape; each file says where its page comes from.
 * `UPDATE_FIXTURES=1 npx vitest run --project unit test/unit/adapters/golden.test.ts` rewrites
 * the expected values of the existing files (keeping their fields), then read the diff by eye.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestSection } from '../../../utils/categorize/suggest';
import { capturePage } from '../../../utils/extract/page';
import type { PageCapture } from '../../../utils/model/capture';
import { getPreset } from '../../../utils/presets';
import { draftEntry } from '../../../utils/summarize/entry';
import { goldenFixtures, loadPage, type GoldenFile } from './fixtures';

const update = process.env['UPDATE_FIXTURES'] === '1';
/** Content kept in a golden file only up to this size; bigger pages compare the other fields. */
const MAX_GOLDEN_CONTENT = 20_000;

function run(golden: GoldenFile): { item: PageCapture; section: string; also: string[]; entry: string; current: string | null } {
  const dom = loadPage(golden.page, golden.url);
  try {
    const item = capturePage(dom.window.document, { url: golden.url });
    const preset = getPreset(golden.preset ?? 'xmpp-2023');
    const suggestion = suggestSection(item, preset);
    const section = golden.draftFor ?? suggestion.section;
    // The same page in today's form, when the fixture is for an older shape of the newsletter.
    const current = preset.id === 'xmpp' ? null : draftEntry(item, getPreset('xmpp'), section);
    return { item, section: suggestion.section, also: suggestion.also ?? [], entry: draftEntry(item, preset, section), current };
  } finally {
    dom.window.close();
  }
}

const fixtures = goldenFixtures();

describe('golden fixtures: item fields, section and entry per adapter', () => {
  it('has fixtures for most adapters', () => {
    expect(new Set(fixtures.map((f) => f.adapter)).size).toBeGreaterThanOrEqual(12);
  });

  for (const { adapter, name, file, golden } of fixtures) {
    it(`${adapter}: ${name}`, () => {
      const actual = run(golden);
      const { url: _url, selectionMarkdown: _selection, ...item } = actual.item;
      if (update) {
        const keys = Object.keys(golden.item ?? {}).length > 0 ? Object.keys(golden.item) : Object.keys(item);
        const kept = Object.fromEntries(
          keys.filter((k) => k !== 'contentMarkdown' || item.contentMarkdown.length <= MAX_GOLDEN_CONTENT).map((k) => [k, item[k as keyof typeof item]]),
        );
        const { also: _also, ...rest } = golden;
        const { current: _current, ...older } = rest;
        const next: GoldenFile = { ...older, item: kept, section: actual.section, ...(actual.also.length ? { also: actual.also } : {}), entry: actual.entry, ...(actual.current !== null ? { current: actual.current } : {}) };
        writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
        return;
      }
      expect(golden.origin, 'every fixture says where its page comes from').toMatch(/^(real|invented): /);
      // Field by field, so that a failure names the field.
      expect(actual.item.title).toBe(golden.item.title);
      expect(actual.item.kind).toBe(golden.item.kind);
      expect(actual.section).toBe(golden.section);
      expect(actual.also).toEqual(golden.also ?? []);
      expect(actual.entry).toBe(golden.entry);
      expect(actual.current, 'the entry in today’s form').toBe(golden.current ?? null);
      for (const [key, value] of Object.entries(golden.item)) {
        expect(item[key as keyof typeof item], key).toEqual(value);
      }
    }, 30_000);
  }
});
