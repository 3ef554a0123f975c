import { existsSync } from 'node:fs';
import path from 'node:path';
import { extensionDir, launch, serveFixtures } from '../../test/browser/harness';
import { issueForDate } from '../../utils/model/issue';
import { bundleForPage } from './bundle';
import { generateItems } from './items';
import { ms, type Row, type SuiteResult } from './report';
import { median } from './stats';

/**
 * 5. The Desk with 10,000 items in Chromium: from navigation start to the first item titles
 * on screen, and from typing a search to a filtered list. Runs only when the build has
 * desk.html (issue 4); prints "not built yet" otherwise.
 */

const ITEMS = 10_000;
const RUNS = 3;

type Api = Record<string, (...args: unknown[]) => Promise<unknown>>;

export async function benchDesk(): Promise<SuiteResult> {
  if (!existsSync(path.join(extensionDir, 'desk.html'))) {
    return { rows: [{ suite: 'desk', metric: 'desk with 10,000 items: first render', value: 'not built yet (no desk.html in the build)', budget: '≤ 500 ms' }] };
  }
  const code = await bundleForPage('page/storage.ts', '__ndStorage');
  const served = await serveFixtures({});
  const session = await launch(served.port);
  const firstRender: number[] = [];
  const filtered: number[] = [];
  const notes: string[] = [];
  try {
    // 10,000 items over 20 months ending with the current one (500 in the month the desk opens on).
    const items = generateItems(ITEMS, { issue: issueForDate(new Date()), issues: 20, contentChars: 2000 });
    const seedPage = await session.context.newPage();
    await seedPage.goto(`chrome-extension://${session.extensionId}/options.html`);
    await seedPage.evaluate(code);
    await seedPage.evaluate((list) => ((globalThis as unknown as { __ndStorage: Api }).__ndStorage.bulkPut!(list)), items);
    await seedPage.close();
    const visibleTitles = items.filter((_, i) => i % 20 === 0).slice(0, 50).map((i) => i.title);
    const needle = items[20 * 7]!.title; // one item of the current month
    const other = items[0]!.title;

    for (let run = 0; run < RUNS; run += 1) {
      const page = await session.context.newPage();
      try {
        await page.goto(`chrome-extension://${session.extensionId}/desk.html`, { waitUntil: 'commit' });
        const shown = await page.waitForFunction(
          (titles) => {
            const text = document.body?.innerText ?? '';
            return titles.some((t) => text.includes(t)) ? performance.now() : null;
          },
          visibleTitles,
          { polling: 'raf', timeout: 60_000 },
        );
        firstRender.push((await shown.jsonValue()) as number);
        const search = page.locator('input[type="search"], [role="searchbox"], input[placeholder*="earch" i]').first();
        if ((await search.count()) === 0) {
          notes.push('no search box found (input[type=search], role=searchbox or a "Search" placeholder)');
          continue;
        }
        const start = await page.evaluate(() => performance.now());
        await search.fill(needle);
        const done = await page.waitForFunction(
          ([want, gone]) => {
            const text = document.body?.innerText ?? '';
            return text.includes(want) && !text.includes(gone) ? performance.now() : null;
          },
          [needle, other] as const,
          { polling: 'raf', timeout: 60_000 },
        );
        filtered.push(((await done.jsonValue()) as number) - start);
      } finally {
        await page.close();
      }
    }
  } finally {
    await session.close();
    await new Promise((resolve) => served.server.close(resolve));
  }
  const rows: Row[] = [
    {
      suite: 'desk',
      metric: `desk with 10,000 items: navigation → first titles on screen (median of ${RUNS})`,
      value: `${ms(median(firstRender), 0)} (runs: ${firstRender.map((t) => t.toFixed(0)).join(', ')} ms)`,
      budget: '≤ 500 ms',
      ok: median(firstRender) <= 500,
      data: firstRender,
    },
    {
      suite: 'desk',
      metric: 'desk: typing a search → filtered list (median)',
      value: filtered.length ? ms(median(filtered), 0) : notes[0] ?? 'n/a',
      data: filtered,
    },
  ];
  return { rows, details: { notes } };
}
