import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveFormatError } from '../../../utils/archive/import';
import { composeDraft } from '../../../utils/export/draft';
import { getPreset } from '../../../utils/presets';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence, steppingNow } from '../../support/store';
import { headingTree, sharedDir } from '../export/fixtures';

/**
 * Importing a published issue or the team's pad through the store (real Dexie on
 * fake-indexeddb): one item per entry, and the re-import rules — what no editor changed follows
 * the file, what an editor changed is kept and reported, deleted items stay deleted — with the
 * issue's credited names joining its details. Nothing is dropped silently.
 */

const xmpp = getPreset('xmpp');
let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

async function fresh(contributor = 'emus') {
  db = openTestDb();
  await db.settings.put({ key: 'contributor', value: contributor });
  const now = steppingNow(Date.parse('2026-04-01T10:00:00Z'));
  return { items: new ItemStore(db, { now, newId: idSequence() }), meta: new IssueMetaStore(db, { now }) };
}

function pad(lines: { articles?: string[]; clients?: string[]; contributors?: string; extra?: string[] } = {}): string {
  return [
    '---',
    'title: The XMPP Newsletter March 2026',
    'date: 2026-04-05',
    '---',
    '',
    '## XMPP Articles',
    '',
    ...(lines.articles ?? ['- [Spaces in XMPP](https://mov.im/spaces), by Timothée.', '- [Our new BanBot](https://dan.envs.net/banbot), by ~dan.']),
    '',
    '## XMPP Software News',
    '',
    '### XMPP Clients and Applications',
    '',
    ...(lines.clients ?? ['- [Gajim](https://gajim.org/) has released version [2.4.7](https://gajim.org/post/247) of its chat app.']),
    '',
    ...(lines.extra ?? []),
    '### Newsletter Contributors & Translations',
    '',
    '- Contributors:',
    `  - To [this issue](/categories/newsletter/): *${lines.contributors ?? 'emus, cal0pteryx'}*`,
    '',
  ].join('\n');
}

/** The issue's live items by section, in their order. */
const titles = async (items: ItemStore) =>
  (await items.listIssue('xmpp', '2026-03')).items.sort((a, b) => a.section.localeCompare(b.section) || a.position - b.position).map((i) => [i.section, i.title]);

