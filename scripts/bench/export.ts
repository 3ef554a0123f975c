import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './corpus';
import { mb, ms, type Row, type SuiteResult } from './report';
import { median } from './stats';

/**
 * 4. Export: renderDraft over 100 … 50,000 items, each size in a fresh Node process (time: the
 * median of 5 renders; memory: heap growth during the first render and the process's peak
 * RSS), and whether cost per item stays flat as the issue grows.
 */

export const EXPORT_SIZES = [100, 1_000, 10_000, 50_000] as const;

interface ChildResult {
  count: number;
  times: number[];
  heapGrowth: number;
  chars: number;
  peakRss: number;
  peakRssGrowth: number;
}

function runChild(count: number): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'export-child.ts'), String(count), '5'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

export async function benchExport(): Promise<SuiteResult> {
  const results = EXPORT_SIZES.map(runChild);
  const perItem = results.map((r) => (median(r.times) * 1000) / r.count);
  const rows: Row[] = results.map((r, i) => {
    const t = median(r.times);
    const budget = r.count === 10_000 ? { budget: '≤ 100 ms', ok: t <= 100 } : {};
    return {
      suite: 'export',
      metric: `${r.count.toLocaleString('en')} items: time (first run), heap growth, peak RSS`,
      value: `${ms(t)} (${ms(r.times[0]!)}), ${mb(r.heapGrowth)}, ${mb(r.peakRss)} · ${perItem[i]!.toFixed(2)} µs/item`,
      ...budget,
      data: { ...r, median: t, microsPerItem: perItem[i] },
    };
  });
  // Linear means a flat cost per item; the small sizes carry fixed costs, so compare from 1,000 up.
  const growth = perItem[3]! / perItem[1]!;
  rows.push({
    suite: 'export',
    metric: 'linearity: µs/item at 50,000 ÷ µs/item at 1,000',
    value: `${growth.toFixed(2)}`,
    budget: 'linear (≈ 1, ≤ 1.5)',
    ok: growth <= 1.5,
    data: { perItem, growth },
  });
  return { rows };
}
