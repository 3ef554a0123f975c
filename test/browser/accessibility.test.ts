import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { issueForDate } from '../../utils/model/issue';
import { makeItem } from '../unit/export/fixtures';
import { axeViolations, contrastProblems } from './a11y';
import { clickToolbarButton, extensionForThisFile, openClipForm, repoRoot, seedItems, tabIdOf } from './harness';

/**
 * Popup, Desk and options page in light and dark mode, in Chromium: every text/background pair
 * as rendered meets WCAG AA contrast, and axe-core finds no serious or critical violation. Each
 * page is checked in the states a user meets: the clip form (readable page, unreadable page,
 * already collected), the confirmation, an error; the Desk with draft, ready and excluded
 * items; the options page with an import error.
 */

const fixtures = path.join(repoRoot, 'test/fixtures/pages');
const GAJIM = 'http://gajim.org/post/2023-10-29-gajim-1.8.2-released/';
const PDF = 'http://files.example.org/report.pdf';
const ISSUE = issueForDate(new Date());

let gajimTab = 0;
let pdfTab = 0;

const ext = extensionForThisFile({
  '/post/2023-10-29-gajim-1.8.2-released/': { file: path.join(fixtures, 'hugo-blog-post.html') },
  '/report.pdf': { body: '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', type: 'application/pdf' },
}, async (session) => {
  // Tabs to clip, each granted activeTab by a toolbar click.
  for (const url of [GAJIM, PDF]) {
    const page = await session.context.newPage();
    await page.goto(url, { waitUntil: 'load' }).catch(() => {}); // the PDF viewer may abort the load event
    await page.bringToFront();
    const popup = await clickToolbarButton(session, page);
    await popup.locator('#entry, [data-testid="problem"]').first().waitFor({ timeout: 30_000 });
    await popup.close();
    if (url === GAJIM) gajimTab = await tabIdOf(session, page);
    else pdfTab = await tabIdOf(session, page);
  }
});

async function expectAccessible(page: Page, what: string): Promise<void> {
  const contrast = await contrastProblems(page);
  const axe = await axeViolations(page);
  expect(contrast, `${what}: text below WCAG AA contrast`).toEqual([]);
  expect(axe, `${what}: axe-core serious/critical violations`).toEqual([]);
}

async function extensionPage(url: string, colorScheme: 'light' | 'dark', width = 1100): Promise<Page> {
  const page = await ext.session.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.emulateMedia({ colorScheme });
  await page.goto(`chrome-extension://${ext.session.extensionId}/${url}`);
  return page;
}

describe.each(['light', 'dark'] as const)('%s scheme', (colorScheme) => {
  it('popup: the clip form, the confirmation, an unreadable page, an already collected page, an error', async () => {
    const form = await openClipForm(ext.session, gajimTab, { colorScheme, width: 320 });
    try {
      await form.locator('#entry').waitFor({ timeout: 30_000 });
      await expectAccessible(form, 'clip form');
      await form.locator('#entry').focus();
      await form.keyboard.press('Control+Enter');
      await form.getByTestId('saved').waitFor({ timeout: 30_000 });
      await expectAccessible(form, 'after saving');
    } finally {
      await form.close();
    }

    const again = await openClipForm(ext.session, gajimTab, { colorScheme, width: 320 });
    try {
      await again.getByTestId('existing').waitFor({ timeout: 30_000 });
      await expectAccessible(again, 'already collected');
    } finally {
      await again.close();
    }

    const pdf = await openClipForm(ext.session, pdfTab, { colorScheme, width: 320 });
    try {
      await pdf.getByTestId('problem').waitFor({ timeout: 30_000 });
      await expectAccessible(pdf, 'unreadable page');
    } finally {
      await pdf.close();
    }

    const failed = await extensionPage('popup.html?tab=987654321', colorScheme, 320);
    try {
      await failed.getByRole('alert').waitFor({ timeout: 30_000 });
      await expectAccessible(failed, 'error');
    } finally {
      await failed.close();
    }
  });

  it('Desk: draft, ready and excluded items beside the draft issue', async () => {
    const desk = await extensionPage(`desk.html?issue=${ISSUE}`, colorScheme);
    try {
      await desk.locator('h1').first().waitFor({ timeout: 30_000 });
      await seedItems(desk, [
        makeItem({ id: `a11y-ready-${colorScheme}`, title: 'Dino 0.4.3', section: 'clients', issue: ISSUE, status: 'ready', position: 10 }),
        makeItem({ id: `a11y-excluded-${colorScheme}`, title: 'Spammy Client 9', section: 'clients', issue: ISSUE, status: 'excluded', position: 11 }),
        makeItem({ id: `a11y-draft-${colorScheme}`, title: 'Why XMPP', section: 'articles', issue: ISSUE, status: 'draft', position: 1 }),
      ]);
      await desk.reload();
      await desk.locator(`[data-card="a11y-excluded-${colorScheme}"]`).waitFor({ timeout: 30_000 });
      await expectAccessible(desk, 'Desk');
    } finally {
      await desk.close();
    }
  });

  it('options: settings, newsletters, backups, storage, and an import error', async () => {
    const options = await extensionPage('options.html', colorScheme, 800);
    try {
      await options.getByRole('button', { name: 'Import JSON…' }).waitFor({ timeout: 30_000 });
      await options.getByTestId('storage-usage').waitFor({ timeout: 30_000 });
      await expectAccessible(options, 'options');
      await options.getByTestId('newsletter-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
      await options.getByRole('alert').waitFor({ timeout: 30_000 });
      await expectAccessible(options, 'options with an import error');
    } finally {
      await options.close();
    }
  });
});

describe('import buttons on the options page', () => {
  it('are real buttons in the Tab order, and open a file picker', async () => {
    const options = await extensionPage('options.html', 'light', 800);
    try {
      await options.getByRole('button', { name: 'Import JSON…' }).waitFor({ timeout: 30_000 });
      const reached: string[] = [];
      await options.locator('body').focus();
      for (let i = 0; i < 40 && reached.length < 2; i += 1) {
        await options.keyboard.press('Tab');
        const name = await options.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent?.trim() : null));
        if ((name === 'Import JSON…' || name === 'Import a backup…') && !reached.includes(name)) reached.push(name);
      }
      expect(reached.sort()).toEqual(['Import JSON…', 'Import a backup…']);
      for (const name of ['Import JSON…', 'Import a backup…']) {
        const chooser = options.waitForEvent('filechooser', { timeout: 30_000 });
        await options.getByRole('button', { name }).focus();
        await options.keyboard.press('Enter');
        expect((await chooser).isMultiple()).toBe(false);
      }
    } finally {
      await options.close();
    }
  });
});
