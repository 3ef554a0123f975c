import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { extensionDir, launch, serveFixtures, type Session } from '../../test/browser/harness';
import { popupFirstLoad } from '../popup-size';
import { corpusDir, repoRoot } from './corpus';
import { kb, ms, triple, type Row, type SuiteResult } from './report';
import { summarize } from './stats';

/**
 * 2. The popup: what it ships (JS at first load and CSS, raw and gzip), and in Chromium the
 * time from the toolbar click (a real Extensions.triggerAction) to its first paint and to the
 * filled clip form, read from the popup's own performance timeline.
 */

/** Name of the performance mark the clip form sets once it is on screen (components/Popup.tsx). */
export const FORM_MARK = 'newsdesk:clip-form';

const PAGES = [
  { path: '/post/2023-10-29-gajim-1.8.2-released/', host: 'gajim.org', file: path.join(repoRoot, 'test/fixtures/pages/hugo-blog-post.html') },
  { path: '/2024/01/xmpp-server-raspberry-pi/', host: 'blog.snikket.example', file: path.join(repoRoot, 'test/fixtures/pages/wordpress-article.html') },
  // A large real news page (ACLU, ≈ 200 KB) to see the heavy end; a host without HSTS preload.
  { path: '/aclu/', host: 'news.example.org', file: path.join(corpusDir, 'aclu/source.html') },
];
const CLICKS_PER_PAGE = 6;

function cssFiles(): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(path.join(extensionDir, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, ''));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const code = readFileSync(path.join(extensionDir, file));
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** The next page of the context that reaches `url` (a new page may still be blank when reported). */
function nextPageAt(context: BrowserContext, url: string, timeout: number): Promise<Page> {
  return new Promise<Page>((resolve, reject) => {
    const timer = setTimeout(() => {
      context.off('page', onPage);
      reject(new Error(`no page reached ${url} within ${timeout} ms`));
    }, timeout);
    function onPage(page: Page) {
      const done = () => {
        clearTimeout(timer);
        context.off('page', onPage);
        resolve(page);
      };
      if (page.url() === url) done();
      else page.waitForURL(url, { timeout }).then(done, () => {});
    }
    context.on('page', onPage);
  });
}

interface ClickTiming {
  page: string;
  /** Click → the popup's navigation start: Chromium opening the popup, before any of our code. */
  opened: number;
  /** Click → the popup's load event (its scripts ran; Chromium shows a popup once it loaded). */
  loaded: number;
  /** NaN when Chromium reported no paint entry for the popup (it happens in headless mode). */
  firstPaint: number;
  filledForm: number;
}

async function clickAndTime(session: Session, page: Page): Promise<Omit<ClickTiming, 'page'>> {
  const { targetInfos } = (await session.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
    targetInfos: Array<{ targetId: string; url: string }>;
  };
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  const popupUrl = `chrome-extension://${session.extensionId}/popup.html`;
  const opened = nextPageAt(session.context, popupUrl, 30_000);
  const clickedAt = Date.now();
  await session.cdp.send('Extensions.triggerAction' as never, { id: session.extensionId, targetId: tab.targetId } as never);
  const popup = await opened;
  try {
    // The form is filled when the mark exists; wait on it, then read the popup's own clock.
    await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FORM_MARK, { timeout: 30_000 });
    const t = await popup.evaluate((mark) => {
      const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-paint') ?? performance.getEntriesByType('paint')[0];
      return {
        origin: performance.timeOrigin,
        paint: paint?.startTime ?? Number.NaN,
        filled: performance.getEntriesByName(mark)[0]!.startTime,
        entry: (document.querySelector('#entry') as HTMLTextAreaElement | null)?.value ?? '',
        load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? Number.NaN,
      };
    }, FORM_MARK);
    if (!t.entry) throw new Error('the form was marked filled but #entry is empty');
    return { opened: t.origin - clickedAt, loaded: t.origin + t.load - clickedAt, firstPaint: t.origin + t.paint - clickedAt, filledForm: t.origin + t.filled - clickedAt };
  } finally {
    await popup.close();
  }
}

export async function benchPopup(): Promise<SuiteResult> {
  const js = popupFirstLoad(extensionDir);
  const css = cssFiles();
  const rows: Row[] = [
    {
      suite: 'popup',
      metric: `JS at first load (${js.files.length} files): raw, gzip`,
      value: `${kb(js.raw)}, ${kb(js.gzip)}`,
      budget: '≤ 40 KB gzip',
      ok: js.gzip <= 40 * 1024,
      data: js,
    },
    { suite: 'popup', metric: `CSS (${css.files.length} files): raw, gzip`, value: `${kb(css.raw)}, ${kb(css.gzip)}`, data: css },
  ];

  const routes = Object.fromEntries(PAGES.map((p) => [p.path, { file: p.file }]));
  const served = await serveFixtures(routes);
  const session = await launch(served.port);
  const warm: ClickTiming[] = [];
  let cold: ClickTiming | undefined;
  try {
    for (const spec of PAGES) {
      const page = await session.context.newPage();
      try {
        await page.goto(`http://${spec.host}${spec.path}`, { waitUntil: 'load' });
        await page.bringToFront();
        for (let i = 0; i < CLICKS_PER_PAGE; i += 1) {
          const timing = { page: spec.host, ...(await clickAndTime(session, page)) };
          if (!cold) cold = timing;
          else warm.push(timing);
        }
      } finally {
        await page.close();
      }
    }
  } finally {
    await session.close();
    await new Promise((resolve) => served.server.close(resolve));
  }
  const painted = warm.filter((t) => Number.isFinite(t.firstPaint));
  const paint = summarize(painted.map((t) => t.firstPaint));
  const filled = summarize(warm.map((t) => t.filledForm));
  const opened = summarize(warm.map((t) => t.opened));
  const own = summarize(painted.map((t) => t.firstPaint - t.opened));
  const ownFilled = summarize(warm.map((t) => t.filledForm - t.opened));
  rows.push(
    {
      suite: 'popup',
      metric: `click → first paint p50/p95/max (${painted.length} of ${warm.length} clicks reported a paint; 3 pages)`,
      value: triple(paint),
      budget: '≤ 100 ms',
      ok: paint.p95 <= 100,
      data: paint,
    },
    {
      suite: 'popup',
      metric: 'click → filled clip form p50/p95/max',
      value: triple(filled),
      budget: '≤ 300 ms',
      ok: filled.p95 <= 300,
      data: filled,
    },
    { suite: 'popup', metric: '  of which click → popup navigation starts (Chromium, before any Newsdesk code)', value: triple(opened), data: opened },
    { suite: 'popup', metric: '  popup navigation start → first paint (Newsdesk’s part)', value: triple(own), data: own },
    { suite: 'popup', metric: '  popup navigation start → filled form (Newsdesk’s part)', value: triple(ownFilled), data: ownFilled },
    {
      suite: 'popup',
      metric: 'first click of a fresh profile: first paint, filled form',
      value: cold ? `${ms(cold.firstPaint)}, ${ms(cold.filledForm)}` : 'n/a',
      data: cold,
    },
  );
  return { rows, details: { clicks: warm, cold } };
}
