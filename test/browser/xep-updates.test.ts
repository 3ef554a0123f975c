import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ForgeFixture } from '../../scripts/xeps-fixtures';
import { axeViolations, contrastProblems } from './a11y';
import { extensionForThisFile, repoRoot } from './harness';

/**
 * "Draft XEP updates" in the Desk of the built extension (Chromium): GitHub's answers for March
 * 2026, recorded from the real xsf/xeps history (scripts/xeps-fixtures.ts), are served in place
 * of api.github.com and raw.githubusercontent.com (Playwright routes, which see the Desk page's
 * own fetches). The editor saves a token in the options page, drafts March 2026, checks the
 * entries against the reviewed section (test/fixtures/xeps/golden/2026-03.md, copied from the
 * published issue), adds them, finds them in the Desk and once each in the draft, drafts again
 * in a new tab (nothing added; the commits now come from the cache), and meets GitHub offline
 * and rate limited.
 *
 * The permission prompt is a browser dialog that no protocol can click (headless, it waits
 * forever). The user's other way to allow the two sites — Site access in chrome://extensions,
 * whose page calls developerPrivate.addHostPermission — allows them here first; the origins
 * become the extension's only when the Desk's click asks (permissions.request then answers
 * without a prompt). Chromium refuses a request made without a user gesture, allowed or not
 * (checked below from the background), so a Desk that asked outside the click would fail here;
 * that it asks before awaiting anything (Firefox's stricter rule) is checked in
 * test/unit/desk/xep-updates.test.tsx.
 */

const fixtures = path.join(repoRoot, 'test/fixtures/xeps');
const fixture = JSON.parse(readFileSync(path.join(fixtures, 'forge-2026-03.json'), 'utf8')) as ForgeFixture;
const golden = readFileSync(path.join(fixtures, 'golden/2026-03.md'), 'utf8').replace(/^<!--[\s\S]*?-->\n/, '');
/** Each golden entry as the preview shows it: the list item without "- ", with its nested lines. */
const goldenEntries = golden.split('\n').reduce<string[]>((entries, line) => {
  if (line.startsWith('- ')) entries.push(line.slice(2));
  else if (line.startsWith('  ') && entries.length) entries[entries.length - 1] += `\n${line}`;
  return entries;
}, []);
const goldenLines = golden.split('\n').filter((l) => /^ *- /.test(l));
const ORIGINS = ['https://api.github.com/*', 'https://raw.githubusercontent.com/*'];
const TOKEN = `github_pat_${'Ab3_'.repeat(20)}xy`;
const STEP = { timeout: 60_000 };

type Mode = 'recorded' | 'offline' | 'limited';
let mode: Mode = 'recorded';
const seen: { url: string; authorization: string | null }[] = [];

/** GitHub as recorded, offline (the connection fails) or out of requests. */
async function github(route: Route): Promise<void> {
  const request = route.request();
  seen.push({ url: request.url(), authorization: (await request.allHeaders()).authorization ?? null });
  if (mode === 'offline') return route.abort('internetdisconnected');
  if (mode === 'limited') {
    const reset = Math.floor(Date.now() / 1000) + 30 * 60;
    return route.fulfill({
      status: 403,
      headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: '{"message":"API rate limit exceeded"}',
    });
  }
  const recorded = fixture.responses[request.url()];
  if (!recorded) return route.fulfill({ status: 404, contentType: 'application/json', body: '{"message":"Not Found"}' });
  return route.fulfill({ status: recorded.status, headers: recorded.headers, body: recorded.blob !== undefined ? fixture.blobs[recorded.blob]! : (recorded.body ?? '') });
}


const ext = extensionForThisFile({}, async (session) => {
  await session.context.route('https://api.github.com/**', github);
  await session.context.route('https://raw.githubusercontent.com/**', github);
});

async function openDesk(): Promise<Page> {
  const page = await ext.session.context.newPage();
  await page.goto(`chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=2026-03`);
  await page.getByTestId('summary').waitFor(STEP);
  return page;
}

