import { afterAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { issueForDate } from '../../utils/model/issue';
import { writeFigures } from '../unit/reliability/report';
import { clickToolbarButton, extensionForThisFile } from './harness';

/**
 * Every clipped page is written by a stranger. A page whose title, author, description and
 * site name carry XSS payloads is clipped, saved with a hostile entry, met again as a
 * duplicate and shown in the Desk: no payload runs (no dialog, no beacon request) anywhere in
 * the extension. And the page itself cannot read or write the collection.
 */

const BEACON = 'beacon.example';
/** Each payload would make a request to the beacon host (or open a dialog) if it ever ran or rendered as HTML. */
const PAYLOADS = [
  `<script>fetch('http://${BEACON}/script')</script>`,
  `<img src="http://${BEACON}/img" onerror="fetch('http://${BEACON}/onerror')">`,
  `<svg onload="fetch('http://${BEACON}/svg')"><image href="http://${BEACON}/svgimg"/></svg>`,
  `<iframe srcdoc="<script>parent.fetch('http://${BEACON}/srcdoc')</script>" src="http://${BEACON}/iframe"></iframe>`,
  `<div style="background:url(http://${BEACON}/css)">x</div>`,
  `<a href="javascript:fetch('http://${BEACON}/js')">click</a>`,
  `"><img src=x onerror=alert(1)>`,
  `<details open ontoggle="fetch('http://${BEACON}/toggle')">`,
  `<object data="http://${BEACON}/object"></object><embed src="http://${BEACON}/embed">`,
  `<link rel="stylesheet" href="http://${BEACON}/link.css"><meta http-equiv="refresh" content="0;url=http://${BEACON}/refresh">`,
  `[x](javascript:alert(1)) {{< x >}} <!-- comment --> \`code\``,
];
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = attr;
const HOSTILE_TITLE = `Hostile ${PAYLOADS[1]} title ${PAYLOADS[0]}`;

const PAGE_URL = 'http://hostile.example/2023/10/hostile-post/';
const PAGE = `<!doctype html><html lang="en"><head>
<title>${text(HOSTILE_TITLE)}</title>
<meta property="og:title" content="${attr(HOSTILE_TITLE)}">
<meta name="author" content="${attr(PAYLOADS.slice(2, 5).join(' '))}">
<meta name="description" content="${attr(PAYLOADS.slice(5).join(' '))}">
<meta property="og:site_name" content="${attr(PAYLOADS[3]!)}">
<meta property="article:published_time" content="2023-10-20T10:00:00Z">
</head><body><article><h1>${text(HOSTILE_TITLE)}</h1>
${PAYLOADS.map((p) => `<p>Text about ${text(p)} that a stranger wrote, long enough to be an article paragraph for the extractor.</p>`).join('\n')}
</article>
<script>
  // The page's own script tries to reach the extension from the main world.
  window.__probe = (async () => {
    const found = {};
    found.chromeRuntime = typeof (window.chrome && window.chrome.runtime && window.chrome.runtime.sendMessage);
    found.globals = Object.getOwnPropertyNames(window).filter((k) => /newsdesk|wxt|dexie|extract/i.test(k));
    window.postMessage({ type: 'export.draft', request: { newsletter: 'xmpp', issue: '${issueForDate(new Date())}' } }, '*');
    window.postMessage({ type: 'clip.save', request: { id: 'anything' } }, '*');
    try { indexedDB.deleteDatabase('newsdesk'); found.deletedOwnOriginDb = true; } catch { found.deletedOwnOriginDb = false; }
    return found;
  })();
</script>
</body></html>`;

const HOSTILE_ENTRY = `${PAYLOADS.join('\n')}\n# heading\n---\nend`;

const beacons: string[] = [];
const dialogs: string[] = [];
const figures = { payloads: PAYLOADS.length, surfaces: 0, scriptsExecuted: 0, requestsLeft: 0, pageReadCollection: 0 };

function watch(page: Page): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
}

