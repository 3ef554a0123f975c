import path from 'node:path';
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueForDate } from '../../utils/model/issue';
import { startProsody, type Prosody } from '../support/prosody';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { clickToolbarButton, launch, repoRoot, serveFixtures, type Session } from './harness';

/**
 * The shared newsroom in the built extension, with three Chromium profiles and a real Prosody
 * started here (loopback; plain ws:// is allowed on loopback only):
 *   - the editor joins from the options page, creates the newsroom and adds alice;
 *   - alice (a contributor) joins, clips a page by a real toolbar click, and the editor's Desk
 *     shows it without a reload; the editor moves it, and alice's Desk shows the move;
 *   - alice's network goes down (a TCP proxy in front of the server), she edits in her Desk,
 *     her Desk says a change is waiting; the network comes back and the edit reaches the editor;
 *   - mallory, who has an account but is not a member, is refused in plain words.
 */

const fixtures = path.join(repoRoot, 'test/fixtures/pages');
const GAJIM = 'http://gajim.org/post/2023-10-29-gajim-1.8.2-released/';
const NODE = 'xmpp-newsletter';

let prosody: Prosody | undefined;
let proxy: TcpProxy | undefined;
let server: Server | undefined;
const browsers: Session[] = [];
let port = 0;

beforeAll(async () => {
  prosody = await startProsody({ users: { alice: 'alice-secret', mallory: 'mallory-secret' } });
  proxy = await startTcpProxy(prosody.httpPort);
  const served = await serveFixtures({ '/post/2023-10-29-gajim-1.8.2-released/': { file: path.join(fixtures, 'hugo-blog-post.html') } });
  server = served.server;
  port = served.port;
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await proxy?.close();
  await new Promise((resolve) => server?.close(resolve));
  await prosody?.stop();
});

async function profile(): Promise<Session> {
  const session = await launch(port);
  browsers.push(session);
  return session;
}