describe('ItemStore.importArchive', () => {
  it('imports the published March 2026 issue: one item per entry in its section, the teaser and the credited names in the issue’s details', async () => {
    const { items, meta } = await fresh();
    const markdown = readFileSync(path.join(sharedDir, 'reference/xmpp-newsletter-2026-04-05.md'), 'utf8');
    const preview = await items.previewArchive(markdown, xmpp, { file: '2026-04-05-newsletter.md' });
    expect(await db!.items.count()).toBe(0);
    const report = await items.importArchive(markdown, xmpp, { file: '2026-04-05-newsletter.md' });
    expect(report).toEqual(preview);
    expect(report.issue).toBe('2026-03');
    expect(report.keptEdited).toEqual([]);
    const stored = (await items.listIssue('xmpp', '2026-03')).items;
    expect(stored).toHaveLength(report.added);
    expect(report.sections.reduce((n, s) => n + s.entries, 0)).toBe(report.added);
    expect(report.sections.find((s) => s.section === 'articles')).toMatchObject({ path: 'Articles', entries: 11, added: 11 });
    expect(stored.every((i) => i.source?.kind === 'archive' && i.drafted === i.entry && i.updatedBy === 'emus')).toBe(true);
    const details = (await meta.get('xmpp', '2026-03'))!;
    expect(details.contributors).toEqual(['emus', 'cal0pteryx', 'Gonzalo Raúl Nemmi', 'Ludovic Bocquet', 'Sairam Bisoyi', 'XSF iTeam']);
    expect(details.summary).toMatch(/^In this issue: Two XMPP Events, learn about Spaces in XMPP/);
    expect(report.meta).toEqual({ contributorsAdded: details.contributors, summary: 'taken', blocksOn: [] });
    // Exported again, the section tree is the published one.
    const { markdown: again } = composeDraft({ preset: xmpp, issue: '2026-03', items: stored, meta: details });
    expect(headingTree(again)).toEqual(headingTree(markdown));
    // Importing the same file again changes nothing.
    const second = await items.importArchive(markdown, xmpp, { file: '2026-04-05-newsletter.md' });
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: report.added, meta: { contributorsAdded: [], summary: 'same', blocksOn: [] } });
    // Nor does pasting it (another file name).
    expect(await items.importArchive(markdown, xmpp, { file: 'pasted.md' })).toMatchObject({ added: 0, updated: 0, unchanged: report.added, notInFile: [] });
  });

  it('a re-import updates what nobody edited, keeps what an editor changed or deleted, and says so', async () => {
    const { items } = await fresh();
    await items.importArchive(pad(), xmpp, { file: 'pad.md' });
    const [spaces, banbot] = (await items.listIssue('xmpp', '2026-03')).items.filter((i) => i.section === 'articles');
    const gajim = (await items.listIssue('xmpp', '2026-03')).items.find((i) => i.section === 'clients')!;
    await items.edit(spaces!.id, { entry: 'The editor’s own words on [Spaces](https://mov.im/spaces).' });
    await items.remove(banbot!.id);

    // The pad changed: every entry reworded, one added.
    const changed = pad({
      articles: ['- [Spaces in XMPP](https://mov.im/spaces), by Timothée Jaussoin.', '- [Our new BanBot](https://dan.envs.net/banbot), by ~dan (updated).', '- [A third one](https://example.org/third).'],
      clients: ['- [Gajim](https://gajim.org/) has released version [2.4.7](https://gajim.org/post/247) of its free chat app.'],
    });
    const report = await items.importArchive(changed, xmpp, { file: 'pad.md' });
    expect(report).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect(report.keptEdited).toEqual([{ id: spaces!.id, title: spaces!.title, section: 'articles', why: 'its entry was edited' }]);
    expect(report.keptDeleted).toEqual([{ id: banbot!.id, title: banbot!.title, section: 'articles' }]);
    expect(report.lines.join('\n')).toContain('Kept as edited: “Spaces in XMPP” (Articles): its entry was edited; the file’s version was not applied.');
    expect(report.lines.join('\n')).toContain('Kept deleted: “Our new BanBot” (Articles)');

    expect((await items.get(spaces!.id))?.entry).toBe('The editor’s own words on [Spaces](https://mov.im/spaces).');
    expect((await items.get(banbot!.id))?.deletedAt).not.toBeNull();
    const updated = (await items.get(gajim.id))!;
    expect(updated.entry).toMatch(/of its free chat app\.$/);
    expect(updated.drafted).toBe(updated.entry);
    expect(updated.ancestors).toContain(gajim.hlc);
    expect(await titles(items)).toEqual([
      ['articles', 'Spaces in XMPP'],
      ['articles', 'A third one'],
      ['clients', 'Gajim'],
    ]);
  });

  it('an item an editor moved to another issue or section is kept where it is, never imported twice', async () => {
    const { items } = await fresh();
    await items.importArchive(pad(), xmpp, { file: 'pad.md' });
    const [spaces, banbot] = (await items.listIssue('xmpp', '2026-03')).items.filter((i) => i.section === 'articles');
    await items.edit(spaces!.id, { issue: '2026-04' });
    await items.edit(banbot!.id, { section: 'servers' });
    const report = await items.importArchive(pad(), xmpp, { file: 'pad.md' });
    expect(report.added).toBe(0);
    expect(report.keptEdited.map((k) => k.why)).toEqual(['it was moved to 2026-04', 'it was moved to XMPP Software News › Servers']);
    expect((await items.listIssue('xmpp', '2026-04')).items.map((i) => i.id)).toEqual([spaces!.id]);
    expect(await db!.items.count()).toBe(3);
  });

  it('entries no longer in the pad are kept and listed; lines the reader cannot place are reported', async () => {
    const { items } = await fresh();
    await items.importArchive(pad(), xmpp, { file: 'pad.md' });
    const report = await items.importArchive(pad({ articles: ['- [Spaces in XMPP](https://mov.im/spaces), by Timothée.'], extra: ['## Odds and ends', '', 'A note for the editors.', ''] }), xmpp, { file: 'pad.md' });
    expect(report.notInFile.map((r) => r.title)).toEqual(['Our new BanBot']);
    expect(report.lines.join('\n')).toContain('No longer in the file: “Our new BanBot” (Articles) from an earlier import is kept');
    expect(report.notices).toEqual([expect.stringMatching(/^“## Odds and ends” is not a section of The XMPP Newsletter: imported as a subsection of /)]);
    expect(report.lines.some((l) => l.startsWith('Reading the file: “## Odds and ends”'))).toBe(true);
    expect(await db!.items.count()).toBe(4);
  });

  it('credited names join the issue’s details (union), an editor’s teaser and block choices are never overwritten', async () => {
    const { items, meta } = await fresh();
    await meta.update('xmpp', '2026-03', { summary: 'The editor’s teaser', contributors: ['Alice', 'EMUS'], blocks: { 'public-channels': false } });
    const markdown = pad({ contributors: 'emus, cal0pteryx' })
      .replace('---\n\n', 'summary: "In this issue: from the pad"\n---\n\n')
      .replace('### Newsletter Contributors', '## XMPP Public channels\n\nNew rooms are created every day.\n\n### Newsletter Contributors');
    const report = await items.importArchive(markdown, xmpp, { file: 'pad.md' });
    expect(report.meta).toEqual({ contributorsAdded: ['cal0pteryx'], summary: 'kept', blocksOn: [] });
    const details = (await meta.get('xmpp', '2026-03'))!;
    expect(details).toMatchObject({ summary: 'The editor’s teaser', contributors: ['Alice', 'EMUS', 'cal0pteryx'], blocks: { 'public-channels': false } });
    // In a fresh collection the printed block is switched on.
    const other = await fresh();
    expect((await other.items.importArchive(markdown, xmpp, { file: 'pad.md' })).meta.blocksOn).toEqual(['public-channels']);
  });

  it('a clip of the same page already in the issue stays, beside the imported entry, and is named', async () => {
    const { items } = await fresh();
    const url = 'https://gajim.org/post/247';
    await items.saveClip({ capture: makeCapture({ url, canonicalUrl: 'https://gajim.org/' }), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: 'Clipped Gajim', title: 'Gajim 2.4.7' }, { kind: 'create' });
    const report = await items.importArchive(pad(), xmpp, { file: 'pad.md' });
    expect(report.alsoInIssue.map((a) => a.title)).toEqual(['Gajim']);
    expect((await items.listIssue('xmpp', '2026-03')).items.filter((i) => i.section === 'clients')).toHaveLength(2);
  });

  it('a file that does not say its month is refused in words until the issue is given; nothing is written', async () => {
    const { items } = await fresh();
    const bare = pad().replace(/^---[\s\S]*?---\n/, '');
    await expect(items.importArchive(bare, xmpp, { file: 'pad.md' })).rejects.toThrow(ArchiveFormatError);
    await expect(items.importArchive(bare, xmpp, { file: 'pad.md' })).rejects.toThrow(/does not say which month it covers/);
    expect(await db!.items.count()).toBe(0);
    const report = await items.importArchive(bare, xmpp, { file: 'pad.md', issue: '2026-05' });
    expect(report).toMatchObject({ issue: '2026-05', added: 3 });
  });
});