const ext = extensionForThisFile({ '/2023/10/hostile-post/': { body: PAGE } }, async (session) => {
  session.context.on('request', (request: Request) => {
    if (new URL(request.url()).hostname === BEACON) beacons.push(request.url());
  });
  session.context.on('page', watch);
});

afterAll(async () => {
  figures.scriptsExecuted = dialogs.length + beacons.filter((b) => /script|onerror|svg$|srcdoc|js|toggle/.test(b)).length;
  figures.requestsLeft = beacons.length;
  writeFigures('xss-browser', { title: 'XSS payloads shown in the popup and the Desk (Chromium)', figures: { ...figures } });
  console.log(`xss: ${PAYLOADS.length} payloads on ${figures.surfaces} surfaces; scripts executed ${figures.scriptsExecuted}, requests left ${beacons.length} ${JSON.stringify(beacons)}, dialogs ${JSON.stringify(dialogs)}`);
});

/** No payload became an element: no element carries a handler, a beacon URL or a javascript: link. */
async function expectNoMarkup(page: Page): Promise<void> {
  const offenders = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((el) =>
        el.getAttributeNames().some((name) => {
          const value = el.getAttribute(name) ?? '';
          // Payload text as an attribute value (aria-label, option value) is data; it is a
          // danger only as a handler, a frame document or a URL the browser would load.
          const urlAttribute = /^(src|href|srcset|data|action|formaction|poster|xlink:href|style|background)$/i.test(name);
          return /^on/i.test(name) || name === 'srcdoc' || (urlAttribute && (/beacon\.example/.test(value) || /^\s*javascript:/i.test(value)));
        }),
      )
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(offenders).toEqual([]);
}

async function openHostilePage(): Promise<Page> {
  const page = await ext.session.context.newPage();
  watch(page);
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  return page;
}

