import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * The built extension in Debian's Chromium, as a user has it: loaded unpacked, opened by a
 * real toolbar click (Extensions.triggerAction, a user gesture that grants activeTab), reading
 * pages served from this machine. Recipe: shared/browser-testing.md.
 */

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const extensionDir = path.join(repoRoot, '.output/chrome-mv3');

export type Routes = Record<string, { file: string; type?: string } | { body: string; type?: string }>;

/** A local web server for fixture pages. Host names are mapped to it by Chromium. */
export async function serveFixtures(routes: Routes): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = 'file' in route ? await readFile(route.file) : route.body;
    res.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  cdp: CDPSession;
  close(): Promise<void>;
}

/**
 * Launch Chromium with the extension (the build in `dir`, by default this checkout's Chrome
 * build); every host name resolves to the fixture server.
 */
export async function launch(port: number, dir = extensionDir): Promise<Session> {
  // Without this, the popup opened by triggerAction is not reported as a Page.
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  const profile = await mkdtemp(path.join(tmpdir(), 'newsdesk-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--disable-gpu',
        '--disable-quic',
        `--disable-extensions-except=${dir}`,
        `--load-extension=${dir}`,
        `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extensionId = new URL(worker.url()).host;
    const browser = context.browser();
    if (!browser) throw new Error('no browser handle');
    const cdp = await browser.newBrowserCDPSession();
    const opened = context;
    return {
      context: opened,
      extensionId,
      cdp,
      async close() {
        await opened.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The next page of the context that reaches `url`. Other pages may open first (Chromium's PDF
 * viewer is one) and a new page may still be blank when reported, so each new page is watched
 * until it navigates, rather than judged on arrival.
 */
function waitForPageAt(context: BrowserContext, url: string, timeout: number): Promise<Page> {
  return new Promise<Page>((resolve, reject) => {
    const timer = setTimeout(() => {
      context.off('page', onPage);
      reject(new Error(`no page reached ${url} within ${timeout} ms`));
    }, timeout);
    const done = (page: Page) => {
      clearTimeout(timer);
      context.off('page', onPage);
      resolve(page);
    };
    function onPage(page: Page) {
      if (page.url() === url) return done(page);
      page.waitForURL(url, { timeout }).then(() => done(page), () => {});
    }
    context.on('page', onPage);
  });
}

/** True once a target showing `url` exists; false when none did within `timeout` ms. */
async function popupTargetAppears(session: Session, url: string, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const { targetInfos } = (await session.cdp.send('Target.getTargets')) as { targetInfos: Array<{ url: string }> };
    if (targetInfos.some((t) => t.url === url)) return true;
    // Polls the browser's own target list; each round trip paces the loop.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * The fixture server and the built extension in Chromium for one test file: started before its
 * tests (then `setUp`, e.g. routes or listeners), both stopped after them. Read `.session`
 * inside tests and hooks, once started.
 */
export function extensionForThisFile(routes: Routes = {}, setUp?: (session: Session, server: Server) => void | Promise<void>): { readonly session: Session; readonly server: Server } {
  let server: Server | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    const served = await serveFixtures(routes);
    server = served.server;
    session = await launch(served.port);
    await setUp?.(session, server);
  });
  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get session() {
      if (!session) throw new Error('the browser is not started yet (use it inside a test or hook)');
      return session;
    },
    get server() {
      if (!server) throw new Error('the fixture server is not started yet (use it inside a test or hook)');
      return server;
    },
  };
}

/** Click the toolbar button for the tab showing `page`, and return the popup that opens. */
export async function clickToolbarButton(session: Session, page: Page): Promise<Page> {
  return clickToolbarButtonOnTab(session, page.url());
}

/**
 * Click the toolbar button for the tab whose own URL is `url` (for tabs whose Page reports
 * another URL, e.g. view-source:).
 */
export async function clickToolbarButtonOnTab(session: Session, url: string): Promise<Page> {
  // The tab target's URL can lag behind the page's own (a PDF viewer commits late): wait for it.
  let tab: { targetId: string; url: string } | undefined;
  let seen: string[] = [];
  for (const deadline = Date.now() + 30_000; !tab && Date.now() < deadline; ) {
    const { targetInfos } = (await session.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
      targetInfos: Array<{ targetId: string; url: string }>;
    };
    tab = targetInfos.find((t) => t.url === url);
    seen = targetInfos.map((t) => t.url);
    if (!tab) await new Promise((resolve) => setTimeout(resolve, 100)); // paces the poll
  }
  if (!tab) throw new Error(`no tab target for ${url}: ${seen.join(', ')}`);
  const popupUrl = `chrome-extension://${session.extensionId}/popup.html`;
  const popupOpened = waitForPageAt(session.context, popupUrl, 45_000);
  // Headless Chromium now and then ignores a triggerAction (about 1 in 15 runs here): when no
  // popup target exists after a while, click again. Never while one exists: a second click
  // would close it.
  for (let attempt = 1; ; attempt++) {
    await session.cdp.send('Extensions.triggerAction' as never, { id: session.extensionId, targetId: tab.targetId } as never);
    const opened = await Promise.race([popupOpened.then(() => true), popupTargetAppears(session, popupUrl, 10_000)]);
    if (opened || attempt === 3) break;
  }
  const popup = await popupOpened;
  return popup;
}

/**
 * Write records straight into the extension's IndexedDB from one of its pages (the schema
 * exists once an extension page has opened the database).
 */
export async function seedItems(page: Page, items: readonly unknown[]): Promise<void> {
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('newsdesk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('items', 'readwrite');
      for (const record of records) tx.objectStore('items').put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, items);
}

/** The id of the tab showing `page` (brought to the front: the extension sees only the active tab's id without a permission). */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = session.context.serviceWorkers()[0] ?? (await session.context.waitForEvent('serviceworker'));
  return worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

/**
 * The clip form for tab `tabId` in an ordinary page (what the context menu opens when the
 * browser cannot show the popup), at the size and colour scheme given. The tab must have been
 * granted activeTab first (a toolbar click) for the page to be read.
 */
export async function openClipForm(
  session: Session,
  tabId: number,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<Page> {
  const form = await session.context.newPage();
  await form.setViewportSize({ width: options.width ?? 420, height: options.height ?? 600 });
  if (options.colorScheme) await form.emulateMedia({ colorScheme: options.colorScheme });
  await form.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  return form;
}
