import type { Page } from 'playwright-core';
import { launch, serveFixtures } from '../../test/browser/harness';
import { backupToJson, buildBackup } from '../../utils/backup/format';
import { bundleForPage } from './bundle';
import { generateItems } from './items';
import { ms, triple, type Row, type SuiteResult } from './report';
import { median, summarize } from './stats';

/**
 * 3. Storage on Chromium's real IndexedDB, in the built extension's origin: saving a clip
 * (through the background's message API, as the popup does, and directly through
 * utils/storage), loading a 500-item issue, a bulk write of 10,000 items, and a full-text
 * search over 10,000 items.
 */

const SAVES = 40;
const BULK = 10_000;
const ISSUES = 20; // 10,000 items over 20 months: 500 per issue
const CONTENT_CHARS = 2_000; // clipped text stored with each item
const LOAD_RUNS = 10;
const QUERIES = ['gajim', 'Summit', 'end-to-end encryption', 'zzz-no-match'];

type StorageApi = typeof import('./page/storage');
type Timed<T> = { ms: number; value: T };

/** Call one exported function of the storage bundle inside the extension page. */
function call<K extends keyof StorageApi>(page: Page, name: K, ...args: unknown[]): Promise<Timed<number | string>> {
  return page.evaluate(
    ([fn, list]) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>).__ndStorage![fn]!(...list),
    [name, args] as const,
  ) as Promise<Timed<number | string>>;
}

export async function benchStorage(): Promise<SuiteResult> {
  const code = await bundleForPage('page/storage.ts', '__ndStorage');
  const served = await serveFixtures({});
  const session = await launch(served.port);
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  try {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/options.html`, { waitUntil: 'load' });
    await page.evaluate(code);

    // Saving one clip, into an empty collection then a growing one.
    const saves = generateItems(SAVES * 2, { issue: '2024-05', contentChars: CONTENT_CHARS });
    const viaBackground: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < SAVES; i += 1) {
      viaBackground.push((await call(page, 'saveViaBackground', saves[2 * i])).ms);
      direct.push((await call(page, 'saveDirect', saves[2 * i + 1])).ms);
    }
    const saveBg = summarize(viaBackground.slice(1));
    const saveDirect = summarize(direct.slice(1));
    rows.push(
      {
        suite: 'storage',
        metric: `save one clip, popup → background → IndexedDB p50/p95/max (${SAVES - 1} saves)`,
        value: triple(saveBg),
        budget: '≤ 20 ms',
        ok: saveBg.p95 <= 20,
        data: { summary: saveBg, first: viaBackground[0] },
      },
      { suite: 'storage', metric: 'save one clip, Collection.saveClip in the page p50/p95/max', value: triple(saveDirect), data: saveDirect },
    );

    // A bulk write of 10,000 items; three times into an emptied table.
    const bulk = generateItems(BULK, { issue: '2024-04', issues: ISSUES, contentChars: CONTENT_CHARS });
    const file = backupToJson(buildBackup({ items: bulk, newsletters: [], scope: { kind: 'all' }, exportedAt: new Date(), exportedBy: 'bench' }));
    const bulkTimes: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      await call(page, 'clear');
      bulkTimes.push((await call(page, 'importBackupFile', file)).ms);
    }
    rows.push({
      suite: 'storage',
      metric: `import a backup of 10,000 items (${(file.length / 1e6).toFixed(1)} MB: parse, validate, merge plan, one transaction) into an empty collection`,
      value: `${ms(median(bulkTimes), 0)} (runs: ${bulkTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
      budget: '≤ 2 s',
      ok: median(bulkTimes) <= 2000,
      data: bulkTimes,
    });

    // Loading one issue of 500 among 10,000 items.
    const issue = bulk[0]!.issue;
    const loadBg: number[] = [];
    const loadDirect: number[] = [];
    let loaded = 0;
    for (let run = 0; run < LOAD_RUNS; run += 1) {
      const r = await call(page, 'loadIssueViaBackground', 'xmpp', issue);
      loadBg.push(r.ms);
      loaded = Number(r.value);
      loadDirect.push((await call(page, 'loadIssueDirect', 'xmpp', issue)).ms);
    }
    const loadBgS = summarize(loadBg);
    const loadDirectS = summarize(loadDirect);
    rows.push(
      {
        suite: 'storage',
        metric: `load an issue of ${loaded} items (of 10,000), Collection.listIssue as the Desk does p50/p95/max`,
        value: triple(loadDirectS),
        budget: '≤ 50 ms',
        ok: loadDirectS.p95 <= 50,
        data: loadDirectS,
      },
      { suite: 'storage', metric: '  the same through the background (issue.items message) p50/p95/max', value: triple(loadBgS), data: loadBgS },
    );
    const listTimes: number[] = [];
    for (let run = 0; run < 5; run += 1) listTimes.push((await call(page, 'listIssuesDirect', 'xmpp')).ms);
    rows.push({
      suite: 'storage',
      metric: 'list the issues with their live counts over 10,000 items (Collection.listIssues, from indexes) p50/max',
      value: `${ms(median(listTimes))}, ${ms(Math.max(...listTimes))}`,
      data: listTimes,
    });

    // Full-text search over 10,000 items.
    const scan: Record<string, Timed<number | string>> = {};
    const memory: Record<string, Timed<number | string>> = {};
    for (const q of QUERIES) {
      scan[q] = await call(page, 'searchScan', q);
      memory[q] = await call(page, 'searchInMemory', q);
    }
    const scanTimes = QUERIES.map((q) => scan[q]!.ms);
    const memTimes = QUERIES.map((q) => memory[q]!.ms);
    rows.push(
      {
        suite: 'storage',
        metric: `full-text search over 10,000 items, Dexie filter scan (no index): median, max of ${QUERIES.length} queries`,
        value: `${ms(median(scanTimes), 0)}, ${ms(Math.max(...scanTimes), 0)}`,
        data: scan,
      },
      {
        suite: 'storage',
        metric: 'full-text search, load all then filter in memory: median, max',
        value: `${ms(median(memTimes), 0)}, ${ms(Math.max(...memTimes), 0)}`,
        data: memory,
      },
    );
    details.itemsStored = await page.evaluate(() => (globalThis as unknown as { __ndStorage: { count(): Promise<number> } }).__ndStorage.count());
    await page.close();
  } finally {
    await session.close();
    await new Promise((resolve) => served.server.close(resolve));
  }
  return { rows, details };
}

