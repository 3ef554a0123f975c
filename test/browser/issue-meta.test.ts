import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, contrastProblems } from './a11y';
import { extensionForThisFile, repoRoot } from './harness';

/**
 * An editor starts March 2026 from the published issue in the Desk of the built extension
 * (Chromium): pastes its Markdown into "Import an issue or pad", checks the preview per
 * section, imports it, goes back to the drafted teaser and then writes one of their own,
 * switches on "XMPP Public channels", credits one more person, and downloads the draft. The
 * draft carries the teaser as its `summary:` line, the block with its text, the names, and
 * every section the published issue has; all of it survives a reload.
 */

const reference = path.resolve(repoRoot, '../shared/reference/xmpp-newsletter-2026-04-05.md');
const OWN_TEASER = 'In this issue: spaces, a BanBot, UnifiedPush — and our own words for the teaser.';


const ext = extensionForThisFile();

const draftText = (page: Page) => page.getByTestId('draft').inputValue();
const summaryLine = (markdown: string) => /^summary: .*$/m.exec(markdown)?.[0] ?? null;
const headings = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n').filter((l) => /^#{1,6} /.test(l));

describe('an issue’s details in the Desk (Chromium)', () => {
  it('imports a published issue by pasting, edits the teaser, switches on a block, and exports them', async () => {
    const published = await readFile(reference, 'utf8');
    const desk = await ext.session.context.newPage();
    try {
      // The Desk opens on another month: the import takes the month the file names.
      await desk.goto(`chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=2026-05`);
      await desk.getByTestId('summary').waitFor({ timeout: 30_000 });
      await desk.getByRole('button', { name: 'Import an issue or pad…' }).click();
      const panel = desk.getByTestId('import-issue');
      await panel.getByLabel('Markdown of the issue or pad').fill(published);

      const preview = panel.getByTestId('import-preview');
      await preview.waitFor({ timeout: 30_000 });
      expect(await panel.getByTestId('import-issue-source').textContent()).toBe('as the file says');
      expect(await panel.getByLabel('Issue to import into').inputValue()).toBe('2026-03');
      expect(await preview.locator('p').first().textContent()).toMatch(/^(\d+) entries for March 2026: \1 new, 0 updated, 0 unchanged\.$/);
      const count = Number(/^(\d+)/.exec((await preview.locator('p').first().textContent()) ?? '')?.[1]);
      expect(await preview.locator('tr[data-section="articles"] td').allTextContents()).toEqual(['Articles', '11', '11']);
      expect(await preview.locator('tr[data-section="xep-updated"] td').allTextContents()).toEqual(['Extensions and specifications › XEP Updated', '4', '4']);
      expect(await preview.getByTestId('import-lines').textContent()).toContain('Credited in this issue: emus, cal0pteryx, Gonzalo Raúl Nemmi, Ludovic Bocquet, Sairam Bisoyi, XSF iTeam.');
      // The import panel, its preview and the details are readable in both schemes (WCAG AA, axe-core).
      for (const colorScheme of ['light', 'dark'] as const) {
        await desk.emulateMedia({ colorScheme });
        expect(await contrastProblems(desk), `${colorScheme}: contrast`).toEqual([]);
        expect(await axeViolations(desk), `${colorScheme}: axe-core`).toEqual([]);
      }

      await preview.getByRole('button', { name: `Import ${count} entries` }).click();
      await panel.getByTestId('import-done').waitFor({ timeout: 30_000 });
      await expect.poll(() => desk.getByTestId('summary').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^${count} items in March 2026`));
      await panel.getByRole('button', { name: 'Close' }).click();

      // The teaser came with the issue; the draft uses it.
      const details = desk.getByTestId('issue-details');
      const teaser = details.getByLabel(/^Teaser/);
      await expect.poll(() => teaser.inputValue(), { timeout: 30_000 }).toBe(/^summary: "(.*)"$/m.exec(published)![1]);
      expect(await details.getByTestId('teaser-source').textContent()).toBe('The draft uses your teaser.');
      await expect.poll(async () => summaryLine(await draftText(desk)), { timeout: 30_000 }).toBe(summaryLine(published));

      // Back to the teaser drafted from the items…
      await details.getByRole('button', { name: 'Use the drafted teaser' }).click();
      await expect.poll(() => details.getByTestId('teaser-source').textContent(), { timeout: 30_000 }).toMatch(/^The draft uses the teaser drafted from the items/);
      const drafted = await teaser.inputValue();
      expect(drafted).toMatch(/^In this issue: /);
      expect(drafted).not.toBe(/^summary: "(.*)"$/m.exec(published)![1]);
      await expect.poll(async () => summaryLine(await draftText(desk)), { timeout: 30_000 }).toBe(`summary: ${JSON.stringify(drafted)}`);

      // …then one of the editor's own, saved as typed.
      await teaser.fill(OWN_TEASER);
      await teaser.press('Tab');
      await expect.poll(() => details.getByTestId('teaser-source').textContent(), { timeout: 30_000 }).toBe('The draft uses your teaser.');
      await expect.poll(async () => summaryLine(await draftText(desk)), { timeout: 30_000 }).toBe(`summary: ${JSON.stringify(OWN_TEASER)}`);

      // The occasional block, off for this issue (the published one did not print it), switched on.
      const channels = details.getByRole('checkbox', { name: 'XMPP Public channels' });
      expect(await channels.isChecked()).toBe(false);
      expect(await draftText(desk)).not.toContain('## XMPP Public channels');
      await channels.check();
      await expect.poll(() => draftText(desk), { timeout: 30_000 }).toContain('\n## XMPP Public channels\n');

      // One more name credited.
      const names = details.getByLabel(/^Also credited/);
      expect(await names.inputValue()).toBe('emus, cal0pteryx, Gonzalo Raúl Nemmi, Ludovic Bocquet, Sairam Bisoyi, XSF iTeam');
      await names.fill(`${await names.inputValue()}, Newsdesk Tester`);
      await names.press('Enter');
      await expect.poll(() => draftText(desk), { timeout: 30_000 }).toContain('Newsdesk Tester');

      // Everything survives a reload (it is stored, not page state).
      await desk.reload();
      await desk.getByTestId('issue-details').waitFor({ timeout: 30_000 });
      await expect.poll(() => desk.getByTestId('issue-details').getByLabel(/^Teaser/).inputValue(), { timeout: 30_000 }).toBe(OWN_TEASER);
      expect(await desk.getByRole('checkbox', { name: 'XMPP Public channels' }).isChecked()).toBe(true);

      // The downloaded draft is the one shown, with the teaser, the block and the names.
      await expect.poll(() => draftText(desk), { timeout: 30_000 }).toContain('Newsdesk Tester');
      const downloading = desk.waitForEvent('download', { timeout: 30_000 });
      await desk.getByRole('button', { name: 'Download .md' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('2026-04-05-newsletter.md');
      const markdown = await readFile(await download.path(), 'utf8');
      expect(markdown).toBe(await draftText(desk));
      expect(summaryLine(markdown)).toBe(`summary: ${JSON.stringify(OWN_TEASER)}`);
      expect(markdown).toMatch(/^---\ntitle: The XMPP Newsletter March 2026\ndate: 2026-04-05\n/);
      expect(markdown).toContain(
        '\n## XMPP Public channels\n\nNew rooms and public channels are created on a daily basis on the XMPP network.',
      );
      expect(markdown).toContain('  - To [this issue](/categories/newsletter/): *emus, cal0pteryx, Gonzalo Raúl Nemmi, Ludovic Bocquet, Sairam Bisoyi, XSF iTeam, Newsdesk Tester*');
      // The published issue's sections, with the switched-on block in its place before "Spread the news".
      const expected = headings(published);
      expected.splice(expected.indexOf('## Spread the news'), 0, '## XMPP Public channels');
      expect(headings(markdown)).toEqual(expected);
    } finally {
      await desk.close();
    }
  });
});
