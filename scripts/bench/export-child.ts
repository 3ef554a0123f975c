/**
 * One export size in its own process (run with --expose-gc), so its memory is its own:
 * prints one JSON line with the timings and memory of renderDraft over `count` items.
 */
import { renderDraft } from '../../utils/export/draft';
import { getPreset } from '../../utils/presets';
import { generateItems } from './items';

const count = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !Number.isInteger(count) || count <= 0) {
  console.error('usage: node --expose-gc --import tsx export-child.ts <count> [runs]');
  process.exit(2);
}

const preset = getPreset('xmpp');
const items = generateItems(count, { issue: '2023-10' });
gc();
const heapBefore = process.memoryUsage().heapUsed;
const peakRssBefore = process.resourceUsage().maxRSS * 1024;

// The first run is measured alone too: it is what a user waits for on the export page.
const times: number[] = [];
let heapGrowth = 0;
let chars = 0;
for (let run = 0; run < runs; run += 1) {
  const start = performance.now();
  const markdown = renderDraft({ preset, issue: '2023-10', items });
  times.push(performance.now() - start);
  if (run === 0) {
    heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    chars = markdown.length;
  }
  gc();
}
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ count, times, heapGrowth, chars, peakRss, peakRssGrowth: peakRss - peakRssBefore }));
