/**
 * npm run quality [-- --limit N] [--no-f1] [--f1-only]
 *
 * How well Newsdesk reads pages, in figures:
 *  1. metadata per field on the golden fixtures (test/fixtures/pages + expected/*.json): how often
 *     found, how often equal to the expected value;
 *  2. the same fields on the 130 real pages of ../shared/corpus/pages: found-rate, and agreement
 *     with what Mozilla Readability itself extracts there (readability-metadata.json, a
 *     cross-check, not ground truth); plus clip time per page in Node (capture + section + entry);
 *  3. entry lengths (Markdown characters, all lines) against the preset's budget;
 *  4. main-content F1 on ../shared/corpus/extraction-dev (500 pages with ground truth), for
 *     several pipelines, scored on Markdown with link URLs and markup stripped.
 * Figures are printed; nothing is asserted (the tests do that).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { suggestSection } from '../utils/categorize/suggest';
import { extractContent } from '../utils/extract/content';
import { createConverter, tidyMarkdown } from '../utils/extract/markdown';
import { capturePage } from '../utils/extract/page';
import type { PageCapture } from '../utils/model/capture';
import { xmppNewsletter } from '../utils/presets/xmpp';
import { draftEntry } from '../utils/summarize/entry';

const repoRoot = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(repoRoot, '../shared');
const fixturePages = path.join(repoRoot, 'test/fixtures/pages');
const fixtureExpected = path.join(repoRoot, 'test/fixtures/expected');
const corpusPages = path.join(shared, 'corpus/pages');
const extractionDev = path.join(shared, 'corpus/extraction-dev');
/** Readability's own test pages carry no URL; its tests use this one. */
const CORPUS_URL = 'http://fakehost/test/page.html';

const args = process.argv.slice(2);
const limitArg = args.indexOf('--limit');
const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : Infinity;
const runF1 = !args.includes('--no-f1');
const onlyF1 = args.includes('--f1-only');

// ---------------------------------------------------------------- helpers

/**
 * jsdom 27's CSS parser throws on a few real stylesheets; extraction never reads <style>.
 * A console per page: a shared one keeps every window it ever served reachable.
 */
function parse(html: string, url: string): JSDOM {
  try {
    return new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  } catch {
    return new JSDOM(html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>'), { url, virtualConsole: new VirtualConsole() });
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function stats(values: readonly number[]): { n: number; p50: number; p90: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? NaN };
}

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(0)}%`);

function table(header: string[], rows: (string | number)[][]): void {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of all.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------- fields

const FIELDS = ['title', 'canonicalUrl', 'siteName', 'authors', 'publishedAt', 'modifiedAt', 'language', 'description', 'image', 'kind', 'release', 'entry', 'section'] as const;
type Field = (typeof FIELDS)[number];

interface Tally {
  found: number;
  total: number;
  agree: number;
  compared: number;
}

function tallies(fields: readonly string[]): Map<string, Tally> {
  return new Map(fields.map((f) => [f, { found: 0, total: 0, agree: 0, compared: 0 }]));
}

function isFound(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

// ---------------------------------------------------------------- 1. fixtures

interface Expected {
  url: string;
  item: Partial<Record<Field, unknown>>;
  section?: string;
  entry?: string;
}

function clip(doc: Document, url: string): { capture: PageCapture; section: string; entry: string } {
  const capture = capturePage(doc, { url });
  const section = suggestSection(capture, xmppNewsletter).section;
  return { capture, section, entry: draftEntry(capture, xmppNewsletter, section) };
}

const entryLengths: { source: string; length: number }[] = [];

function fixtureReport(): void {
  if (!existsSync(fixtureExpected)) return;
  const files = readdirSync(fixtureExpected).filter((f) => f.endsWith('.json')).sort();
  const t = tallies(FIELDS);
  for (const file of files) {
    const expected = JSON.parse(readFileSync(path.join(fixtureExpected, file), 'utf8')) as Expected;
    const html = readFileSync(path.join(fixturePages, file.replace(/\.json$/, '.html')), 'utf8');
    const dom = parse(html, expected.url);
    const { capture, section, entry } = clip(dom.window.document, expected.url);
    dom.window.close();
    entryLengths.push({ source: 'fixtures', length: entry.length });
    const actual: Record<string, unknown> = { ...capture, section, entry };
    const want: Record<string, unknown> = { ...expected.item, section: expected.section, entry: expected.entry };
    for (const field of FIELDS) {
      const tally = t.get(field)!;
      tally.total++;
      if (isFound(actual[field])) tally.found++;
      if (field in want && want[field] !== undefined) {
        tally.compared++;
        if (JSON.stringify(actual[field]) === JSON.stringify(want[field])) tally.agree++;
      }
    }
  }
  console.log(`\n## Golden fixtures (${files.length} pages, test/fixtures/expected)\n`);
  table(
    ['field', 'found', 'agrees with expected'],
    FIELDS.map((f) => {
      const x = t.get(f)!;
      return [f, `${x.found}/${x.total} (${pct(x.found, x.total)})`, x.compared ? `${x.agree}/${x.compared} (${pct(x.agree, x.compared)})` : '—'];
    }),
  );
}

