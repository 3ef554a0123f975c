import { stat } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeItem } from '../unit/export/fixtures';
import { extensionForThisFile, seedItems } from './harness';

/**
 * Issue 10 in the real extension: a collection larger than Chrome's 64 MiB message limit is
 * backed up and imported from the options page, and two Desks editing one entry never
 * overwrite each other silently.
 */


const ext = extensionForThisFile();

const MIB = 1024 * 1024;

/** The extension's IndexedDB, read or cleared from one of its pages (no eval: the page's CSP forbids it). */
function clearItems(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('newsdesk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('items', 'readwrite');
      tx.objectStore('items').clear();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

function itemTotals(page: Page): Promise<{ count: number; chars: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('newsdesk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<Array<{ contentMarkdown: string }>>((resolve, reject) => {
      const request = db.transaction('items').objectStore('items').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { count: all.length, chars: all.reduce((n, i) => n + i.contentMarkdown.length, 0) };
  });
}

describe('a collection over 64 MiB (issue 10, defect 2)', () => {
  it('is backed up to one file and imported from it, with nothing lost', async () => {
    const options = await ext.session.context.newPage();
    try {
      await options.goto(`chrome-extension://${ext.session.extensionId}/options.html`);
      await options.getByRole('button', { name: 'Download a backup' }).waitFor({ timeout: 30_000 });
      // 70 items of 1,000,000 characters of clipped text each: 70 MB of JSON, above the 64 MiB
      // a runtime message can carry. Built in the page, so the test does not ship it over CDP.
      const template = makeItem({ issue: '2026-03', title: 'Big page', contentMarkdown: '' });
      await options.evaluate(async (base) => {
        const text = 'Lorem ipsum dolor sit amet, XMPP. '.repeat(29_412).slice(0, 1_000_000);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('newsdesk');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('items', 'readwrite');
          for (let i = 0; i < 70; i++) {
            const url = `https://big.example/${i}`;
            tx.objectStore('items').put({ ...base, id: `big-${String(i).padStart(3, '0')}`, url, canonicalUrl: url, title: `Big page ${i}`, position: i + 1, contentMarkdown: text });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      }, template);

      const downloading = options.waitForEvent('download', { timeout: 120_000 });
      await options.getByRole('button', { name: 'Download a backup' }).click();
      const download: Download = await downloading;
      const file = await download.path();
      const size = (await stat(file)).size;
      console.log(`backup of 70 items: ${(size / MIB).toFixed(1)} MiB`);
      expect(size).toBeGreaterThan(64 * MIB);
      await options.getByText(/^Saved newsdesk-backup-.*\(70 items\)/).waitFor({ timeout: 60_000 });

      // A fresh start: the items are gone, then come back from the file.
      await clearItems(options);
      await options.getByTestId('backup-file').setInputFiles(file);
      const preview = options.getByLabel('Import preview');
      await preview.waitFor({ timeout: 120_000 });
      expect(await preview.textContent()).toContain('70 new items, 0 updated');
      await preview.getByRole('button', { name: 'Import' }).click();
      await options.getByText(/^Imported\. 70 new items/).waitFor({ timeout: 120_000 });
      expect(await itemTotals(options)).toEqual({ count: 70, chars: 70_000_000 });
    } finally {
      await options.close();
    }
  }, 300_000);
});

describe('two Desks editing one entry (issue 10, defect 11)', () => {
  it('shows the change made elsewhere, keeps the replaced version, and lets the editor take it back', async () => {
    const url = 'https://gajim.org/post/2026-03-30-gajim-2.4.5-released/';
    const gajim = makeItem({ id: 'id-gajim', issue: '2026-03', section: 'clients', title: 'Gajim 2.4.5', url, canonicalUrl: url, entry: 'The first words.' });
    const deskUrl = `chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=2026-03`;
    const a = await ext.session.context.newPage();
    const b = await ext.session.context.newPage();
    try {
      await a.goto(deskUrl);
      await a.getByTestId('summary').waitFor({ timeout: 30_000 });
      await seedItems(a, [gajim]);
      await a.reload();
      await b.goto(deskUrl);
      for (const page of [a, b]) {
        await page.locator('[data-card="id-gajim"]').waitFor({ timeout: 30_000 });
        await page.locator('[data-card="id-gajim"]').getByRole('button', { name: 'Edit' }).click();
      }
      const field = (page: Page) => page.locator('[data-card="id-gajim"] textarea.entry-input');
      // A keeps typing (each keystroke restarts the autosave delay, so nothing is saved yet)…
      await field(a).press('Home');
      const typing = field(a).pressSequentially('A is typing a long sentence here. ', { delay: 80 });
      // …while B rewrites the entry and leaves the field: saved.
      await field(b).fill('B rewrote the entry.');
      await field(b).blur();
      // A is told while still typing that the entry changed elsewhere, with B's words.
      const notice = a.getByTestId('other-entry');
      await expect.poll(() => notice.textContent().catch(() => ''), { timeout: 30_000 }).toContain('was changed elsewhere');
      expect(await notice.textContent()).toContain('B rewrote the entry.');
      await typing;
      // A saves anyway: B's version is not lost — it is in the item's history, and A is told.
      await field(a).blur();
      await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('replaced a change made elsewhere');
      await expect.poll(() => field(b).inputValue(), { timeout: 30_000 }).toBe('A is typing a long sentence here. The first words.');
      const history = b.locator('[data-card="id-gajim"] [data-testid="history"]');
      await history.waitFor({ timeout: 30_000 });
      await history.locator('summary').click();
      expect(await history.textContent()).toContain('B rewrote the entry.');
      // A takes B's words back from the notice.
      await notice.getByRole('button', { name: 'Use that version' }).click();
      await expect.poll(() => field(a).inputValue(), { timeout: 30_000 }).toBe('B rewrote the entry.');
      await expect.poll(() => field(b).inputValue(), { timeout: 30_000 }).toBe('B rewrote the entry.');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
