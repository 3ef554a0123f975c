import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../../../utils/export/draft';
import { getPreset } from '../../../utils/presets';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { monthChanges, type MonthChanges } from '../../../utils/xeps/changes';
import { loadMonthHistory } from '../../../utils/xeps/history';
import { GitHistory } from '../../../utils/xeps/source-git';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence, steppingNow } from '../../support/store';
import { xepsClone } from '../../support/xeps-clone';

/**
 * A month's XEP changes added to a collection through the store (real Dexie on fake-indexeddb,
 * the real xsf/xeps history): one item per change, in the issue's XEP subsections, entries as
 * the golden month has them; running it again updates, never duplicates, and never overwrites
 * an entry an editor edited (the difference is reported instead).
 */

const xmpp = getPreset('xmpp');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const goldenLines = (month: string) =>
  readFileSync(path.join(repoRoot, `test/fixtures/xeps/golden/${month}.md`), 'utf8')
    .replace(/^<!--[\s\S]*?-->\n/, '')
    .split('\n')
    .filter((l) => l.startsWith('- '));

let march: MonthChanges;
let october: MonthChanges;
beforeAll(async () => {
  const git = new GitHistory(xepsClone());
  march = monthChanges(await loadMonthHistory(git, '2026-03'));
  october = monthChanges(await loadMonthHistory(git, '2025-10'));
}, 120_000);

let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

async function fresh() {
  db = openTestDb();
  await db.settings.put({ key: 'contributor', value: 'editor' });
  return new ItemStore(db, { now: steppingNow(Date.parse('2026-04-01T10:00:00Z')), newId: idSequence() });
}

describe('ItemStore.importXepChanges', () => {
  it('adds March 2026 as six items; the draft prints each golden entry once; a second run changes nothing', { timeout: 60_000 }, async () => {
    const items = await fresh();
    const preview = await items.previewXepChanges(march, xmpp);
    expect(await db!.items.count()).toBe(0);
    const report = await items.importXepChanges(march, xmpp);
    expect(report).toEqual(preview);
    expect(report).toMatchObject({ month: '2026-03', issue: '2026-03', added: 6, updated: 0, unchanged: 0, keptEdited: [] });
    expect(report.lines[0]).toBe('XEP changes of 2026-03 for the 2026-03 issue: 6 added, 0 updated, 0 unchanged.');
    const stored = (await items.listIssue('xmpp', '2026-03')).items;
    expect(stored.map((i) => i.section).sort()).toEqual(['xep-last-call', 'xep-proposed', 'xep-updated', 'xep-updated', 'xep-updated', 'xep-updated']);
    expect(stored.every((i) => i.source?.kind === 'xeps' && i.source.repository === 'xsf/xeps' && i.drafted === i.entry && i.updatedBy === 'editor')).toBe(true);
    const { markdown } = composeDraft({ preset: xmpp, issue: '2026-03', items: stored });
    for (const line of goldenLines('2026-03')) expect(markdown.split('\n').filter((l) => l === line)).toHaveLength(1);

    const again = await items.importXepChanges(march, xmpp);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 6 });
    expect(await db!.items.count()).toBe(6);
  });

  it('a second run keeps an edited entry and shows the difference, follows the source elsewhere, keeps a deletion', { timeout: 60_000 }, async () => {
    const items = await fresh();
    await items.importXepChanges(march, xmpp);
    const stored = (await items.listIssue('xmpp', '2026-03')).items;
    const edited = stored.find((i) => i.title.startsWith('XEP-0461'))!;
    const deleted = stored.find((i) => i.title.startsWith('XEP-0473'))!;
    await items.edit(edited.id, { entry: `${edited.entry} Editor’s own words.` });
    await items.remove(deleted.id);

    // The XEP editor fixes a remark after the first run: the same month read again.
    const fixed: MonthChanges = structuredClone(march);
    for (const change of fixed.changes) {
      const revision = change.revisions[0];
      if (revision && (change.number === '0461' || change.number === '0493' || change.number === '0473')) {
        revision.remark = [[{ kind: 'text', text: 'A corrected remark.' }]];
      }
    }
    const report = await items.importXepChanges(fixed, xmpp);
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    expect(report.keptEdited).toEqual([
      expect.objectContaining({ id: edited.id, why: 'its entry was edited', yours: `${edited.entry} Editor’s own words.`, drafted: expect.stringContaining('- A corrected remark.') }),
    ]);
    expect(report.keptDeleted).toEqual([expect.objectContaining({ id: deleted.id })]);
    expect(report.lines).toContain(`Kept deleted: “${deleted.title}” (Extensions and specifications › XEP Updated) was deleted here; restore it in the Desk if you want it back.`);
    const after = new Map((await items.listIssue('xmpp', '2026-03')).items.map((i) => [i.id, i]));
    expect(after.get(edited.id)!.entry).toBe(`${edited.entry} Editor’s own words.`);
    expect(after.has(deleted.id)).toBe(false);
    const oauth = [...after.values()].find((i) => i.title.startsWith('XEP-0493'))!;
    expect(oauth.entry).toBe('Version 0.1.1 of [XEP-0493](/extensions/xep-0493.html) (OAuth Client Login)\n  - A corrected remark. (XEP Editor: dg)');
    expect(oauth.drafted).toBe(oauth.entry);
    expect(await db!.items.count()).toBe(6);
  });

  it('one XEP twice in a month (two versions of XEP-0060 in October 2025: one entry, its latest) is one item; a clipped page of a drafted XEP is reported, not merged', { timeout: 60_000 }, async () => {
    const items = await fresh();
    const clipped = 'https://xmpp.org/extensions/xep-0060.html';
    await items.saveClip(
      { capture: makeCapture({ url: clipped, canonicalUrl: clipped, title: 'XEP-0060: Publish-Subscribe' }), newsletter: 'xmpp', issue: '2025-10', section: 'xep-updated', entry: 'Clipped by hand', title: 'XEP-0060: Publish-Subscribe' },
      { kind: 'create' },
    );
    const report = await items.importXepChanges(october, xmpp);
    expect(report.added).toBe(october.changes.length);
    const pubsub = (await items.listIssue('xmpp', '2025-10')).items.filter((i) => i.canonicalUrl === clipped);
    expect(pubsub.map((i) => i.entry.split('\n')[0])).toEqual(expect.arrayContaining(['Clipped by hand', 'Version 1.28.0 of [XEP-0060](/extensions/xep-0060.html) (Publish-Subscribe)']));
    expect(pubsub).toHaveLength(2);
    expect(report.alsoClipped).toEqual([expect.objectContaining({ title: 'XEP-0060: Publish-Subscribe', section: 'xep-updated' })]);
  });
});
