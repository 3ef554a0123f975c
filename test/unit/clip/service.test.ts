import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../utils/clip/service';
import type { ExtractResult } from '../../../utils/extract/page';
import { ItemStore } from '../../../utils/storage/items';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence } from '../../support/store';

/**
 * The background's behaviour end to end in Node: a fake injection result in, stored items and
 * the exported draft out, on real Dexie over fake-indexeddb.
 */

const env = { now: () => Date.parse('2023-10-29T10:00:00Z'), newId: idSequence() };
/** What the Desk would see (it reads the same database through the item store). */
const issueItems = async (issue = '2023-10') => (await new ItemStore(db!).listIssue('xmpp', issue)).items;
const issues = () => new ItemStore(db!).listIssues('xmpp');

let db: NewsdeskDb | undefined;
afterEach(() => db?.close());

function setup(results: Record<number, ExtractResult>) {
  db = openTestDb();
  const calls: number[] = [];
  const handlers = createHandlers({
    db,
    env,
    extract: async (tabId) => {
      calls.push(tabId);
      return results[tabId] ?? { ok: false, error: 'no such tab' };
    },
  });
  return { handlers, calls };
}

const gajim = makeCapture();
const article = makeCapture({
  url: 'https://upsub.me/posts/xmpp/?utm_source=mastodon',
  canonicalUrl: 'https://upsub.me/posts/xmpp/',
  title: 'XMPP—the Universal Technology for Instant Messaging',
  siteName: 'upsub',
  kind: 'article',
  release: null,
  schemaTypes: ['BlogPosting'],
  description: 'Why XMPP is still the universal technology for instant messaging.',
});

