import { afterEach, describe, expect, it } from 'vitest';
import { renderDraft } from '../../../utils/export/draft';
import type { NewsItem } from '../../../utils/model/item';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { ItemStore, positionBetween } from '../../../utils/storage/items';
import { facetCounts, filterItems, isFilterActive, itemSite, queryTerms } from '../../../utils/storage/queries';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { openTestDb } from '../../support/db';
import { steppingNow } from '../../support/store';
import { makeItem } from '../export/fixtures';

const storeOf = (d: NewsdeskDb) => new ItemStore(d, { now: steppingNow() });
const reorderItem = (d: NewsdeskDb, id: string, index: number) => storeOf(d).reorder(id, index);

let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

async function seeded(items: NewsItem[]): Promise<NewsdeskDb> {
  db = openTestDb();
  await db.items.bulkPut(items);
  return db;
}

/** Titles of the live items of a section, in the order the draft uses. */
async function sectionTitles(d: NewsdeskDb, section: string, issue = '2023-10'): Promise<string[]> {
  return (await new ItemStore(d).listIssue('xmpp', issue)).items.filter((i) => i.section === section).map((i) => i.title);
}

describe('ItemStore.listNewsletter', () => {
  it('returns live items of every issue of one newsletter, newest issue first, in section order', async () => {
    const d = await seeded([
      makeItem({ title: 'Oct b', position: 2 }),
      makeItem({ title: 'Oct a', position: 1 }),
      makeItem({ title: 'Nov', issue: '2023-11' }),
      makeItem({ title: 'Gone', deletedAt: '2023-10-20T00:00:00.000Z' }),
      makeItem({ title: 'Other newsletter', newsletter: 'weekly' }),
    ]);
    expect(((await new ItemStore(d).listNewsletter('xmpp')).items).map((i) => i.title)).toEqual(['Nov', 'Oct a', 'Oct b']);
  });
});

