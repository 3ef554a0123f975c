// @vitest-environment jsdom
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskApp } from '../../../components/desk/DeskApp';
import type { NewsItem } from '../../../utils/model/item';
import { PageStorage } from '../../../utils/storage/page-storage';
import { openTestDb } from '../../support/db';
import { makeItem } from '../export/fixtures';

/**
 * Issue 10, defect 10, in the Desk itself (Preact on jsdom, Dexie on fake-indexeddb): one
 * entry whose preview cannot be rendered fails alone, every item of the issue is shown, and
 * the draft beside them has every item.
 */

// liveQuery runs only where Dexie found an IndexedDB when it loaded; jsdom has none.
Dexie.dependencies.indexedDB = new IDBFactory();
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) render(null, host);
});

async function openDesk(items: NewsItem[]): Promise<HTMLElement> {
  history.replaceState(null, '', '/desk.html');
  const db = openTestDb();
  await db.items.bulkPut(items);
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  render(<DeskApp storage={new PageStorage(db)} newsletter="xmpp" initialIssue="2023-10" userNewsletters={[]} />, host);
  return host;
}

async function until<T>(read: () => T | null | undefined | false, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cards = (host: HTMLElement) => [...host.querySelectorAll<HTMLElement>('[data-card]')];
const draftText = (host: HTMLElement) => host.querySelector<HTMLTextAreaElement>('textarea[data-testid="draft"]')?.value ?? '';

describe('defect 10: the Desk shows every item, whatever one entry holds', () => {
  it('2,000 nested quotes and 100 KB of "a_" preview as bounded text; all three items and the whole draft are there', async () => {
    const items = [
      makeItem({ id: 'id-first', title: 'First', entry: '[First](https://example.org/1)', position: 0 }),
      makeItem({ id: 'id-quotes', title: 'Quotes', entry: `${'>'.repeat(2000)} x`, position: 1 }),
      makeItem({ id: 'id-long', title: 'Long', entry: 'a_'.repeat(50_000), position: 2 }),
    ];
    const host = await openDesk(items);
    await until(() => cards(host).length === 3 && draftText(host).includes('- [First]'), 'three cards and the draft');
    expect(cards(host).map((c) => c.dataset.card)).toEqual(['id-first', 'id-quotes', 'id-long']);
    const quotes = host.querySelector('[data-card="id-quotes"] .entry-preview');
    expect(quotes?.textContent).toContain('Shown as plain text: quotes or lists nest more than 32 deep.');
    const long = host.querySelector('[data-card="id-long"] .entry-preview');
    expect(long?.textContent).toContain('Preview of the first 2,000 of 100,000 characters.');
    const articles = draftText(host).split('\n## XMPP Articles\n\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(articles).toHaveLength(3);
    expect(articles[0]).toBe('- [First](https://example.org/1)');
    expect(articles[1]).toMatch(/^- \\>\\>\\>/);
    expect(articles[2]).toMatch(/^- a\\_a\\_/);
    expect(host.querySelector('[data-testid="draft-notices"]')?.textContent).toMatch(/3 changes|2 changes/);
  });

  it('a damaged record is shown apart with its reason; the others and the draft go on, the draft naming it', async () => {
    const damaged = makeItem({ id: 'id-damaged', title: 'Damaged', entry: 42 as unknown as string, position: 1 });
    const host = await openDesk([
      makeItem({ id: 'id-a', title: 'A', entry: 'Entry A', position: 0 }),
      damaged,
      makeItem({ id: 'id-c', title: 'C', entry: 'Entry C', position: 2 }),
    ]);
    await until(() => cards(host).length === 2 && draftText(host).includes('- Entry C'), 'two cards and the draft');
    expect(host.querySelector('[data-testid="damaged"]')?.textContent).toMatch(/1 record of this issue cannot be read.*“Damaged”: entry: /);
    expect(host.querySelector('[data-card="id-a"] .entry-preview')?.textContent?.trim()).toBe('Entry A');
    expect(draftText(host)).toContain(`- Entry A\n- TODO: Newsdesk could not include “Damaged” (${damaged.url.replace(/_/g, '\\_')}): its entry is not text (number)\n- Entry C`);
    expect(host.querySelector('[data-testid="draft-problems"]')?.textContent).toMatch(/One item could not be included as written.*“Damaged”: its entry is not text \(number\)/);
  });
});