async function collection(): Promise<number> {
  const page = await ext.session.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.session.extensionId}/options.html`);
    // Extension pages read IndexedDB themselves: count the issue's live items as the Desk would.
    return await page.evaluate(async (issue) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('newsdesk');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = await new Promise<Array<{ newsletter: string; issue: string; deletedAt: string | null }>>((resolve, reject) => {
        const request = db.transaction('items').objectStore('items').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return all.filter((i) => i.newsletter === 'xmpp' && i.issue === issue && i.deletedAt === null).length;
    }, issueForDate(new Date()));
  } finally {
    await page.close();
  }
}

describe('hostile clipped content in the extension (Chromium)', () => {
  it('shows the payloads as text in the popup, saves them, and nothing runs or loads', async () => {
    const page = await openHostilePage();
    try {
      const popup = await clickToolbarButton(ext.session, page);
      try {
        await popup.locator('#entry').waitFor({ state: 'visible', timeout: 30_000 });
        // The title arrives as text, payload characters intact.
        expect(await popup.locator('#title').inputValue()).toContain('<img src="http://beacon.example/img"');
        await expectNoMarkup(popup);
        expect(await popup.locator('img, svg:not([aria-hidden]), iframe, object, embed, script:not([src])').count()).toBe(0);
        expect(await popup.locator('a[href^="javascript:" i]').count()).toBe(0);
        await popup.locator('#entry').fill(HOSTILE_ENTRY);
        await popup.locator('#entry').focus();
        await popup.keyboard.press('Control+Enter');
        await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
        figures.surfaces += 1;
      } finally {
        await popup.close();
      }

      const again = await clickToolbarButton(ext.session, page);
      try {
        await again.getByTestId('existing').waitFor({ timeout: 30_000 });
        // The stored hostile entry comes back as the textarea's value, not as markup.
        expect(await again.locator('#entry').inputValue()).toBe(HOSTILE_ENTRY);
        await expectNoMarkup(again);
        figures.surfaces += 1;
      } finally {
        await again.close();
      }
    } finally {
      await page.close();
    }
    expect(dialogs).toEqual([]);
    expect(beacons).toEqual([]);
  });

  it('shows the stored payloads in the Desk’s draft without running them', async () => {
    const desk = await ext.session.context.newPage();
    watch(desk);
    try {
      await desk.goto(`chrome-extension://${ext.session.extensionId}/desk.html?newsletter=xmpp&issue=${issueForDate(new Date())}`);
      const draft = desk.getByTestId('draft');
      await expect.poll(() => draft.inputValue(), { timeout: 30_000 }).toContain('beacon.example/img');
      // In the draft Markdown the entry's heading and rule stay inside the bullet.
      expect(await draft.inputValue()).not.toMatch(/^# heading$/m);
      expect(await draft.inputValue()).not.toMatch(/^---\nend/m);
      await expectNoMarkup(desk);
      figures.surfaces += 1;
    } finally {
      await desk.close();
    }
    expect(dialogs).toEqual([]);
    expect(beacons).toEqual([]);
  });

  it('a web page cannot reach the extension: no runtime API, nothing on window, postMessage ignored', async () => {
    const before = await collection();
    expect(before).toBe(1);
    const page = await openHostilePage();
    try {
      const probe = await page.evaluate(() => (window as unknown as { __probe: Promise<Record<string, unknown>> }).__probe);
      // Web pages get no chrome.runtime.sendMessage without externally_connectable.
      expect(probe.chromeRuntime).toBe('undefined');
      expect(probe.globals).toEqual([]);
      // Chrome would throw for an unknown id; with no runtime at all the call cannot even be made.
      const direct = await page.evaluate(async (id) => {
        const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome;
        try {
          return String(await c?.runtime?.sendMessage?.(id, { type: 'issue.items', request: { newsletter: 'xmpp', issue: '2023-10' } }));
        } catch (error) {
          return `threw: ${String(error)}`;
        }
      }, ext.session.extensionId);
      expect(direct).toBe('undefined');
    } finally {
      await page.close();
    }
    // The page's deleteDatabase('newsdesk') hit its own origin's storage, not ours.
    const after = await collection();
    figures.pageReadCollection += after === before ? 0 : 1;
    expect(after).toBe(before);
  });

  it('a message sent from a content script in the page (isolated world) gets no data and changes nothing', async () => {
    const page = await openHostilePage();
    try {
      // The toolbar click grants activeTab, so the service worker may inject into this tab.
      const popup = await clickToolbarButton(ext.session, page);
      await popup.locator('#entry').waitFor({ state: 'visible', timeout: 30_000 });
      await popup.close();
      const [worker] = ext.session.context.serviceWorkers();
      const replies = await worker!.evaluate(async (issue) => {
        const chrome = (globalThis as unknown as { chrome: typeof browser }).chrome;
        const [tab] = await chrome.tabs.query({ url: 'http://hostile.example/*' });
        const [frame] = await chrome.scripting.executeScript({
          target: { tabId: tab!.id! },
          func: async (issue: string) => {
            const send = async (message: unknown) => {
              try {
                return JSON.stringify((await chrome.runtime.sendMessage(message)) ?? null);
              } catch (error) {
                return `error: ${String(error)}`;
              }
            };
            return [
              await send({ type: 'export.draft', request: { newsletter: 'xmpp', issue } }),
              await send({ type: 'storage.status', request: null }),
              await send({
                type: 'clip.save',
                request: { input: { capture: { url: 'http://hostile.example/x', canonicalUrl: 'http://hostile.example/x', title: 'injected' }, newsletter: 'xmpp', issue, section: 'articles', entry: 'x', title: 'x' }, mode: { kind: 'create' }, suggested: 'articles' },
              }),
            ];
          },
          args: [issue],
        });
        return frame?.result as string[];
      }, issueForDate(new Date()));
      for (const reply of replies) expect(reply).not.toMatch(/"ok":true|beacon|hostile/);
      expect(await collection()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
