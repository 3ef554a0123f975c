// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskApp } from '../../../components/desk/DeskApp';
import { refusedMessage, type XepUpdatesDeps } from '../../../components/desk/XepUpdates';
import type { ForgeFixture } from '../../../scripts/xeps-fixtures';
import { PageStorage } from '../../../utils/storage/page-storage';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { saveGithubToken } from '../../../utils/xeps/github-token';
import { openTestDb } from '../../support/db';

/**
 * "Draft XEP updates" in the Desk (Preact on jsdom, Dexie on fake-indexeddb, WXT's fake
 * storage.local), with the browser's permission prompt and network given by the test: GitHub's
 * answers for March 2026 as recorded from the real xsf/xeps history. What the Chromium test
 * (test/browser/xep-updates.test.ts) cannot do here: a refused prompt, a prompt that throws,
 * rate limits, a token.
 */

Dexie.dependencies.indexedDB = new IDBFactory();
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/xeps');
const fixture = JSON.parse(readFileSync(path.join(fixtures, 'forge-2026-03.json'), 'utf8')) as ForgeFixture;
/** The reviewed March 2026 section (entries copied from the published issue). */
const golden = readFileSync(path.join(fixtures, 'golden/2026-03.md'), 'utf8').replace(/^<!--[\s\S]*?-->\n/, '');
/** Each entry of the golden section: its first line without "- ", and its nested lines. */
const goldenEntries = golden
  .split('\n')
  .reduce<string[]>((entries, line) => {
    if (line.startsWith('- ')) entries.push(line.slice(2));
    else if (line.startsWith('  ') && entries.length) entries[entries.length - 1] += `\n${line}`;
    return entries;
  }, []);

const APRIL = new Date('2026-04-02T10:00:00Z');

interface Fake extends XepUpdatesDeps {
  asked: string[][];
  requests: { url: string; authorization: string | null }[];
}

function fakeDeps(options: { grant?: boolean | Error; fetch?: typeof fetch; now?: Date } = {}): Fake {
  const fake: Fake = {
    asked: [],
    requests: [],
    requestAccess(origins) {
      fake.asked.push([...origins]);
      if (options.grant instanceof Error) throw options.grant;
      return Promise.resolve(options.grant ?? true);
    },
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      fake.requests.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      if (options.fetch) return options.fetch(input, init);
      const recorded = fixture.responses[url];
      if (!recorded) return new Response('{"message":"Not Found"}', { status: 404 });
      return new Response(recorded.blob !== undefined ? fixture.blobs[recorded.blob]! : (recorded.body ?? ''), { status: recorded.status, headers: recorded.headers });
    }) as typeof fetch,
    area: browser.storage.local,
    now: () => options.now ?? APRIL,
  };
  return fake;
}

const hosts: HTMLElement[] = [];
let db: NewsdeskDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = openTestDb();
});
afterEach(() => {
  for (const host of hosts.splice(0)) render(null, host);
});