describe('search and filters', () => {
  const items = [
    makeItem({ title: 'Gajim 1.8.2 released', section: 'clients', contributor: 'emus', status: 'ready', siteName: 'Gajim' }),
    makeItem({
      title: 'Running a server',
      url: 'https://blog.snikket.example/2024/01/pi/',
      canonicalUrl: 'https://blog.snikket.example/2024/01/pi/',
      siteName: null,
      entry: 'A guide to **group chat** on a Raspberry Pi.',
      contributor: 'nicola',
      status: 'draft',
      issue: '2023-09',
    }),
    makeItem({ title: 'XEP-0045 update', section: 'xep-updated', entry: 'Version 1.35.5 of MUC', status: 'excluded', contributor: 'emus' }),
  ];

  it('matches title, URL, entry text and site, case-insensitively, across issues', () => {
    const titles = (query: string) => filterItems(items, { query }).map((i) => i.title);
    expect(titles('GAJIM')).toEqual(['Gajim 1.8.2 released']);
    expect(titles('snikket.example')).toEqual(['Running a server']);
    expect(titles('raspberry')).toEqual(['Running a server']);
    expect(titles('"Example Blog"')).toEqual(['XEP-0045 update']);
  });

  it('needs every word, and keeps a quoted phrase together', () => {
    expect(queryTerms('  "Group Chat"  pi ')).toEqual(['group chat', 'pi']);
    expect(filterItems(items, { query: 'group pi' })).toHaveLength(1);
    expect(filterItems(items, { query: '"chat group"' })).toHaveLength(0);
    expect(filterItems(items, { query: 'gajim muc' })).toHaveLength(0);
  });

  it('filters by section, status, site, contributor and issue, combined with the query', () => {
    expect(filterItems(items, { section: 'clients' }).map((i) => i.title)).toEqual(['Gajim 1.8.2 released']);
    expect(filterItems(items, { status: 'excluded' }).map((i) => i.title)).toEqual(['XEP-0045 update']);
    expect(filterItems(items, { site: 'blog.snikket.example' }).map((i) => i.title)).toEqual(['Running a server']);
    expect(filterItems(items, { contributor: 'emus' })).toHaveLength(2);
    expect(filterItems(items, { contributor: 'emus', query: 'xep' }).map((i) => i.title)).toEqual(['XEP-0045 update']);
    expect(filterItems(items, { issue: '2023-09' }).map((i) => i.title)).toEqual(['Running a server']);
    expect(isFilterActive({ query: '  ' })).toBe(false);
    expect(isFilterActive({ status: 'ready' })).toBe(true);
  });

  it('sees an edit at once: a changed item is a new object and is searched afresh', () => {
    const first = items[0]!;
    expect(filterItems([first], { query: 'dino' })).toHaveLength(0);
    expect(filterItems([{ ...first, entry: 'Now about Dino' }], { query: 'dino' })).toHaveLength(1);
  });

  it('names the site by its site name, else by host without www', () => {
    expect(itemSite(items[1]!)).toBe('blog.snikket.example');
    expect(itemSite(makeItem({ siteName: ' ', canonicalUrl: 'https://www.example.com/a' }))).toBe('example.com');
    expect(facetCounts(items).contributors).toEqual([
      { value: 'emus', count: 2 },
      { value: 'nicola', count: 1 },
    ]);
  });

  it('searches 10,000 items across issues in memory, fast enough to filter as you type', () => {
    // The Desk reads the collection once (liveQuery) and filters in memory on each keystroke.
    const many = Array.from({ length: 10_000 }, (_, i) =>
      makeItem({ issue: `20${10 + (i % 14)}-${String((i % 12) + 1).padStart(2, '0')}`, entry: `Entry number ${i} about XMPP` }),
    );
    many[7777] = { ...many[7777]!, entry: 'The one about Prosody 0.12.4' };
    let started = performance.now();
    const cold = filterItems(many, { query: 'prosody 0.12' });
    const coldMs = performance.now() - started;
    started = performance.now();
    const warm = filterItems(many, { query: 'prosody 0.12.4' });
    const warmMs = performance.now() - started;
    expect(cold.map((i) => i.entry)).toEqual(['The one about Prosody 0.12.4']);
    expect(warm).toEqual(cold);
    expect(filterItems(many, { query: 'xmpp', issue: '2013-04' })).toHaveLength(many.filter((i) => i.issue === '2013-04').length);
    console.log(`[bench] search 10,000 items: first query ${coldMs.toFixed(1)} ms (builds the index), next keystroke ${warmMs.toFixed(1)} ms`);
  });
});

