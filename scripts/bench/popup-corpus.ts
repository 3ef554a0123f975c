import os from 'node:os';
import type { Page } from 'playwright-core';
import { launch, type Session } from '../../test/browser/harness';
import { bundleForPage } from './bundle';
import { corpusPages, pageUrl } from './corpus';
import { FORM_MARK } from './popup';
import { ms, triple, type Row, type SuiteResult } from './report';
import { serveCorpus } from './serve';
import { summarize } from './stats';

/**
 * 2b. Where the user waits, on every corpus page: in the built extension, a real toolbar click
 * (Extensions.triggerAction) → the filled clip form, and in the same tab, in the same run, the
 * plain Readability+Turndown pipeline on the same DOM. Pages as saved, page scripts off. The
 * popup's own marks split the wait: Chromium opening the popup, the popup starting, the
 * background's answer (injection, extraction, drafting, storage reads), the render.
 */

interface PageTiming {
  name: string;
  bytes: number;
  /** Click → filled form (the popup's `newsdesk:clip-form` mark on its clock). */
  filled: number;
  /** Click → popup navigation start (Chromium, before any Newsdesk code). */
  opened: number;
  /** Popup navigation start → clip.prepare sent (loading and starting the popup's script). */
  started: number;
  /** clip.prepare sent → answered (the background: injection, extraction, drafting, storage). */
  background: number;
  /** Answer → form on screen (Preact render). */
  render: number;
  /** Plain Readability + Turndown on the same page, timed inside it. */
  plain: number;
}

type Marks = { origin: number; sent: number; received: number; filled: number };

async function clickAndTime(session: Session, page: Page): Promise<Omit<PageTiming, 'name' | 'bytes' | 'plain'>> {
  const { targetInfos } = (await session.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
    targetInfos: Array<{ targetId: string; url: string }>;
  };
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  const popupUrl = `chrome-extension://${session.extensionId}/popup.html`;
  const opened = session.context.waitForEvent('page', { timeout: 30_000 });
  const clickedAt = Date.now();
  await session.cdp.send('Extensions.triggerAction' as never, { id: session.extensionId, targetId: tab.targetId } as never);
  const popup = await opened;
  try {
    await popup.waitForURL(popupUrl, { timeout: 30_000 });
    await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FORM_MARK, { timeout: 30_000 });
    // Names inline: tsx's keepNames would wrap a named helper in `__name`, which the page lacks.
    const m: Marks = await popup.evaluate(
      (names) => {
        const [sent, received, filled] = names.map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN);
        return { origin: performance.timeOrigin, sent: sent!, received: received!, filled: filled! };
      },
      ['newsdesk:prepare-sent', 'newsdesk:prepare-received', FORM_MARK],
    );
    return {
      filled: m.origin + m.filled - clickedAt,
      opened: m.origin - clickedAt,
      started: m.sent,
      background: m.received - m.sent,
      render: m.filled - m.received,
    };
  } finally {
    await popup.close();
  }
}

async function plainInPage(page: Page, plain: string): Promise<number> {
  await page.evaluate(plain);
  return page.evaluate(() => {
    const g = globalThis as unknown as { __ndPlain: { plainPipeline(d: Document): { ok: boolean } } };
    const start = performance.now();
    g.__ndPlain.plainPipeline(document);
    return performance.now() - start;
  });
}

function rowsFor(label: string, timings: PageTiming[], pages: number): Row[] {
  const s = (pick: (t: PageTiming) => number) => summarize(timings.map(pick));
  const filled = s((t) => t.filled);
  const plain = s((t) => t.plain);
  return [
    {
      suite: 'popup-corpus',
      metric: `${label}click → filled clip form, every corpus page, p50/p95/max (${timings.length} of ${pages} pages)`,
      value: triple(filled),
      budget: '≤ 300 ms',
      ok: filled.p95 <= 300,
      data: filled,
    },
    { suite: 'popup-corpus', metric: `${label}  same run, same pages: plain Readability+Turndown in the page p50/p95/max`, value: triple(plain), data: plain },
    { suite: 'popup-corpus', metric: `${label}  click → popup navigation starts (Chromium)`, value: triple(s((t) => t.opened)), data: s((t) => t.opened) },
    { suite: 'popup-corpus', metric: `${label}  popup navigation start → clip.prepare sent (popup script)`, value: triple(s((t) => t.started)), data: s((t) => t.started) },
    { suite: 'popup-corpus', metric: `${label}  clip.prepare round trip (injection, extraction, drafting, storage)`, value: triple(s((t) => t.background)), data: s((t) => t.background) },
    { suite: 'popup-corpus', metric: `${label}  answer → form on screen (render)`, value: triple(s((t) => t.render)), data: s((t) => t.render) },
  ];
}

