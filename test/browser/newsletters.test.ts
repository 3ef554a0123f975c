import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../utils/backup/format';
import { issueForDate } from '../../utils/model/issue';
import { newsletterFromJson } from '../../utils/presets/schema';
import { clickToolbarButton, extensionForThisFile, repoRoot } from './harness';

/**
 * The options page in the real extension: make your own weekly newsletter from a preset,
 * clip into it (the popup asks for an ISO week), export its definition, download a backup,
 * and import a contributor's backup after its preview.
 */

const PAGE = 'http://blog.example.org/2024/02/a-post/';


const ext = extensionForThisFile({ '/2024/02/a-post/': { file: path.join(repoRoot, 'test/fixtures/pages/news-article.html') } });

async function downloadedText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await click();
  const download: Download = await downloading;
  const file = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}

describe('newsletters and backups on the options page', () => {
  it('creates a weekly newsletter, clips into its week, exports it, backs up and imports', async () => {
    const options = await ext.session.context.newPage();
    try {
      await options.goto(`chrome-extension://${ext.session.extensionId}/options.html`);
      await options.locator('#contributor').fill('Ada');
      await options.getByRole('button', { name: 'Save', exact: true }).click();
      await options.locator('form').first().getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor({ timeout: 30_000 });

      // A newsletter of one's own, from the weekly preset.
      await options.locator('#new-base').selectOption('weekly-digest');
      await options.getByRole('button', { name: 'New newsletter…' }).click();
      await options.locator('#nl-name').fill('Town Weekly');
      await options.locator('#nl-id').fill('town-weekly');
      await options.locator('#s1-heading').fill('Town News');
      await options.locator('#s1-label').fill('Town News');
      // An invalid definition is refused with the field named, and nothing is saved.
      await options.locator('#s2-heading').fill('');
      await options.locator('#s2-heading').evaluate((el) => el.closest('form')?.setAttribute('novalidate', ''));
      await options.getByRole('button', { name: 'Save newsletter' }).click();
      await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/- Section 3, heading: must not be empty/);
      await options.locator('#s2-heading').fill('Releases');
      await options.getByRole('button', { name: 'Save newsletter' }).click();
      await options.getByText('Saved Town Weekly.').waitFor({ timeout: 30_000 });

      await options.locator('#active-newsletter').selectOption('town-weekly');
      const panel = options.getByRole('region', { name: 'Newsletters' });
      await panel.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor({ timeout: 30_000 });

      const definition = await downloadedText(options, () => options.getByRole('button', { name: 'Export JSON' }).click());
      expect(definition.name).toBe('newsletter-town-weekly.json');
      expect(newsletterFromJson(definition.text)).toMatchObject({ id: 'town-weekly', name: 'Town Weekly', cadence: 'weekly' });
      expect(newsletterFromJson(definition.text).sections[1]?.heading).toBe('Town News');

      // The popup now clips into the current ISO week of that newsletter.
      const tab = await ext.session.context.newPage();
      try {
        await tab.goto(PAGE, { waitUntil: 'load' });
        await tab.bringToFront();
        const popup = await clickToolbarButton(ext.session, tab);
        const issue = popup.locator('#issue');
        await issue.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await issue.getAttribute('data-cadence')).toBe('weekly');
        expect(await issue.inputValue()).toBe(issueForDate(new Date(), 'weekly'));
        expect(await popup.locator('#section option').allTextContents()).toContainEqual(expect.stringMatching(/^\w · Updates from the Community › Town News$/));
        await popup.locator('#entry').focus();
        await popup.keyboard.press('Control+Enter');
        await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
        await popup.close();
      } finally {
        await tab.close();
      }

      // The Desk opens on the chosen newsletter, in weeks, with the clip in this week's issue.
      const desk = await ext.session.context.newPage();
      try {
        await desk.goto(`chrome-extension://${ext.session.extensionId}/desk.html`);
        const week = desk.getByLabel('Go to week');
        await week.waitFor({ timeout: 30_000 });
        expect(await desk.getByLabel('Newsletter').inputValue()).toBe('town-weekly');
        expect(await week.getAttribute('type')).toBe('week');
        expect(await week.inputValue()).toBe(issueForDate(new Date(), 'weekly'));
        await expect.poll(() => desk.locator('[data-card]').count(), { timeout: 30_000 }).toBe(1);
      } finally {
        await desk.close();
      }

      const backup = await downloadedText(options, () => options.getByRole('button', { name: 'Download a backup' }).click());
      expect(backup.name).toMatch(/^newsdesk-backup-\d{4}-\d{2}-\d{2}\.json$/);
      const parsed = parseBackup(backup.text);
      expect(parsed.rejected).toEqual([]);
      expect(parsed.backup.newsletters.map((n) => n.id)).toEqual(['town-weekly']);
      expect(parsed.backup.settings).toEqual({ contributor: 'Ada', newsletter: 'town-weekly' });

      // Import a contributor's backup: preview first, then import.
      await options.locator('input[type=file]').last().setInputFiles(path.join(repoRoot, 'test/fixtures/backups/emus.json'));
      const preview = options.getByLabel('Import preview');
      await preview.waitFor({ timeout: 30_000 });
      expect(await preview.textContent()).toContain('10 new items, 0 updated (0 of them deleted), 0 unchanged or older.');
      await preview.getByRole('button', { name: 'Import' }).click();
      await options.getByText(/^Imported\. 10 new items/).waitFor({ timeout: 30_000 });

      // Importing it again: nothing new.
      await options.locator('input[type=file]').last().setInputFiles(path.join(repoRoot, 'test/fixtures/backups/emus.json'));
      await options.getByText('0 new items, 0 updated (0 of them deleted), 11 unchanged or older.').waitFor({ timeout: 30_000 });

      // A foreign file is refused in words.
      await options.locator('input[type=file]').last().setInputFiles(path.join(repoRoot, 'test/fixtures/backups/foreign.json'));
      await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/not a Newsdesk backup/);
    } finally {
      await options.close();
    }
  });
});
