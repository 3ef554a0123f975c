import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { NewsItem } from '../../utils/model/item';
import { makeItem } from '../unit/export/fixtures';
import { extensionForThisFile, seedItems } from './harness';

/**
 * An editor's pass over October 2023 in the Desk, in the built extension in Chromium: edit an
 * entry (seen at once in a second Desk tab, kept after reload), move an item to another section,
 * reorder with the keyboard, exclude one, delete and undo, search across issues, download the
 * draft. A hostile entry must render inert: no script runs, nothing is fetched.
 */

const ISSUE = '2023-10';
const EVIL_HOST = 'evil.example';

function item(id: string, title: string, section: string, position: number, extra: Partial<NewsItem> = {}): NewsItem {
  const url = `https://${title.toLowerCase().replace(/\W+/g, '-')}.example.org/news/`;
  return makeItem({
    id,
    title,
    url,
    canonicalUrl: url,
    siteName: title.split(' ')[0]!,
    entry: `[${title}](${url}) has been released.`,
    section,
    position,
    issue: ISSUE,
    status: 'draft',
    contributor: 'emus',
    ...extra,
  });
}

const GAJIM = item('id-gajim', 'Gajim 1.8.2', 'clients', 1);
const DINO = item('id-dino', 'Dino 0.4.3', 'clients', 2);
const CONVERSATIONS = item('id-conv', 'Conversations 2.13', 'clients', 3, { contributor: 'nicola' });
const SPAM = item('id-spam', 'Spammy Client 9', 'clients', 4);
const HOSTILE = item('id-evil', 'Hostile page', 'articles', 1, {
  entry: [
    `Look <img src="http://${EVIL_HOST}/pixel.png" onerror="window.__pwned = 1"> here`,
    `[click me](javascript:window.__pwned=2) and ![tracker](http://${EVIL_HOST}/track.gif)`,
    `<script>window.__pwned = 3</script><iframe src="http://${EVIL_HOST}/frame"></iframe>`,
  ].join(' '),
});
const SEPTEMBER = item('id-sept', 'Conversations 2.12', 'clients', 1, { issue: '2023-09' });
const SEED = [GAJIM, DINO, CONVERSATIONS, SPAM, HOSTILE, SEPTEMBER];


const ext = extensionForThisFile();

function deskUrl(): string {
  return `chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=${ISSUE}`;
}

async function openDesk(): Promise<Page> {
  const page = await ext.session.context.newPage();
  await page.goto(deskUrl());
  await page.getByTestId('summary').waitFor({ timeout: 30_000 });
  return page;
}

const card = (page: Page, id: string) => page.locator(`[data-card="${id}"]`);
const sectionCards = (page: Page, section: string) => page.locator(`[data-section="${section}"] [data-card]`);
const cardIds = (page: Page, section: string) => sectionCards(page, section).evaluateAll((els) => els.map((e) => e.getAttribute('data-card')));
const draftText = (page: Page) => page.getByTestId('draft').inputValue();

function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length + 1);
  const next = rest.search(/^#{2,3} /m);
  return `${heading}\n${next < 0 ? rest : rest.slice(0, next)}`;
}