/**
 * `baselineDir`: another build (e.g. main's) clicked on the same pages in a second browser,
 * page by page in alternating order, so both meet the same machine load.
 */
export async function benchPopupCorpus(options: { only?: string[]; baselineDir?: string } = {}): Promise<SuiteResult> {
  const pages = corpusPages().filter((p) => !options.only || options.only.includes(p.name));
  const plain = await bundleForPage('page/plain.ts', '__ndPlain');
  const served = await serveCorpus();
  const loadBefore = os.loadavg();
  const runs = [{ label: '', session: await launch(served.port), timings: [] as PageTiming[], failed: [] as string[] }];
  if (options.baselineDir) runs.push({ label: 'baseline: ', session: await launch(served.port, options.baselineDir), timings: [], failed: [] });
  try {
    const tabs = await Promise.all(runs.map((r) => r.session.context.newPage()));
    // One click each to warm the profiles up (the first click of a fresh profile is reported by `popup`).
    for (const [i, run] of runs.entries()) {
      await tabs[i]!.goto(pageUrl(pages[0]!.name), { waitUntil: 'load', timeout: 60_000 });
      await tabs[i]!.bringToFront();
      await clickAndTime(run.session, tabs[i]!).catch(() => {});
    }
    for (const [index, page] of pages.entries()) {
      const order = index % 2 === 0 ? runs.map((_, i) => i) : runs.map((_, i) => runs.length - 1 - i);
      for (const i of order) {
        const run = runs[i]!;
        const tab = tabs[i]!;
        try {
          await tab.goto(pageUrl(page.name), { waitUntil: 'load', timeout: 60_000 });
          await tab.bringToFront();
          // Alternate which runs first, so neither always meets the warmer page.
          let plainMs: number;
          let click: Awaited<ReturnType<typeof clickAndTime>>;
          if (index % 2 === 0) {
            plainMs = await plainInPage(tab, plain);
            click = await clickAndTime(run.session, tab);
          } else {
            click = await clickAndTime(run.session, tab);
            plainMs = await plainInPage(tab, plain);
          }
          run.timings.push({ name: page.name, bytes: page.bytes, plain: plainMs, ...click });
        } catch (error) {
          run.failed.push(`${page.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }
      }
    }
  } finally {
    for (const run of runs) await run.session.close();
    await served.close();
  }
  const loadAfter = os.loadavg();
  const load = `load average ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after (1 min), ${os.cpus().length} cores`;
  const rows: Row[] = [];
  for (const run of runs) {
    rows.push(...rowsFor(run.label, run.timings, pages.length));
    if (run.failed.length) rows.push({ suite: 'popup-corpus', metric: `${run.label}pages that did not reach a filled form`, value: `${run.failed.length}`, data: run.failed });
  }
  rows.push({ suite: 'popup-corpus', metric: 'machine during the run', value: load, data: { loadBefore, loadAfter } });
  const slowest = [...runs[0]!.timings].sort((a, b) => b.filled - a.filled).slice(0, 5);
  return {
    rows,
    details: {
      baseline: options.baselineDir ?? null,
      slowest: slowest.map((t) => ({ name: t.name, kb: Math.round(t.bytes / 1024), filled: ms(t.filled), background: ms(t.background), plain: ms(t.plain) })),
      pages: runs[0]!.timings,
      baselinePages: runs[1]?.timings,
      failed: runs.map((r) => r.failed),
    },
  };
}