function openDesk(deps: XepUpdatesDeps, options: { newsletter?: string; issue?: string } = {}): HTMLElement {
  history.replaceState(null, '', '/desk.html');
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  render(<DeskApp storage={new PageStorage(db)} newsletter={options.newsletter ?? 'xmpp'} initialIssue={options.issue ?? '2026-03'} userNewsletters={[]} xepDeps={deps} />, host);
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

const button = (host: HTMLElement, name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
const text = (host: HTMLElement, testId: string) => host.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
const cards = (host: HTMLElement) => [...host.querySelectorAll<HTMLElement>('[data-card]')];
const draftText = (host: HTMLElement) => host.querySelector<HTMLTextAreaElement>('textarea[data-testid="draft"]')?.value ?? '';

async function draft(host: HTMLElement): Promise<void> {
  const action = await until(() => button(host, 'Draft XEP updates'), 'the Draft XEP updates button');
  action.click();
}

describe('Draft XEP updates in the Desk', () => {
  it('asks for the two GitHub origins, previews March 2026 as published, adds six items, and a second run adds none', async () => {
    const deps = fakeDeps();
    const host = openDesk(deps);
    (await until(() => button(host, 'Draft XEP updates'), 'the button')).click();
    // Asked while the click is being handled, before anything is awaited (Firefox grants nothing later).
    expect(deps.asked).toEqual([['https://api.github.com/*', 'https://raw.githubusercontent.com/*']]);
    await until(() => host.querySelector('[data-testid="xep-preview"]'), 'the preview');

    // Grouped by subsection, in the newsletter's order, the entries as the published issue has them.
    expect([...host.querySelectorAll('.xep-group h3')].map((h) => h.textContent)).toEqual([
      'Extensions and specifications › XEP Proposed',
      'Extensions and specifications › XEP Updated',
      'Extensions and specifications › XEP Last Call',
    ]);
    expect([...host.querySelectorAll('[data-testid="xep-entry"]')].map((e) => e.textContent)).toEqual(goldenEntries);
    expect(text(host, 'xep-counts')).toBe('6 changes in 19 commits: 6 to add, 0 to update, 0 unchanged.');
    expect(text(host, 'xep-todos')).toContain('Last Call, XEP-0377: Link the Last Call\'s own thread on the standards list');
    expect(text(host, 'xep-requests')).toMatch(/^GitHub: 20 API requests \(40 of 60 left until .+\); 18 files from raw\.githubusercontent\.com; 2 answers from the cache\.$/);
    expect(deps.requests.every((r) => r.authorization === null)).toBe(true);
    expect(cards(host)).toHaveLength(0); // nothing written before "Add to the issue"

    button(host, 'Add to the issue')!.click();
    await until(() => text(host, 'xep-done'), 'the report');
    expect(text(host, 'xep-done')).toContain('XEP changes of 2026-03 for the 2026-03 issue: 6 added, 0 updated, 0 unchanged.');
    await until(() => cards(host).length === 6, 'six cards');
    const lines = draftText(host).split('\n');
    for (const line of golden.split('\n').filter((l) => l.startsWith('- '))) expect(lines.filter((l) => l === line)).toHaveLength(1);

    // Again, from the cache: one API request (the month's commit list), nothing added.
    const before = deps.requests.length;
    await draft(host);
    await until(() => host.querySelector('[data-testid="xep-preview"]'), 'the second preview');
    expect(text(host, 'xep-counts')).toBe('6 changes in 19 commits: 0 to add, 0 to update, 6 unchanged.');
    expect(deps.requests.length - before).toBe(1);
    expect(text(host, 'xep-requests')).toMatch(/^GitHub: 1 API request \(.*\); 0 files from raw\.githubusercontent\.com; 39 answers from the cache\.$/);
    button(host, 'Add to the issue')!.click();
    await until(() => text(host, 'xep-done'), 'the second report');
    expect(text(host, 'xep-done')).toContain('0 added, 0 updated, 6 unchanged.');
    expect(cards(host)).toHaveLength(6);
  });

  it('keeps an entry the editor changed and shows it against the fresh draft', async () => {
    const deps = fakeDeps();
    const host = openDesk(deps);
    await draft(host);
    await until(() => button(host, 'Add to the issue'), 'the preview');
    button(host, 'Add to the issue')!.click();
    await until(() => cards(host).length === 6, 'six cards');
    const store = new PageStorage(db).items;
    const id = cards(host).find((c) => c.textContent?.includes('XEP-0461'))!.dataset.card!;
    const item = (await db.items.get(id))!;
    await store.edit(id, { entry: item.entry.replace('Update the example', 'Fix the example') });

    await draft(host);
    await until(() => host.querySelector('[data-testid="xep-preview"]'), 'the preview');
    expect(text(host, 'xep-counts')).toBe('6 changes in 19 commits: 0 to add, 0 to update, 5 unchanged, 1 kept as the editors left them.');
    const kept = host.querySelector('[data-testid="xep-kept-edited"]')!;
    expect(kept.textContent).toContain('“XEP-0461: Message Replies” (Extensions and specifications › XEP Updated): its entry was edited.');
    expect([...kept.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['Fix']);
    expect([...kept.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['Update']);
    expect(host.querySelector(`[data-item="${id}"] .badge`)?.textContent).toBe('kept as edited: the draft is not applied');
    button(host, 'Add to the issue')!.click();
    await until(() => text(host, 'xep-done'), 'the report');
    expect((await db.items.get(id))!.entry).toContain('Fix the example');
  });

  it('refused access: a plain message, nothing fetched; asked again on the next click', async () => {
    const deps = fakeDeps({ grant: false });
    const host = openDesk(deps);
    await draft(host);
    expect(await until(() => text(host, 'xep-problem'), 'the message')).toBe(refusedMessage());
    expect(refusedMessage()).toBe('Newsdesk was not allowed to read api.github.com and raw.githubusercontent.com, so nothing was fetched. Press “Draft XEP updates” again to be asked again.');
    expect(deps.requests).toEqual([]);
    await draft(host);
    await until(() => deps.asked.length === 2, 'a second request');
  });

  it('a prompt the browser will not show (outside a user action) is named, nothing fetched', async () => {
    const deps = fakeDeps({ grant: new Error('permissions.request may only be called from a user input handler') });
    const host = openDesk(deps);
    await draft(host);
    expect(await until(() => text(host, 'xep-problem'), 'the message')).toBe(
      'Newsdesk could not ask for access to api.github.com and raw.githubusercontent.com: permissions.request may only be called from a user input handler',
    );
    expect(deps.requests).toEqual([]);
  });

  it('a month still to come: a plain message, no permission asked', async () => {
    const deps = fakeDeps();
    const host = openDesk(deps, { issue: '2026-05' });
    await draft(host);
    expect(await until(() => text(host, 'xep-problem'), 'the message')).toBe('May 2026 has not begun yet: there are no XEP changes to draft. Nothing was fetched.');
    expect(deps.asked).toEqual([]);
    expect(deps.requests).toEqual([]);
  });

  it('the running month: drafted so far, and said so', async () => {
    const deps = fakeDeps({ now: new Date('2026-03-20T10:00:00Z') });
    const host = openDesk(deps);
    await draft(host);
    await until(() => host.querySelector('[data-testid="xep-preview"]'), 'the preview');
    expect(host.querySelector('[data-testid="xep-preview"]')!.textContent).toContain('March 2026 is not over: these are its changes so far.');
  });

  it('offline: the forge’s own message', async () => {
    const deps = fakeDeps({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const host = openDesk(deps);
    await draft(host);
    expect(await until(() => text(host, 'xep-problem'), 'the message')).toMatch(
      /^Cannot reach api\.github\.com to read the commits of xsf\/xeps since 2026-03-01: the computer seems to be offline or the site is unreachable \(Failed to fetch\)\.$/,
    );
  });

  it('rate limited: when it resets, and that a token helps; with a token, it goes to the API only', async () => {
    const reset = Math.floor(APRIL.getTime() / 1000) + 25 * 60;
    const limited = fakeDeps({
      fetch: async () =>
        new Response('{"message":"API rate limit exceeded"}', {
          status: 403,
          headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        }),
    });
    const host = openDesk(limited);
    await draft(host);
    expect(await until(() => text(host, 'xep-problem'), 'the message')).toBe(
      "GitHub's request limit is used up (60 requests an hour without a token); it resets at 10:25 UTC, in 25 minutes. A GitHub token raises the limit to 5,000 an hour.",
    );

    const token = `github_pat_${'Ab3_'.repeat(20)}xy`;
    await saveGithubToken(browser.storage.local, token);
    const withToken = fakeDeps();
    const second = openDesk(withToken);
    await draft(second);
    await until(() => second.querySelector('[data-testid="xep-preview"]'), 'the preview');
    const api = withToken.requests.filter((r) => r.url.startsWith('https://api.github.com/'));
    const raw = withToken.requests.filter((r) => r.url.startsWith('https://raw.githubusercontent.com/'));
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
    expect(raw.every((r) => r.authorization === null)).toBe(true);
  });

  it('is offered only for monthly newsletters with XEP sections', async () => {
    const deps = fakeDeps();
    const xmpp = openDesk(deps);
    await until(() => button(xmpp, 'Draft XEP updates'), 'the button for the XMPP Newsletter');
    for (const newsletter of ['generic', 'weekly-digest']) {
      const host = openDesk(deps, { newsletter, issue: newsletter === 'weekly-digest' ? '2026-W10' : '2026-03' });
      await until(() => text(host, 'summary')?.includes('item'), `the ${newsletter} Desk`);
      expect(button(host, 'Draft XEP updates')).toBeUndefined();
    }
  });
});