async function openPage(session: Session, file: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${file}`);
  return page;
}

/** Fill the options page's join form and press Join. */
async function join(session: Session, user: string, service: string): Promise<Page> {
  const options = await openPage(session, 'options.html');
  await options.locator('#newsroom-jid').fill(prosody!.jid(user));
  await options.locator('#newsroom-password').fill(prosody!.users[user]!);
  await options.locator('#newsroom-service').fill(service);
  await options.locator('#newsroom-node').fill(NODE);
  await options.getByRole('button', { name: 'Join the newsroom' }).click();
  await options.getByTestId('newsroom-status').waitFor({ timeout: 30_000 });
  return options;
}

const statusOf = (page: Page) => page.getByTestId('newsroom-status').textContent();
const deskStatus = (page: Page) => page.getByTestId('desk-newsroom').textContent();

describe('the shared newsroom in Chromium (editor, contributor, outsider)', () => {
  it('a clip travels live, a move comes back, an offline edit arrives later, and an outsider is refused', async () => {
    // "localhost": the harness maps every other host name (IP literals included) to the page server.
    const direct = `ws://localhost:${prosody!.httpPort}/xmpp-websocket`;
    const throughProxy = `ws://localhost:${proxy!.port}/xmpp-websocket`;

    // The editor joins; the node does not exist yet, so the editor creates it and adds alice.
    const editor = await profile();
    const editorOptions = await join(editor, 'editor', direct);
    await expect.poll(() => statusOf(editorOptions), { timeout: 30_000 }).toMatch(/does not exist \(yet\)/);
    await editorOptions.getByText('Manage the newsroom (editors)').click();
    await editorOptions.getByRole('button', { name: 'Create the newsroom' }).click();
    await expect.poll(() => editorOptions.getByTestId('newsroom-editor-note').textContent(), { timeout: 30_000 }).toMatch(/^Created the newsroom “xmpp-newsletter”/);
    await editorOptions.getByRole('textbox', { name: 'Contributor’s XMPP address' }).fill(prosody!.jid('alice'));
    await editorOptions.getByRole('button', { name: 'Add contributor' }).click();
    await expect.poll(() => editorOptions.getByTestId('newsroom-members').textContent(), { timeout: 30_000 }).toContain('alice@newsdesk.test (contributor)');
    await expect.poll(() => statusOf(editorOptions), { timeout: 30_000 }).toBe('Connected to the newsroom: everything is shared.');

    // Alice joins through the proxy (so her network can fail later).
    const alice = await profile();
    const aliceOptions = await join(alice, 'alice', throughProxy);
    await expect.poll(() => statusOf(aliceOptions), { timeout: 30_000 }).toBe('Connected to the newsroom: everything is shared.');

    const issue = issueForDate(new Date(), 'monthly');
    const editorDesk = await openPage(editor, `desk.html?newsletter=xmpp&issue=${issue}`);
    await expect.poll(() => deskStatus(editorDesk), { timeout: 30_000 }).toBe('Connected to the newsroom: everything is shared.');
    const aliceDesk = await openPage(alice, `desk.html?newsletter=xmpp&issue=${issue}`);

    // Alice clips a page with a real toolbar click; the editor's Desk shows it without a reload.
    const tab = await alice.context.newPage();
    await tab.goto(GAJIM, { waitUntil: 'load' });
    await tab.bringToFront();
    const popup = await clickToolbarButton(alice, tab);
    await popup.locator('#entry').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => popup.getByTestId('newsroom-line').textContent(), { timeout: 30_000 }).toBe('Connected to the newsroom: everything is shared.');
    await popup.locator('#entry').focus();
    const savedAt = Date.now();
    await popup.keyboard.press('Control+Enter');
    await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
    const card = editorDesk.locator('[data-section="clients"] [data-card]');
    await card.first().waitFor({ timeout: 30_000 });
    console.log(`clip saved in alice's popup → shown in the editor's Desk: ${Date.now() - savedAt} ms`);
    expect(await card.count()).toBe(1);
    expect(await card.first().locator('.card-title').textContent()).toContain('Gajim 1.8.2');
    // Credited by the address the server vouches for (alice set no name).
    expect(await card.first().getByTestId('credit').textContent()).toContain('by alice@newsdesk.test');
    const id = await card.first().getAttribute('data-card');

    // The editor's popup on the same page knows it is covered, and by whom.
    const editorTab = await editor.context.newPage();
    await editorTab.goto(GAJIM, { waitUntil: 'load' });
    await editorTab.bringToFront();
    const editorPopup = await clickToolbarButton(editor, editorTab);
    await editorPopup.getByTestId('existing').waitFor({ timeout: 30_000 });
    expect(await editorPopup.getByTestId('existing').textContent()).toMatch(/^Already in your collection \(clipped by alice@newsdesk\.test\): /);
    await editorPopup.close();

    // The editor moves it to Articles; alice's Desk follows.
    await card.first().getByRole('button', { name: 'Edit' }).click();
    await editorDesk.locator(`#section-${id}`).selectOption('articles');
    await aliceDesk.locator(`[data-section="articles"] [data-card="${id}"]`).waitFor({ timeout: 30_000 });
    expect(await aliceDesk.locator(`[data-section="clients"] [data-card="${id}"]`).count()).toBe(0);

    // Alice's network goes down; she edits the entry in her Desk; it waits, then arrives.
    proxy!.block();
    proxy!.cut();
    await expect.poll(() => deskStatus(aliceDesk), { timeout: 30_000 }).toMatch(/^Offline: nothing waiting/);
    const aliceCard = aliceDesk.locator(`[data-card="${id}"]`);
    await aliceCard.getByRole('button', { name: 'Edit' }).click();
    const offlineEntry = 'Gajim 1.8.2 brings **better gateways** (written on a train).';
    await aliceCard.locator('textarea.entry-input').fill(offlineEntry);
    await aliceCard.locator('textarea.entry-input').blur();
    await expect.poll(() => deskStatus(aliceDesk), { timeout: 30_000 }).toMatch(/^Offline: 1 change waiting, sent when the connection is back\./);
    proxy!.unblock();
    await aliceDesk.getByTestId('desk-newsroom').getByRole('button', { name: 'Reconnect now' }).click();
    await expect
      .poll(() => editorDesk.locator(`[data-card="${id}"] .entry-preview`).first().textContent(), { timeout: 30_000 })
      .toContain('written on a train');
    await expect.poll(() => deskStatus(aliceDesk), { timeout: 30_000 }).toBe('Connected to the newsroom: everything is shared.');

    // Mallory has an account but is not a member: refused, in words; nothing of hers arrives.
    const mallory = await profile();
    const malloryOptions = await join(mallory, 'mallory', direct);
    await expect
      .poll(() => statusOf(malloryOptions), { timeout: 30_000 })
      .toBe('Refused: mallory@newsdesk.test is not a member of the newsroom “xmpp-newsletter” on pubsub.newsdesk.test; ask its editor to add you.');
    expect(await editorDesk.locator('[data-card]').count()).toBe(1);
  });
});