/** What the user does in chrome://extensions › Newsdesk › Site access › On specific sites › Add. */
async function allowGithubSites(): Promise<void> {
  const page = await ext.session.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${ext.session.extensionId}`);
    await page.evaluate(
      async ({ id, origins }) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
        for (const origin of origins) await api.addHostPermission(id, origin);
      },
      { id: ext.session.extensionId, origins: ORIGINS },
    );
  } finally {
    await page.close();
  }
}

const granted = (page: Page) =>
  page.evaluate((origins) => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins }), ORIGINS);

async function draftUpdates(desk: Page): Promise<void> {
  await desk.getByRole('button', { name: 'Draft XEP updates' }).click(STEP);
}

describe('Draft XEP updates (Chromium)', () => {
  it('drafts March 2026 from GitHub as published, adds six items, and a second run adds none', async () => {
    // The token, saved in the options page, goes to the API with each request.
    const options = await ext.session.context.newPage();
    await options.goto(`chrome-extension://${ext.session.extensionId}/options.html`);
    const tokenSection = options.getByTestId('github-token');
    await tokenSection.getByLabel('GitHub token (optional, raises the hourly limit from 60 to 5,000 requests)').fill(TOKEN, STEP);
    await tokenSection.getByRole('button', { name: 'Save token' }).click(STEP);
    await expect.poll(() => tokenSection.getByTestId('github-token-state').textContent(), STEP).toBe('A token is set.');
    await options.close();

    const desk = await openDesk();
    expect(await granted(desk)).toBe(false);
    await allowGithubSites();
    // Allowed in the browser's settings, the origins become the extension's once it asks, and
    // only from a user gesture: the background, which never has one, is refused even now.
    const worker = ext.session.context.serviceWorkers()[0]!;
    const fromBackground = await worker.evaluate((origins) =>
      (globalThis as unknown as { chrome: { permissions: { request(p: object): Promise<boolean> } } }).chrome.permissions.request({ origins }).then(
        () => 'granted',
        (e: Error) => e.message,
      ),
    ORIGINS);
    expect(fromBackground).toBe('This function must be called during a user gesture');
    expect(await granted(desk)).toBe(false);

    await draftUpdates(desk);
    const panel = desk.getByTestId('xep-updates');
    const preview = panel.getByTestId('xep-preview');
    await preview.waitFor(STEP);
    expect(await granted(desk)).toBe(true);
    expect(await preview.getByTestId('xep-entry').allTextContents()).toEqual(goldenEntries);
    expect(await preview.locator('.xep-group h3').allTextContents()).toEqual([
      'Extensions and specifications › XEP Proposed',
      'Extensions and specifications › XEP Updated',
      'Extensions and specifications › XEP Last Call',
    ]);
    expect(await preview.getByTestId('xep-counts').textContent()).toBe('6 changes in 19 commits: 6 to add, 0 to update, 0 unchanged.');
    expect(await preview.getByTestId('xep-todos').textContent()).toContain('Last Call, XEP-0377: Link the Last Call');
    expect(await preview.getByTestId('xep-requests').textContent()).toMatch(/^GitHub: 20 API requests \(40 of 60 left until .+\); 18 files from raw\.githubusercontent\.com; 2 answers from the cache\.$/);
    // The routes saw the Desk's requests: the token went to the API, never to the raw host.
    const api = seen.filter((r) => r.url.startsWith('https://api.github.com/'));
    const raw = seen.filter((r) => r.url.startsWith('https://raw.githubusercontent.com/'));
    expect([api.length, raw.length]).toEqual([20, 18]);
    expect(api.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(raw.every((r) => r.authorization === null)).toBe(true);
    // Nothing is written before the editor says so.
    expect(await desk.locator('[data-card]').count()).toBe(0);

    // The preview is readable in both colour schemes (WCAG AA, axe-core).
    for (const colorScheme of ['light', 'dark'] as const) {
      await desk.emulateMedia({ colorScheme });
      expect(await contrastProblems(desk), `${colorScheme}: contrast`).toEqual([]);
      expect(await axeViolations(desk), `${colorScheme}: axe-core`).toEqual([]);
    }

    await preview.getByRole('button', { name: 'Add to the issue' }).click(STEP);
    await expect.poll(() => panel.getByTestId('xep-done').textContent(), STEP).toContain('XEP changes of 2026-03 for the 2026-03 issue: 6 added, 0 updated, 0 unchanged.');
    const cards = (section: string) => desk.locator(`[data-section="${section}"] [data-card^="xeps-xmpp-2026-03-"]`);
    await expect.poll(() => desk.locator('[data-card^="xeps-xmpp-2026-03-"]').count(), STEP).toBe(6);
    expect([await cards('xep-proposed').count(), await cards('xep-updated').count(), await cards('xep-last-call').count()]).toEqual([1, 4, 1]);
    await expect.poll(() => desk.getByTestId('summary').textContent(), STEP).toMatch(/^6 items in March 2026/);
    const draft = (await desk.getByTestId('draft').inputValue()).split('\n');
    for (const line of goldenLines) expect(draft.filter((l) => l === line), line).toHaveLength(1);
    await desk.close();

    // A new tab, the same month: nothing to add, and the commits come from the cache kept in storage.local.
    const again = await openDesk();
    seen.length = 0;
    await draftUpdates(again);
    const second = again.getByTestId('xep-preview');
    await second.waitFor(STEP);
    expect(await second.getByTestId('xep-counts').textContent()).toBe('6 changes in 19 commits: 0 to add, 0 to update, 6 unchanged.');
    expect(await second.getByTestId('xep-requests').textContent()).toMatch(/^GitHub: 1 API request \(.+\); 0 files from raw\.githubusercontent\.com; 39 answers from the cache\.$/);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/repos/xsf/xeps/commits']);
    await second.getByRole('button', { name: 'Add to the issue' }).click(STEP);
    await expect.poll(() => again.getByTestId('xep-done').textContent(), STEP).toContain('0 added, 0 updated, 6 unchanged.');
    expect(await again.locator('[data-card^="xeps-xmpp-2026-03-"]').count()).toBe(6);
    await again.close();
  });

  it('offline and rate limited: plain messages, nothing added', async () => {
    await allowGithubSites();
    const desk = await openDesk();
    try {
      await expect.poll(() => desk.getByTestId('summary').textContent(), STEP).toMatch(/^\d+ items? in March 2026/);
      const before = await desk.getByTestId('summary').textContent();
      mode = 'offline';
      await draftUpdates(desk);
      const problem = desk.getByTestId('xep-problem');
      await expect.poll(() => problem.textContent(), STEP).toMatch(
        /^Cannot reach api\.github\.com to read the commits of xsf\/xeps since 2026-03-01: the computer seems to be offline or the site is unreachable \(.+\)\.$/,
      );

      mode = 'limited';
      await draftUpdates(desk);
      // With a token (the first test saved one) the forge does not suggest one.
      await expect.poll(() => problem.textContent(), STEP).toMatch(/^GitHub's request limit is used up \(60 requests an hour(| without a token)\); it resets at \d\d:\d\d UTC, in (29|30) minutes\.( A GitHub token raises the limit to 5,000 an hour\.)?$/);
      expect(await desk.getByTestId('xep-preview').count()).toBe(0);
      expect(await desk.getByTestId('summary').textContent()).toBe(before);
    } finally {
      mode = 'recorded';
      await desk.close();
    }
  });
});