describe('the Desk in Chromium', () => {
  it('reviews, edits, reorders and exports an issue; hostile entries stay inert', async () => {
    const requests: string[] = [];
    ext.session.context.on('request', (request) => requests.push(request.url()));
    const desk = await openDesk();
    let other: Page | undefined;
    try {
      await seedItems(desk, SEED);
      await desk.reload();
      await expect.poll(() => desk.getByTestId('summary').textContent(), { timeout: 30_000 }).toMatch(/^5 items in October 2023/);
      expect(await desk.getByTestId('summary').textContent()).toMatch(/still empty: .*Events/);
      expect(await cardIds(desk, 'clients')).toEqual(['id-gajim', 'id-dino', 'id-conv', 'id-spam']);
      expect(await desk.locator('[data-section="events"] .empty-note').textContent()).toContain('No events this month.');

      // The hostile entry, rendered in the list and in the open editor's live preview.
      await card(desk, HOSTILE.id).getByRole('button', { name: 'Edit' }).click();
      await card(desk, HOSTILE.id).locator('.entry-preview.live').waitFor();
      const preview = card(desk, HOSTILE.id).locator('.entry-preview.live');
      expect(await preview.textContent()).toContain('<img src=');
      expect(await preview.locator('img, script, iframe').count()).toBe(0);
      expect(await preview.locator('a', { hasText: 'click me' }).getAttribute('href')).toBeNull();
      await card(desk, HOSTILE.id).getByRole('button', { name: 'Close' }).click();

      // A second Desk tab sees edits from the first without reloading (Dexie liveQuery).
      other = await openDesk();
      await expect.poll(() => other!.getByTestId('summary').textContent(), { timeout: 30_000 }).toMatch(/^5 items/);

      // Edit an entry: saved as you type.
      const newEntry = '[Gajim 1.8.2](https://gajim.org/post/2023-10-29/) brings **better gateways** and a font size setting.';
      await card(desk, GAJIM.id).getByRole('button', { name: 'Edit' }).click();
      const entryField = card(desk, GAJIM.id).locator('textarea.entry-input');
      await entryField.fill(newEntry);
      expect(await card(desk, GAJIM.id).locator('.entry-preview.live strong').textContent()).toBe('better gateways');
      await card(desk, GAJIM.id).locator('.entry-edit .save-state[data-state="saved"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => card(other!, GAJIM.id).locator('.entry-preview').textContent(), { timeout: 30_000 }).toContain(
        'font size setting',
      );
      await expect.poll(() => draftText(desk)).toContain(`- ${newEntry}`);

      // Move Dino to Servers through the section list.
      await card(desk, DINO.id).getByRole('button', { name: 'Edit' }).click();
      await card(desk, DINO.id).locator('select[id^="section-"]').selectOption('servers');
      await expect.poll(() => cardIds(desk, 'servers'), { timeout: 30_000 }).toEqual([DINO.id]);
      expect(await cardIds(desk, 'clients')).toEqual(['id-gajim', 'id-conv', 'id-spam']);

      // Reorder with the keyboard: Conversations up above Gajim; focus stays on it.
      await card(desk, CONVERSATIONS.id).focus();
      await desk.keyboard.press('Alt+ArrowUp');
      await expect.poll(() => cardIds(desk, 'clients'), { timeout: 30_000 }).toEqual(['id-conv', 'id-gajim', 'id-spam']);
      expect(await desk.getByTestId('announce').textContent()).toBe('Moved “Conversations 2.13” to place 1 of 3 in XMPP Software News › Clients.');
      await expect.poll(() => desk.evaluate(() => document.activeElement?.getAttribute('data-card'))).toBe(CONVERSATIONS.id);
      await expect.poll(() => cardIds(other!, 'clients'), { timeout: 30_000 }).toEqual(['id-conv', 'id-gajim', 'id-spam']);

      // Exclude the spam item: it stays on the Desk, dimmed, but leaves the draft.
      await card(desk, SPAM.id).getByRole('button', { name: 'Edit' }).click();
      await card(desk, SPAM.id).getByRole('button', { name: 'Exclude' }).click();
      await expect.poll(() => card(desk, SPAM.id).getAttribute('class'), { timeout: 30_000 }).toContain('status-excluded');
      await expect.poll(() => draftText(desk)).not.toContain('Spammy Client');

      // Delete, then undo.
      await card(desk, CONVERSATIONS.id).getByRole('button', { name: 'Edit' }).click();
      await card(desk, CONVERSATIONS.id).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => cardIds(desk, 'clients'), { timeout: 30_000 }).toEqual(['id-gajim', 'id-spam']);
      await expect.poll(() => draftText(desk)).not.toContain('Conversations 2.13');
      await desk.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => cardIds(desk, 'clients'), { timeout: 30_000 }).toEqual(['id-conv', 'id-gajim', 'id-spam']);

      // Search across issues finds September's item too.
      await desk.getByRole('searchbox', { name: 'Search' }).fill('conversations');
      await expect.poll(() => desk.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('2 matches across all issues');
      expect(await desk.locator('[data-card]').count()).toBe(2);
      await desk.getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => desk.getByTestId('summary').textContent(), { timeout: 30_000 }).toMatch(/^5 items in October 2023/);

      // The edit survived a reload.
      await desk.reload();
      await card(desk, GAJIM.id).waitFor({ timeout: 30_000 });
      expect(await card(desk, GAJIM.id).locator('.entry-preview').textContent()).toContain('font size setting');

      // Export: the downloaded Markdown is the draft shown, with every change in it.
      await expect.poll(() => draftText(desk), { timeout: 30_000 }).toContain('font size setting');
      const downloading = desk.waitForEvent('download', { timeout: 30_000 });
      await desk.getByRole('button', { name: 'Download .md' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('2023-11-05-newsletter.md');
      const markdown = await readFile(await download.path(), 'utf8');
      expect(markdown).toBe(await draftText(desk));
      expect(markdown).toMatch(/^---\ntitle: The XMPP Newsletter October 2023\ndate: 2023-11-05\n/);
      const clients = sectionOf(markdown, '### XMPP Clients and Applications');
      expect(clients.match(/^- .*$/gm)).toEqual([
        `- ${CONVERSATIONS.entry}`,
        `- ${newEntry}`,
      ]);
      expect(sectionOf(markdown, '### XMPP Servers')).toContain(`- ${DINO.entry}`);
      expect(markdown).not.toContain('Spammy Client');
      expect(markdown).not.toContain('Conversations 2.12');
      expect(sectionOf(markdown, '## XMPP Articles')).toContain('window.__pwned = 1');

      // Nothing from the hostile entry ran or was fetched, in either tab.
      for (const page of [desk, other]) {
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      }
      expect(requests.filter((url) => url.includes(EVIL_HOST))).toEqual([]);
      // Control: an image the page itself adds is fetched and seen, so the check above can fail.
      const control = `http://${EVIL_HOST}/control.png`;
      const seen = desk.waitForRequest(control, { timeout: 30_000 });
      await desk.evaluate((src) => document.body.append(Object.assign(document.createElement('img'), { src })), control);
      await seen;
    } finally {
      await other?.close();
      await desk.close();
    }
  });
});
