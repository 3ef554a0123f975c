import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { issueForDate } from '../../utils/model/issue';
import { axeViolations, contrastProblems } from './a11y';
import { clickToolbarButton, extensionForThisFile, repoRoot } from './harness';

/**
 * The next change of format is an edit in the options page, not a release: copy the XMPP
 * Newsletter, change how a section lays out its items and how an entry is worded, clip a page,
 * and the draft the Desk exports reads the new way.
 */

const ARTICLE = 'http://blog.snikket.example/2024/01/xmpp-server-raspberry-pi/';
const TITLE = 'Running your own XMPP server on a Raspberry Pi';
const ID = 'our-xmpp';
/** The article form as the editor types it: a fixed word before the link, a dash before the summary. */
const ARTICLE_FORM = 'Worth reading: {titleLink}{?summary} — {summary}{/summary}';


const ext = extensionForThisFile({ '/2024/01/xmpp-server-raspberry-pi/': { file: path.join(repoRoot, 'test/fixtures/pages/wordpress-article.html') } });

async function openOptions(): Promise<Page> {
  const options = await ext.session.context.newPage();
  await options.setViewportSize({ width: 800, height: 900 });
  await options.goto(`chrome-extension://${ext.session.extensionId}/options.html`);
  await options.getByRole('button', { name: 'New newsletter…' }).waitFor({ timeout: 30_000 });
  return options;
}

/** The exported draft of this month's issue of our newsletter, as downloaded from the Desk. */
async function exportedDraft(): Promise<string> {
  const desk = await ext.session.context.newPage();
  try {
    await desk.goto(`chrome-extension://${ext.session.extensionId}/desk.html?newsletter=${ID}&issue=${issueForDate(new Date())}`);
    const draft = desk.getByTestId('draft');
    await expect.poll(() => draft.inputValue(), { timeout: 30_000 }).toContain(TITLE);
    const downloading = desk.waitForEvent('download', { timeout: 30_000 });
    await desk.getByRole('button', { name: 'Download .md' }).click();
    const markdown = await readFile(await (await downloading).path(), 'utf8');
    expect(markdown).toBe(await draft.inputValue());
    return markdown;
  } finally {
    await desk.close();
  }
}

/** The text of the section under `heading`, up to the next heading of the same or a higher level. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `${heading} in the draft`).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)![0].length;
  const rest = markdown.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{2,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

const articlesOf = (options: Page) => options.getByRole('group', { name: 'XMPP Articles', exact: true });
const articleForm = (options: Page) => options.getByRole('group', { name: 'Entry form for articles' }).getByLabel('Template');

/** What the steps below saw, for the checks of the wording at the end. */
const seen: { popupEntry?: string; topicsDraft?: string; bulletsDraft?: string } = {};