describe('ItemStore.reorder', () => {
  function section(...titles: string[]): NewsItem[] {
    return titles.map((title, i) => makeItem({ title, entry: `[${title}](https://example.org/${title})`, section: 'clients', position: i + 1 }));
  }

  it('moves an item up and down, writing only the moved item, and the draft follows', async () => {
    const items = section('A', 'B', 'C', 'D');
    const d = await seeded([...items, makeItem({ title: 'Other section', section: 'servers', position: 1 })]);
    const written = await reorderItem(d, items[3]!.id, 1);
    expect(written.map((i) => i.title)).toEqual(['D']);
    expect(await sectionTitles(d, 'clients')).toEqual(['A', 'D', 'B', 'C']);

    await reorderItem(d, items[0]!.id, 3);
    expect(await sectionTitles(d, 'clients')).toEqual(['D', 'B', 'C', 'A']);
    await reorderItem(d, items[1]!.id, 0);
    expect(await sectionTitles(d, 'clients')).toEqual(['B', 'D', 'C', 'A']);

    const draft = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: await d.items.toArray() });
    const order = ['B', 'D', 'C', 'A'].map((t) => draft.indexOf(`[${t}]`));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('stamps the moved item as edited, so a merge sees the newer order', async () => {
    const items = section('A', 'B');
    const d = await seeded(items);
    const [moved] = await reorderItem(d, items[1]!.id, 0);
    expect(moved?.updatedAt).toBe('2023-11-01T10:00:01.000Z');
    expect((await d.items.get(items[0]!.id))?.updatedAt).toBe(items[0]!.updatedAt);
  });

  it('does nothing when the item is already there, and clamps out-of-range targets', async () => {
    const items = section('A', 'B', 'C');
    const d = await seeded(items);
    expect(await reorderItem(d, items[1]!.id, 1)).toEqual([]);
    await reorderItem(d, items[0]!.id, 99);
    expect(await sectionTitles(d, 'clients')).toEqual(['B', 'C', 'A']);
    await reorderItem(d, items[0]!.id, -5);
    expect(await sectionTitles(d, 'clients')).toEqual(['A', 'B', 'C']);
  });

  it('renumbers when neighbours share a position, writing only items whose position changes', async () => {
    // Items imported from an old version can share a position (ties broken by creation time).
    const items = ['A', 'B', 'C'].map((title, i) =>
      makeItem({ title, section: 'clients', position: 5, createdAt: `2023-10-0${i + 1}T00:00:00.000Z` }),
    );
    const d = await seeded(items);
    const written = await reorderItem(d, items[2]!.id, 1);
    expect(await sectionTitles(d, 'clients')).toEqual(['A', 'C', 'B']);
    expect(written.map((i) => i.title).sort()).toEqual(['A', 'B', 'C']);
    const again = await reorderItem(d, items[0]!.id, 1);
    expect(again.map((i) => i.title)).toEqual(['A']);
    expect(await sectionTitles(d, 'clients')).toEqual(['C', 'A', 'B']);
  });

  it('ignores deleted items and other sections when counting places', async () => {
    const items = section('A', 'B', 'C');
    const gone = makeItem({ title: 'Gone', section: 'clients', position: 1.5, deletedAt: '2023-10-20T00:00:00.000Z' });
    const d = await seeded([...items, gone]);
    await reorderItem(d, items[2]!.id, 1);
    expect(await sectionTitles(d, 'clients')).toEqual(['A', 'C', 'B']);
  });

  it('refuses a deleted item with a plain message and changes nothing', async () => {
    const gone = makeItem({ deletedAt: '2023-10-20T00:00:00.000Z' });
    const d = await seeded([gone]);
    await expect(reorderItem(d, gone.id, 0)).rejects.toThrow(/no longer in the collection/);
    expect(await d.items.get(gone.id)).toEqual(gone);
  });

  it('finds a position strictly between neighbours, or says there is none', () => {
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(undefined, 3)).toBe(2);
    expect(positionBetween(3, undefined)).toBe(4);
    expect(positionBetween(2, 2)).toBeNull();
    expect(positionBetween(1, 1 + Number.EPSILON)).toBeNull();
    expect(positionBetween(Number.NaN, 3)).toBeNull();
  });
});

describe('the Desk’s other edits go through the item store', () => {
  it('moves an item to another section and issue (appended), marks it, deletes and undoes', async () => {
    const items = [makeItem({ title: 'A', section: 'clients', position: 1 }), makeItem({ title: 'S', section: 'servers', position: 7 })];
    const d = await seeded(items);
    const collection = storeOf(d);
    await collection.edit(items[0]!.id, { section: 'servers' });
    expect(await sectionTitles(d, 'servers')).toEqual(['S', 'A']);
    await collection.edit(items[0]!.id, { issue: '2023-11' });
    expect(await sectionTitles(d, 'servers', '2023-11')).toEqual(['A']);
    await collection.edit(items[0]!.id, { status: 'excluded' });
    expect(renderDraft({ preset: xmppNewsletter, issue: '2023-11', items: await d.items.toArray() })).not.toContain('[A]');
    await collection.remove(items[1]!.id);
    expect(await sectionTitles(d, 'servers')).toEqual([]);
    await collection.restore(items[1]!.id);
    expect(await sectionTitles(d, 'servers')).toEqual(['S']);
    expect((await d.items.get(items[1]!.id))?.position).toBe(7);
  });
});