// ---------------------------------------------------------------- 2. corpus pages

interface ReadabilityMeta {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
}

/** How a captured field is compared with Readability's value for it. */
const CROSS_CHECKS: { field: keyof PageCapture; theirs: keyof ReadabilityMeta; same: (ours: unknown, theirs: string) => boolean }[] = [
  { field: 'title', theirs: 'title', same: (o, t) => squash(t).includes(squash(String(o))) && squash(String(o)).length > 0 },
  { field: 'authors', theirs: 'byline', same: (o, t) => (o as string[]).some((a) => squash(t).includes(squash(a))) },
  { field: 'description', theirs: 'excerpt', same: (o, t) => squash(String(o)).startsWith(squash(t).slice(0, 40)) || squash(t).startsWith(squash(String(o)).slice(0, 40)) },
  { field: 'siteName', theirs: 'siteName', same: (o, t) => squash(String(o)) === squash(t) },
  { field: 'publishedAt', theirs: 'publishedTime', same: (o, t) => String(o).slice(0, 10) === new Date(t).toISOString().slice(0, 10) || String(o).slice(0, 10) === t.slice(0, 10) },
  { field: 'language', theirs: 'lang', same: (o, t) => String(o) === t.split(/[-_]/)[0]!.toLowerCase() },
];

