import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { issueForDate } from '../../utils/model/issue';
import { clickToolbarButton, extensionForThisFile, repoRoot } from './harness';

/**
 * A contributor's month in the real extension: clip pages through the popup opened by a real
 * toolbar click, meet a duplicate and an unreadable PDF, then export the draft issue.
 */

const fixtures = path.join(repoRoot, 'test/fixtures/pages');
const xeps = path.resolve(repoRoot, '../shared/corpus/xep');

const GAJIM = 'http://gajim.org/post/2023-10-29-gajim-1.8.2-released/';
const ARTICLE = 'http://blog.snikket.example/2024/01/xmpp-server-raspberry-pi/?utm_source=mastodon&utm_medium=social';
const XEP = 'http://xmpp.org/extensions/xep-0045.html';
const PDF = 'http://files.example.org/report.pdf';


const ext = extensionForThisFile({
  '/post/2023-10-29-gajim-1.8.2-released/': { file: path.join(fixtures, 'hugo-blog-post.html') },
  '/2024/01/xmpp-server-raspberry-pi/': { file: path.join(fixtures, 'wordpress-article.html') },
  '/extensions/xep-0045.html': { file: path.join(xeps, 'xep-0045.html') },
  '/extensions/xmpp.css': { file: path.join(xeps, 'xmpp.css'), type: 'text/css' },
  '/report.pdf': { body: '%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', type: 'application/pdf' },
});