describe('editing a newsletter in the options page changes the draft', () => {
  it('copies the XMPP Newsletter and edits a section’s layout and the article form, checked as typed', async () => {
    const options = await openOptions();
    try {
      await options.locator('#contributor').fill('Ada');
      await options.getByRole('button', { name: 'Save', exact: true }).click();
      await options.locator('form').first().getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor({ timeout: 30_000 });

      await options.locator('#new-base').selectOption('xmpp');
      await options.getByRole('button', { name: 'New newsletter…' }).click();
      await options.locator('#nl-name').fill('Our XMPP Newsletter');
      await options.locator('#nl-id').fill(ID);

      // The copy carries today's format: Articles are bullets, XSF Announcements topics.
      expect(await articlesOf(options).getByLabel('Layout').inputValue()).toBe('bullets');
      const announcements = options.getByRole('group', { name: 'XSF Announcements', exact: true });
      expect(await announcements.getByLabel('Layout').inputValue()).toBe('topics');
      expect(await announcements.getByLabel(/^Entry form for pages/).inputValue()).toBe('announcement');
      expect(await options.getByLabel(/Link the site’s own pages site-relative/).isChecked()).toBe(true);
      expect(await options.getByRole('group', { name: 'XMPP Public channels', exact: true }).getByLabel(/Only in issues where it is switched on/).isChecked()).toBe(true);
      expect(await articlesOf(options).getByLabel(/Earlier headings/).inputValue()).toBe('Articles');
      expect(await articleForm(options).inputValue()).toMatch(/^\{titleLink\}\{lang\}/);
      expect(await options.getByRole('group', { name: 'Team', exact: true }).getByLabel('Language').first().inputValue()).toBe('French');

      await articlesOf(options).getByLabel('Layout').selectOption('topics');

      // A malformed form is explained as it is typed, and saving it is refused in the editor's words.
      await articleForm(options).fill('Worth reading: {titleLink}{?summary} — {summary}');
      const check = options.locator('#form-article-check');
      await expect.poll(() => check.textContent(), { timeout: 30_000 }).toMatch(/Not well formed: \{\?summary\} is never closed \(add \{\/summary\}\)/);
      expect(await articleForm(options).getAttribute('aria-invalid')).toBe('true');
      await options.getByRole('button', { name: 'Save newsletter' }).click();
      await expect
        .poll(() => options.getByRole('alert').last().textContent(), { timeout: 30_000 })
        .toMatch(/- Entry form for articles: \{\?summary\} is never closed \(add \{\/summary\}\)\./);

      // A name articles do not have is a warning, not a refusal; the values are listed.
      await articleForm(options).fill('Worth reading: {titleLnk}');
      await expect.poll(() => check.textContent(), { timeout: 30_000 }).toBe('Not a value of entries for articles: {titleLnk}. It would show in the draft as typed.');
      const values = options.getByRole('group', { name: 'Entry form for articles' }).locator('details');
      await values.locator('summary').click();
      expect(await values.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['{titleLink}', '{summary}', '{author}', '{siteLink}']));

      await articleForm(options).fill(ARTICLE_FORM);
      await expect.poll(() => check.textContent(), { timeout: 30_000 }).toBe('');
      const contrast = await contrastProblems(options);
      const axe = await axeViolations(options);
      expect(contrast, 'newsletter editor: text below WCAG AA contrast').toEqual([]);
      expect(axe, 'newsletter editor: axe-core serious/critical violations').toEqual([]);

      await options.getByRole('button', { name: 'Save newsletter' }).click();
      await options.getByText('Saved Our XMPP Newsletter.').waitFor({ timeout: 30_000 });
      await options.locator('#active-newsletter').selectOption(ID);
      await options.getByRole('region', { name: 'Newsletters' }).getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor({ timeout: 30_000 });

      // Saved as typed: opening it again shows the edits.
      await options.getByRole('listitem').filter({ hasText: 'Our XMPP Newsletter' }).getByRole('button', { name: 'Edit' }).click();
      expect(await articleForm(options).inputValue()).toBe(ARTICLE_FORM);
      expect(await articlesOf(options).getByLabel('Layout').inputValue()).toBe('topics');
    } finally {
      await options.close();
    }
  });

  it('lays the clipped article out as a topic of its own, and as a bullet again after the next edit', async () => {
    const tab = await ext.session.context.newPage();
    try {
      await tab.goto(ARTICLE, { waitUntil: 'load' });
      await tab.bringToFront();
      const popup = await clickToolbarButton(ext.session, tab);
      try {
        const entry = popup.locator('#entry');
        await entry.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await popup.locator('#section').inputValue()).toBe('articles');
        seen.popupEntry = await entry.inputValue();
        await entry.focus();
        await popup.keyboard.press('Control+Enter');
        await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
      } finally {
        await popup.close();
      }
    } finally {
      await tab.close();
    }

    const link = `\\[${TITLE}\\]\\(https://blog\\.snikket\\.example/2024/01/xmpp-server-raspberry-pi/\\)`;
    seen.topicsDraft = await exportedDraft();
    const topics = sectionOf(seen.topicsDraft, '## XMPP Articles');
    expect(topics).toMatch(new RegExp(`^### ${TITLE}\\n\\n.*${link}`, 'm'));
    expect(topics).not.toMatch(/^- /m);

    const options = await openOptions();
    try {
      await options.getByRole('listitem').filter({ hasText: 'Our XMPP Newsletter' }).getByRole('button', { name: 'Edit' }).click();
      await articlesOf(options).getByLabel('Layout').selectOption('bullets');
      await options.getByRole('button', { name: 'Save newsletter' }).click();
      await options.getByText('Saved Our XMPP Newsletter.').waitFor({ timeout: 30_000 });
    } finally {
      await options.close();
    }
    seen.bulletsDraft = await exportedDraft();
    const bullets = sectionOf(seen.bulletsDraft, '## XMPP Articles');
    expect(bullets).toMatch(new RegExp(`^- .*${link}`, 'm'));
    expect(bullets).not.toMatch(/^### /m);
  });

  it('drafts the article in the edited form, in the popup and in both layouts of the draft', () => {
    const entry = String.raw`Worth reading: \[${TITLE}\]\(https://blog\.snikket\.example/2024/01/xmpp-server-raspberry-pi/\) — \S`;
    expect(seen.popupEntry).toMatch(new RegExp(`^${entry}`));
    expect(sectionOf(seen.topicsDraft!, '## XMPP Articles')).toMatch(new RegExp(`^### ${TITLE}\\n\\n${entry}`, 'm'));
    expect(sectionOf(seen.bulletsDraft!, '## XMPP Articles')).toMatch(new RegExp(`^- ${entry}`, 'm'));
  });
});