function corpusReport(): void {
  if (!existsSync(corpusPages)) {
    console.log('\n(../shared/corpus/pages not found: corpus section skipped)');
    return;
  }
  const names = readdirSync(corpusPages).sort().slice(0, limit);
  const fields = ['title', 'canonicalUrl', 'siteName', 'authors', 'publishedAt', 'modifiedAt', 'language', 'description', 'image'] as const;
  const t = tallies(fields);
  const parseMs: number[] = [];
  const clipMs: number[] = [];
  const slow: string[] = [];
  const sourceCounts = new Map<string, Map<string, number>>();
  let errors = 0;
  for (const name of names) {
    const html = readFileSync(path.join(corpusPages, name, 'source.html'), 'utf8');
    const metaFile = path.join(corpusPages, name, 'readability-metadata.json');
    const theirs = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as ReadabilityMeta) : null;
    const t0 = performance.now();
    const dom = parse(html, CORPUS_URL);
    const t1 = performance.now();
    let result: ReturnType<typeof clip>;
    try {
      result = clip(dom.window.document, CORPUS_URL);
    } catch (error) {
      errors++;
      console.log(`  error on ${name}: ${String(error)}`);
      dom.window.close();
      continue;
    }
    const t2 = performance.now();
    dom.window.close();
    parseMs.push(t1 - t0);
    clipMs.push(t2 - t1);
    if (t2 - t1 >= 1000) slow.push(`${name} (${(t2 - t1).toFixed(0)} ms)`);
    entryLengths.push({ source: 'corpus', length: result.entry.length });
    const c = result.capture;
    for (const field of fields) {
      const tally = t.get(field)!;
      tally.total++;
      if (isFound(c[field])) tally.found++;
      const source = c.sources?.[field];
      if (source) {
        const counts = sourceCounts.get(field) ?? new Map<string, number>();
        counts.set(source, (counts.get(source) ?? 0) + 1);
        sourceCounts.set(field, counts);
      }
    }
    for (const check of CROSS_CHECKS) {
      const value = theirs?.[check.theirs];
      const tally = t.get(check.field);
      if (!tally || typeof value !== 'string' || value.trim() === '' || !isFound(c[check.field])) continue;
      tally.compared++;
      if (check.same(c[check.field], value)) tally.agree++;
    }
  }
  console.log(`\n## Real pages (${names.length} of ../shared/corpus/pages)\n`);
  table(
    ['field', 'found', 'agrees with Readability (both found)', 'sources'],
    fields.map((f) => {
      const x = t.get(f)!;
      const sources = [...(sourceCounts.get(f) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ');
      return [f, `${x.found}/${x.total} (${pct(x.found, x.total)})`, x.compared ? `${x.agree}/${x.compared} (${pct(x.agree, x.compared)})` : '—', sources];
    }),
  );
  const p = stats(parseMs);
  const c = stats(clipMs);
  console.log(`\nClip time in Node (capture + section + entry, jsdom DOM already parsed), ${c.n} pages:`);
  console.log(`  p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms, max ${c.max.toFixed(1)} ms; ${slow.length} page(s) at 1 s or more${slow.length ? `: ${slow.join(', ')}` : ''}; ${errors} error(s)`);
  console.log(`  (jsdom parse, not part of the clip: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms)`);
}

// ---------------------------------------------------------------- 3. entry lengths

function entryReport(): void {
  const budget = xmppNewsletter.entryBudget;
  console.log(`\n## Entry length (Markdown characters) vs the XMPP preset's budget (target ${budget?.target}, max ${budget?.max}; published issues: median ~220, p90 ~480)\n`);
  const rows: (string | number)[][] = [];
  for (const source of ['fixtures', 'corpus']) {
    const lengths = entryLengths.filter((e) => e.source === source).map((e) => e.length);
    if (lengths.length === 0) continue;
    const s = stats(lengths);
    const over = lengths.filter((l) => budget && l > budget.max).length;
    rows.push([source, s.n, s.p50, s.p90, s.max, over]);
  }
  table(['pages', 'n', 'median', 'p90', 'max', `over ${budget?.max}`], rows);
  console.log('  (XEP entries count their nested change lines; the budget applies to the first line)');
}

// ---------------------------------------------------------------- 4. content F1

/** Markdown → the words a reader sees: link URLs, images, emphasis and escapes stripped. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\((?:[^()]|\([^)]*\))*\)/g, ' ')
    .replace(/\]\((?:[^()]|\([^)]*\))*\)/g, ']')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1 ')
    .replace(/[*`~#>|[\]]/g, ' ');
}

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const key = tokens.slice(i, i + 4).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

interface PageScore {
  precision: number | null;
  recall: number;
}

function score(predicted: string, truth: Map<string, number>): PageScore {
  const pred = shingles(predicted);
  let tp = 0;
  let predTotal = 0;
  let truthTotal = 0;
  for (const [k, n] of pred) {
    predTotal += n;
    tp += Math.min(n, truth.get(k) ?? 0);
  }
  for (const n of truth.values()) truthTotal += n;
  return { precision: predTotal === 0 ? null : tp / predTotal, recall: truthTotal === 0 ? 1 : tp / truthTotal };
}

function f1Of(scores: readonly PageScore[]): { p: number; r: number; f1: number } {
  const withOutput = scores.filter((s) => s.precision !== null);
  const p = withOutput.reduce((a, s) => a + s.precision!, 0) / Math.max(1, withOutput.length);
  const r = scores.reduce((a, s) => a + s.recall, 0) / Math.max(1, scores.length);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

type Pipeline = (doc: Document, url: string) => string;

function readabilityMarkdown(options: { charThreshold: number }): Pipeline {
  return (doc, url) => {
    const clone = doc.cloneNode(true) as Document;
    const article = new Readability<Element>(clone, { ...options, serializer: (node) => node as Element }).parse();
    return article?.content ? tidyMarkdown(createConverter(url).turndown(article.content as HTMLElement)) : '';
  };
}

const PIPELINES: [string, Pipeline][] = [
  ['Readability textContent (defaults)', (doc) => new Readability(doc.cloneNode(true) as Document).parse()?.textContent ?? ''],
  ['Readability + Turndown (defaults, charThreshold 500)', readabilityMarkdown({ charThreshold: 500 })],
  ['Readability + Turndown (charThreshold 300)', readabilityMarkdown({ charThreshold: 300 })],
  ['extractContent (ours: prepare + Readability 300 + fallback)', (doc, url) => extractContent(doc, url).markdown],
  ['capturePage (full pipeline)', (doc, url) => capturePage(doc, { url }).contentMarkdown],
];

interface F1Row {
  pipeline: string;
  type: string;
  score: PageScore;
  ms: number;
}

/** Scores of pages [from, to) of the sorted ids, every pipeline; one JSDOM at a time. */
function scorePages(from: number, to: number): F1Row[] {
  const truth = readTruth();
  const ids = Object.keys(truth).sort().slice(from, to);
  const rows: F1Row[] = [];
  for (const id of ids) {
    const page = truth[id]!;
    const html = gunzipSync(readFileSync(path.join(extractionDev, 'pages', `${id}.html.gz`))).toString('utf8');
    const expected = shingles(page.articleBody);
    const dom = parse(html, page.url);
    for (const [name, run] of PIPELINES) {
      let text = '';
      const t0 = performance.now();
      try {
        text = markdownText(run(dom.window.document, page.url));
      } catch {
        text = ''; // a pipeline that throws returned nothing
      }
      rows.push({ pipeline: name, type: page.page_type, score: score(text, expected), ms: performance.now() - t0 });
    }
    dom.window.close();
  }
  return rows;
}

function readTruth(): Record<string, { url: string; articleBody: string; page_type: string }> {
  return JSON.parse(readFileSync(path.join(extractionDev, 'ground-truth.json'), 'utf8')) as Record<string, { url: string; articleBody: string; page_type: string }>;
}

/** Pages per child process: jsdom keeps a few MB of every closed window reachable, so a long run in one process runs out of heap. */
const F1_BATCH = 25;

function f1Report(): void {
  if (!existsSync(path.join(extractionDev, 'ground-truth.json'))) {
    console.log('\n(../shared/corpus/extraction-dev not found: F1 skipped)');
    return;
  }
  const total = Math.min(Object.keys(readTruth()).length, limit);
  const rows: F1Row[] = [];
  const started = performance.now();
  for (let from = 0; from < total; from += F1_BATCH) {
    const to = Math.min(total, from + F1_BATCH);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--f1-worker', String(from), String(to)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`F1 worker for pages ${from}–${to} failed: ${child.stderr}`);
    rows.push(...(JSON.parse(child.stdout) as F1Row[]));
    process.stderr.write(`  F1: ${to}/${total} pages, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  console.log(`\n## Main-content F1 on extraction-dev (${total} pages; Markdown with link URLs and markup stripped; 4-token shingles)\n`);
  const types = ['article', 'documentation', 'service'];
  table(
    ['pipeline', 'F1', 'P', 'R', ...types.map((t) => `F1 ${t}`), 'ms p50', 'ms p95'],
    PIPELINES.map(([name]) => {
      const all = rows.filter((r) => r.pipeline === name);
      const overall = f1Of(all.map((s) => s.score));
      const byType = types.map((t) => {
        const subset = all.filter((s) => s.type === t).map((s) => s.score);
        return subset.length ? `${f1Of(subset).f1.toFixed(3)} (${subset.length})` : '—';
      });
      const time = stats(all.map((r) => r.ms));
      return [name, overall.f1.toFixed(3), overall.p.toFixed(3), overall.r.toFixed(3), ...byType, time.p50.toFixed(0), time.p95.toFixed(0)];
    }),
  );
}

// ---------------------------------------------------------------- main

const workerArg = args.indexOf('--f1-worker');
if (workerArg >= 0) {
  process.stdout.write(JSON.stringify(scorePages(Number(args[workerArg + 1]), Number(args[workerArg + 2]))));
} else {
  main();
}

function main(): void {
  if (!onlyF1) {
    fixtureReport();
    corpusReport();
    entryReport();
  }
  if (runF1 || onlyF1) f1Report();
}