async function openTab(url: string): Promise<Page> {
  const page = await ext.session.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Open the popup on `page`, wait until the form is filled, and return it. */
async function openPopup(page: Page): Promise<Page> {
  await page.bringToFront();
  const popup = await clickToolbarButton(ext.session, page);
  await popup.locator('#entry').waitFor({ state: 'visible', timeout: 30_000 });
  return popup;
}

async function saveWithKeyboard(popup: Page): Promise<string> {
  await popup.locator('#entry').focus();
  await popup.keyboard.press('Control+Enter');
  const saved = popup.getByTestId('saved');
  await saved.waitFor({ timeout: 30_000 });
  return (await saved.textContent()) ?? '';
}

describe('clip → store → export in Chromium', () => {
  it('reads a page only after the toolbar click (activeTab), and clips a release into Clients', async () => {
    const page = await openTab(GAJIM);
    try {
      // Negative control: without the click the extension has no access to the tab.
      const [worker] = ext.session.context.serviceWorkers();
      const refused = await worker!.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: typeof browser }).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        try {
          await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, func: () => document.title });
          return 'allowed';
        } catch (error) {
          return String(error);
        }
      });
      expect(refused).toMatch(/Cannot access|permission/i);

      const popup = await openPopup(page);
      try {
        expect(await popup.locator('#title').inputValue()).toMatch(/Gajim 1\.8\.2/);
        expect(await popup.locator('#section').inputValue()).toBe('clients');
        // The extractor injected into the real page drafts what the Node golden test expects.
        // (in today's form: the popup drafts for the XMPP Newsletter as published now).
        const golden = JSON.parse(await readFile(path.join(repoRoot, 'utils/adapters/blog-release/fixtures/hugo-blog-post.json'), 'utf8')) as { current: string };
        expect(await popup.locator('#entry').inputValue()).toBe(golden.current);
        expect(golden.current).toMatch(/^\[Gajim\]\(https:\/\/gajim\.org\/\) has released version \[1\.8\.2\]\(https:\/\/gajim\.org\/post\/[\w.-]+\/\)\. This release .{40,}/);
        expect(await saveWithKeyboard(popup)).toMatch(/Saved in .* › XMPP Software News › Clients/);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('clips an article (tracking parameters dropped) and a XEP update, each into its section', async () => {
    const article = await openTab(ARTICLE);
    try {
      const popup = await openPopup(article);
      try {
        expect(await popup.getByTestId('canonical-url').textContent()).not.toMatch(/utm_/);
        expect(await popup.locator('#section').inputValue()).toBe('articles');
        await saveWithKeyboard(popup);
      } finally {
        await popup.close();
      }
    } finally {
      await article.close();
    }

    const xep = await openTab(XEP);
    try {
      const popup = await openPopup(xep);
      try {
        // XEP-0045 is Stable at 1.35.5: a revision of a stable XEP is an update.
        expect(await popup.locator('#section').inputValue()).toBe('xep-updated');
        expect(await popup.locator('#entry').inputValue()).toMatch(/^Version 1\.35\.5 of \[XEP-0045\]\(\/extensions\/xep-0045\.html\) \(Multi-User Chat\)\n  - /);
        await saveWithKeyboard(popup);
      } finally {
        await popup.close();
      }
    } finally {
      await xep.close();
    }
  });

  it('says a page is already collected instead of adding it twice', async () => {
    const page = await openTab(GAJIM);
    try {
      const popup = await openPopup(page);
      try {
        await expect.poll(() => popup.getByTestId('existing').textContent()).toMatch(/Already in your collection/);
        expect(await popup.getByRole('button', { name: 'Update' }).isVisible()).toBe(true);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('explains an unreadable PDF in plain words and still saves its title and link', async () => {
    const page = await ext.session.context.newPage();
    try {
      // Chromium shows the PDF in its viewer; the navigation may not fire a normal "load".
      await page.goto(PDF, { waitUntil: 'commit' }).catch(() => {});
      await expect.poll(() => page.url(), { timeout: 30_000 }).toBe(PDF);
      const popup = await openPopup(page);
      try {
        expect(await popup.getByTestId('problem').textContent()).toMatch(/PDF/);
        expect(await popup.locator('#entry').inputValue()).toContain('(http://files.example.org/report.pdf)');
        await saveWithKeyboard(popup);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });

  it('exports the month as a draft issue, downloaded as Markdown', async () => {
    const issue = issueForDate(new Date());
    const page = await ext.session.context.newPage();
    try {
      await page.goto(`chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=${issue}`);
      const draft = page.getByTestId('draft');
      await expect.poll(() => draft.inputValue(), { timeout: 30_000 }).toContain('[Gajim](https://gajim.org/) has released version [1.8.2](');
      const downloading = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByRole('button', { name: 'Download .md' }).click();
      const download = await downloading;
      const file = await download.path();
      const markdown = await readFile(file, 'utf8');
      expect(markdown).toBe(await draft.inputValue());

      // The newsletter as published today: its front matter carries the drafted teaser.
      expect(markdown).toMatch(/^---\ntitle: The XMPP Newsletter \w+ \d{4}\ndate: \d{4}-\d{2}-05\ncategories: \['Newsletter'\]\nsummary: "In this issue: .+"\n---\n/);
      const headings = [...markdown.matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect(headings.indexOf('## XMPP Articles')).toBeLessThan(headings.indexOf('## XMPP Software News'));
      const section = (heading: string) => {
        const start = markdown.indexOf(`${heading}\n`);
        const next = markdown.slice(start + heading.length + 1).search(/^#{2,3} /m);
        return markdown.slice(start, next < 0 ? undefined : start + heading.length + 1 + next);
      };
      expect(section('### XMPP Clients and Applications')).toMatch(/^- \[Gajim\]\(https:\/\/gajim\.org\/\) has released version \[1\.8\.2\]\(https?:\/\/gajim\.org\//m);
      expect(section('## XMPP Articles')).toMatch(/^- \[.+\]\(https:\/\/blog\.snikket\.example\/2024\/01\/xmpp-server-raspberry-pi\/\)/m);
      expect(section('## XMPP Articles')).toContain('report.pdf');
      expect(section('### Updated')).toMatch(/^- Version 1\.35\.5 of \[XEP-0045\]/m);
      expect(section('### New')).toContain('- No new XEPs this month.');
      expect(markdown).toContain('## License');
      // Nothing clipped twice.
      expect(markdown.match(/has released version \[1\.8\.2\]/g)).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});