describe('clip service', () => {
  it('prepares a clip: section proposal, drafted entry, issue of the clip month, nothing saved yet', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: gajim } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: gajim.url, title: 'tab title' });
    expect(prep.readable).toBe(true);
    expect(prep.suggestion.section).toBe('clients');
    // Today's form: the project linked to its home page, the version to the release.
    expect(prep.entry).toContain(`[Gajim](https://gajim.org/) has released version [1.8.2](${gajim.canonicalUrl})`);
    expect(prep.issue).toBe('2023-10');
    expect(prep.existing).toBeNull();
    expect(prep.sections.map((s) => s.id)).toContain('xep-updated');
    expect(await issues()).toEqual([]);
  });

  it('saves, then finds the same page again as already collected', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: gajim } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: gajim.url, title: '' });
    const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: prep.suggestion.section, entry: prep.entry, title: prep.capture.title };
    const { item: saved } = await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: prep.suggestion.section });
    const again = await handlers['clip.prepare']({ tabId: 1, url: gajim.url, title: '' });
    expect(again.existing?.id).toBe(saved.id);
    await expect(handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: 'clients' })).rejects.toThrow(/already in the collection/);
    await handlers['clip.save']({ input: { ...input, entry: 'Edited.' }, mode: { kind: 'update', id: saved.id }, suggested: 'clients' });
    const items = await issueItems();
    expect(items.map((i) => i.entry)).toEqual(['Edited.']);
  });

  it('remembers a corrected section for the site and proposes it next time', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: article } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: article.url, title: '' });
    expect(prep.suggestion.section).toBe('articles');
    const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: 'announcements', entry: prep.entry, title: prep.capture.title };
    await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: prep.suggestion.section });
    const other = makeCapture({ ...article, url: 'https://upsub.me/posts/other/', canonicalUrl: 'https://upsub.me/posts/other/' });
    const { handlers: next } = { handlers: createHandlers({ db: db!, env, extract: async () => ({ ok: true, capture: other }) }) };
    const prep2 = await next['clip.prepare']({ tabId: 2, url: other.url, title: '' });
    expect(prep2.suggestion.section).toBe('announcements');
  });

  it('places a release among the others in alphabetical order of project (the software sections)', async () => {
    const releaseOf = (project: string) => {
      const url = `https://example.org/${project.toLowerCase()}/releases/1.0`;
      return makeCapture({ url, canonicalUrl: url, title: `${project} 1.0`, siteName: null, description: null, release: { project, version: '1.0' } });
    };
    const pages = ['Monal', 'aTalk', 'Profanity', 'Gajim', 'xmpp-web'].map(releaseOf);
    const { handlers } = setup(Object.fromEntries(pages.map((capture, i) => [i + 1, { ok: true, capture }])));
    for (const [i, page] of pages.entries()) {
      const prep = await handlers['clip.prepare']({ tabId: i + 1, url: page.url, title: '' });
      const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: 'clients', entry: prep.entry, title: prep.capture.title };
      await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: 'clients' });
    }
    const order = (await issueItems()).sort((a, b) => a.position - b.position).map((i) => i.release?.project);
    expect(order).toEqual(['aTalk', 'Gajim', 'Monal', 'Profanity', 'xmpp-web']);
  });

  it('learns a project’s home page and description from the release entry the user saved, and drafts the next release with them', async () => {
    const first = makeCapture({ url: 'https://example.org/wimsy/releases/0.0.4', title: 'v0.0.4', siteName: null, description: null, release: { project: 'Wimsy', version: '0.0.4' } });
    const second = makeCapture({ url: 'https://example.org/wimsy/releases/0.0.5', title: 'v0.0.5', siteName: null, description: null, release: { project: 'Wimsy', version: '0.0.5' } });
    const { handlers } = setup({ 1: { ok: true, capture: first }, 2: { ok: true, capture: second } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: first.url, title: '' });
    expect(prep.entry).not.toContain(' of its ');
    // The user writes what Wimsy is, as the newsletter words it.
    const entry = prep.entry.replace(/^\[Wimsy\]\([^)]*\) has released version (\[[^\]]+\]\([^)]+\))\./, '[Wimsy](https://github.com/dwd/Wimsy) has released version $1 of its cross-platform XMPP client built with Flutter.');
    expect(entry).toContain('of its cross-platform');
    const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: 'clients', entry, title: prep.capture.title, drafted: prep.entry };
    await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: 'clients' });
    const next = await handlers['clip.prepare']({ tabId: 2, url: second.url, title: '' });
    expect(next.entry).toMatch(/^\[Wimsy\]\(https:\/\/github\.com\/dwd\/Wimsy\) has released version \[0\.0\.5\]\(https:\/\/example\.org\/wimsy\/releases\/0\.0\.5\) of its cross-platform XMPP client built with Flutter\./);
    // What Newsdesk drafted is kept beside what the user wrote.
    const saved = (await issueItems()).find((i) => i.release?.version === '0.0.4');
    expect(saved?.drafted).toBe(prep.entry);
    expect(saved?.entry).toBe(entry);
  });

  it('says where a page was already covered: "in the September 2023 issue, XMPP Software News › Clients"', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: gajim } });
    await new ItemStore(db!, env).saveClip({ capture: gajim, newsletter: 'xmpp', issue: '2023-09', section: 'clients', entry: 'x', title: gajim.title }, { kind: 'create' });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: gajim.url, title: '' });
    // Not this issue's item: saving makes a new one for October.
    expect(prep.existing).toBeNull();
    expect(prep.covered).toEqual([{ issue: '2023-09', section: 'XMPP Software News › Clients', contributor: '', archived: false }]);
  });

  it('says so when the page read is an error page ("page not found"), and still drafts its link', async () => {
    const missing = makeCapture({ url: 'https://example.org/gone', canonicalUrl: 'https://example.org/gone', title: 'Page not found', kind: 'error', release: null, error: { status: 404, message: 'The page says it was not found (404): check the address before saving it.' } });
    const { handlers } = setup({ 1: { ok: true, capture: missing } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: missing.url, title: '' });
    expect(prep.readable).toBe(true);
    expect(prep.problem).toBe('The page says it was not found (404): check the address before saving it.');
  });

  it('does not inject into browser pages and offers a title + URL clip instead', async () => {
    const { handlers, calls } = setup({});
    const prep = await handlers['clip.prepare']({ tabId: 7, url: 'chrome://settings/', title: 'Settings' });
    expect(calls).toEqual([]);
    expect(prep.readable).toBe(false);
    expect(prep.problem).toMatch(/browser’s own pages/);
    expect(prep.capture).toMatchObject({ title: 'Settings', url: 'chrome://settings/', contentMarkdown: '' });
  });

  it('a page whose extraction fails still yields a savable title + URL clip with the reason', async () => {
    const { handlers } = setup({ 3: { ok: false, error: 'The page threw while being read.' } });
    const prep = await handlers['clip.prepare']({ tabId: 3, url: 'https://example.org/a?utm_medium=x', title: 'Example A' });
    expect(prep.readable).toBe(false);
    expect(prep.problem).toBe('The page threw while being read.');
    expect(prep.capture.canonicalUrl).toBe('https://example.org/a');
    expect(prep.entry).toContain('[Example A](https://example.org/a)');
  });

  it('exports the month as a draft issue with the items in their sections', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: gajim }, 2: { ok: true, capture: article } });
    for (const [tabId, url] of [[1, gajim.url], [2, article.url]] as const) {
      const prep = await handlers['clip.prepare']({ tabId, url, title: '' });
      const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: prep.suggestion.section, entry: prep.entry, title: prep.capture.title };
      await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: prep.suggestion.section });
    }
    const draft = await handlers['export.draft']({ newsletter: 'xmpp', issue: '2023-10' });
    expect(draft.count).toBe(2);
    expect(draft.markdown).toMatch(/^---\ntitle: The XMPP Newsletter October 2023\n/);
    const clients = draft.markdown.indexOf('### XMPP Clients and Applications');
    const gajimLine = draft.markdown.indexOf('- [Gajim](https://gajim.org/) has released version [1.8.2]');
    const articles = draft.markdown.indexOf('## XMPP Articles');
    const articleLine = draft.markdown.indexOf('- [XMPP—the Universal Technology');
    expect(gajimLine).toBeGreaterThan(clients);
    expect(articleLine).toBeGreaterThan(articles);
    expect(articleLine).toBeLessThan(clients);
  });

  it('the popup’s draft uses the issue’s details: the editor’s teaser, extra credits and a switched-on block', async () => {
    const { handlers } = setup({ 1: { ok: true, capture: gajim } });
    const prep = await handlers['clip.prepare']({ tabId: 1, url: gajim.url, title: '' });
    const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: prep.suggestion.section, entry: prep.entry, title: prep.capture.title };
    await handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: prep.suggestion.section });
    const before = await handlers['export.draft']({ newsletter: 'xmpp', issue: '2023-10' });
    expect(before.markdown).not.toContain('## XMPP Public channels');
    await new IssueMetaStore(db!, env).update('xmpp', '2023-10', { summary: 'In this issue: the editor’s own words.', contributors: ['XSF iTeam'], blocks: { 'public-channels': true } });
    const draft = await handlers['export.draft']({ newsletter: 'xmpp', issue: '2023-10' });
    expect(draft.markdown).toMatch(/^summary: "In this issue: the editor’s own words\."$/m);
    expect(draft.markdown).toContain('\n## XMPP Public channels\n');
    expect(draft.markdown).toContain('XSF iTeam');
  });

  it('a tab whose address the browser hides yields nothing to save, not an empty item', async () => {
    const { handlers, calls } = setup({});
    const prep = await handlers['clip.prepare']({ tabId: 8, url: '', title: '' });
    expect(calls).toEqual([]);
    expect(prep.readable).toBe(false);
    const input = { capture: prep.capture, newsletter: 'xmpp', issue: prep.issue, section: 'articles', entry: 'x', title: '' };
    await expect(handlers['clip.save']({ input, mode: { kind: 'create' }, suggested: 'articles' })).rejects.toThrow(/Nothing to save/);
    expect(await issues()).toEqual([]);
  });

  it('refuses a section that holds no items', async () => {
    const { handlers } = setup({});
    await expect(handlers['clip.redraft']({ capture: gajim, newsletter: 'xmpp', section: 'license' })).rejects.toThrow(/not a section/);
  });
});
