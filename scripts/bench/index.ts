/**
 * `npm run bench [-- <suite>…]`: Newsdesk's benchmark suite. Suites: clip, popup, popup-corpus,
 * storage, export, desk, newsroom (all by default); `profile <page>…` times the clip pipeline's parts on named
 * corpus pages. Prints one table and writes bench-results/latest.json with the same figures.
 * Builds the extension first (`--no-build` skips it). Benchmarks print; they never fail on a
 * missed budget (the CI check is the popup's gzip size in test/browser/build-output.test.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { benchClip } from './clip';
import { repoRoot } from './corpus';
import { benchDesk } from './desk';
import { benchExport } from './export';
import { benchNewsroom } from './newsroom';
import { benchPopup } from './popup';
import { benchPopupCorpus } from './popup-corpus';
import { profilePages } from './profile';
import { machine, markdownTable, writeResults, type Row, type SuiteResult } from './report';
import { benchStorage } from './storage';

const SUITES: Record<string, () => Promise<SuiteResult>> = {
  clip: () => benchClip(),
  popup: benchPopup,
  // BENCH_BASELINE=<another build's chrome-mv3 folder> clicks it too, page by page, for a fair comparison.
  'popup-corpus': () => benchPopupCorpus({ baselineDir: process.env.BENCH_BASELINE }),
  storage: benchStorage,
  export: benchExport,
  desk: benchDesk,
  newsroom: benchNewsroom,
};

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const names = args.filter((a) => !a.startsWith('--'));

function prepare(): void {
  // A fresh machine: Debian's Chromium (and hugo), then the extension as it ships.
  execFileSync('bash', ['scripts/ensure-system-packages.sh'], { cwd: repoRoot, stdio: 'inherit' });
  if (!noBuild) {
    console.log('building the extension (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

async function main(): Promise<void> {
  if (names[0] === 'profile') {
    if (!noBuild) prepare();
    await profilePages(names.slice(1));
    return;
  }
  const chosen = names.length ? names : Object.keys(SUITES);
  const unknown = chosen.filter((n) => !(n in SUITES));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}, or profile <page>…`);
    process.exit(2);
  }
  prepare();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const started = Date.now();
  for (const name of chosen) {
    const t0 = Date.now();
    process.stdout.write(`running ${name}… `);
    const result = await SUITES[name]!();
    console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s`);
    rows.push(...result.rows);
    if (result.details) details[name] = result.details;
  }
  const m = machine();
  console.log(`\nNewsdesk benchmark — ${new Date().toISOString()} — ${m.cpu}, ${m.cores} cores, Node ${m.node}\n`);
  console.log(markdownTable(rows));
  const file = path.join(repoRoot, 'bench-results/latest.json');
  writeResults(file, { date: new Date().toISOString(), machine: m, seconds: (Date.now() - started) / 1000, suites: chosen, rows, details });
  console.log(`\nwrote ${path.relative(process.cwd(), file)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
