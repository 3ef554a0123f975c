/**
 * npm run quality [-- --limit N] [--no-f1] [--f1-only]
 *
 * How well Newsdesk reads pages, in figures:
 *  1. metadata per field on the adapters' golden fixtures (utils/adapters/<adapter>/fixtures):
 *     how often found, how often equal to the reviewed expected value; XEP entries against the
 *     ones the reference issues published;
 *  2. the same fields on the 130 real pages of ../shared/corpus/pages: found-rate, and agreement
 *     with what Mozilla Readability itself extracts there (readability-metadata.json, a
 *     cross-check, not ground truth); authors and dates found where Readability sees them;
 *     plus clip time per page in Node (capture + section + entry);
 *  3. entries: lengths (Markdown characters, all lines) against the preset's budget, entries
 *     ending in "…", entries whose summary starts with a caption, credit, byline or dateline;
 *  4. section suggestion on the bullet links of the reference issues (../shared/reference), from
 *     the URL and link text only (the fallback path), per section;
 *  5. main-content F1 on ../shared/corpus/extraction-dev (500 pages with ground truth), for
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
import { fallbackCapture } from '../utils/clip/fallback';
import { isCaptionOrCredit, withoutDateline } from '../utils/extract/lead';
import { capturePage } from '../utils/extract/page';
import type { PageCapture } from '../utils/model/capture';
import { getPreset } from '../utils/presets';
import { findSection } from '../utils/presets/types';
import { xmppNewsletter } from '../utils/presets/xmpp';
import { draftEntry } from '../utils/summarize/entry';

const repoRoot = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(repoRoot, '../shared');
const adaptersDir = path.join(repoRoot, 'utils/adapters');
const referenceDir = path.join(shared, 'reference');
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

interface Golden {
  page: string;
  url: string;
  origin: string;
  preset?: string;
  item: Partial<Record<Field, unknown>>;
  section: string;
  draftFor?: string;
  entry: string;
  published?: string;
}

function clip(doc: Document, url: string): { capture: PageCapture; section: string; entry: string } {
  const capture = capturePage(doc, { url });
  const section = suggestSection(capture, xmppNewsletter).section;
  return { capture, section, entry: draftEntry(capture, xmppNewsletter, section) };
}

/** Every drafted entry, for the entry figures: where it came from and the page it links. */
const entries: { source: string; entry: string }[] = [];

function goldenFiles(): { name: string; golden: Golden }[] {
  const out: { name: string; golden: Golden }[] = [];
  for (const adapter of readdirSync(adaptersDir).sort()) {
    const dir = path.join(adaptersDir, adapter, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      out.push({ name: `${adapter}/${file.replace(/\.json$/, '')}`, golden: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Golden });
    }
  }
  return out;
}

function readPage(relative: string): string {
  const raw = readFileSync(path.join(repoRoot, relative));
  return (relative.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

/** A published XEP entry and ours, with the link forms of the eras made equal (site-relative, title inside the link). */
function normalizeXepEntry(md: string): string {
  return md
    .split('\n')
    .map((l) => l.replace(/^\s*[-*]\s+/, (m) => (/^\s/.test(m) ? '  - ' : '')))
    .join('\n')
    .replace(/\]\(\/extensions\//g, '](https://xmpp.org/extensions/')
    .replace(/\[XEP-(\d{4}) \(([^)]*(?:\([^)]*\))?[^)]*)\)\]\(([^)]+)\)/g, '[XEP-$1]($3) ($2)')
    .replace(/ +/g, ' ')
    .trim();
}

/** The same, down to its words: links, code marks, quotes and final stops do not count. */
function xepWords(md: string): string {
  return normalizeXepEntry(md)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`'"’]/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\.(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

function fixtureReport(): void {
  const files = goldenFiles();
  if (files.length === 0) return;
  const t = tallies(FIELDS);
  const xep = { n: 0, section: 0, equal: 0, words: 0 };
  let real = 0;
  for (const { golden } of files) {
    if (golden.origin.startsWith('real')) real++;
    const dom = parse(readPage(golden.page), golden.url);
    const preset = getPreset(golden.preset ?? 'xmpp');
    const capture = capturePage(dom.window.document, { url: golden.url });
    const suggestion = suggestSection(capture, preset);
    const entry = draftEntry(capture, preset, golden.draftFor ?? suggestion.section);
    dom.window.close();
    entries.push({ source: 'fixtures', entry });
    const actual: Record<string, unknown> = { ...capture, section: suggestion.section, entry };
    const want: Record<string, unknown> = { ...golden.item, section: golden.section, entry: golden.entry };
    for (const field of FIELDS) {
      const tally = t.get(field)!;
      tally.total++;
      if (isFound(actual[field])) tally.found++;
      if (field in want && want[field] !== undefined) {
        tally.compared++;
        if (JSON.stringify(actual[field]) === JSON.stringify(want[field])) tally.agree++;
      }
    }
    if (golden.published) {
      const published = golden.published.replace(/^\s*[-*]\s+/, '');
      const publishedSection = findSection(preset, golden.draftFor ?? golden.section);
      xep.n++;
      if (publishedSection && (suggestion.section === publishedSection.id || (suggestion.also ?? []).includes(publishedSection.id))) xep.section++;
      if (normalizeXepEntry(entry) === normalizeXepEntry(published)) xep.equal++;
      if (xepWords(entry) === xepWords(published)) xep.words++;
    }
  }
  console.log(`\n## Golden fixtures (${files.length} pages, ${real} of them real; utils/adapters/*/fixtures)\n`);
  table(
    ['field', 'found', 'agrees with expected'],
    FIELDS.map((f) => {
      const x = t.get(f)!;
      return [f, `${x.found}/${x.total} (${pct(x.found, x.total)})`, x.compared ? `${x.agree}/${x.compared} (${pct(x.agree, x.compared)})` : '—'];
    }),
  );
  if (xep.n > 0) {
    console.log(`\nXEP pages rendered at the month of a reference issue's entry (${xep.n} entries): section right ${xep.section}/${xep.n}; entry equal to the published one ${xep.equal}/${xep.n} (link forms of the eras made equal), same words ${xep.words}/${xep.n}`);
  }
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

/** Authors and dates: found by us where Readability (which reads visible bylines too) sees one. */
const presence = {
  authors: { readability: 0, both: 0, onlyOurs: 0 },
  dates: { readability: 0, both: 0, onlyOurs: 0 },
};

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
    entries.push({ source: 'corpus', entry: result.entry });
    const c = result.capture;
    if (theirs) {
      presence.authors.readability += theirs.byline ? 1 : 0;
      presence.authors.both += theirs.byline && c.authors.length > 0 ? 1 : 0;
      presence.authors.onlyOurs += !theirs.byline && c.authors.length > 0 ? 1 : 0;
      presence.dates.readability += theirs.publishedTime ? 1 : 0;
      presence.dates.both += theirs.publishedTime && c.publishedAt ? 1 : 0;
      presence.dates.onlyOurs += !theirs.publishedTime && c.publishedAt ? 1 : 0;
    }
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
  console.log(
    `\nAuthor found where Readability sees a byline: ${presence.authors.both}/${presence.authors.readability} (${pct(presence.authors.both, presence.authors.readability)}); found where it sees none: ${presence.authors.onlyOurs}`,
  );
  console.log(
    `Date found where Readability sees a published time: ${presence.dates.both}/${presence.dates.readability} (${pct(presence.dates.both, presence.dates.readability)}); found where it sees none: ${presence.dates.onlyOurs}`,
  );
  const p = stats(parseMs);
  const c = stats(clipMs);
  console.log(`\nClip time in Node (capture + section + entry, jsdom DOM already parsed), ${c.n} pages:`);
  console.log(`  p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms, max ${c.max.toFixed(1)} ms; ${slow.length} page(s) at 1 s or more${slow.length ? `: ${slow.join(', ')}` : ''}; ${errors} error(s)`);
  console.log(`  (jsdom parse, not part of the clip: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms)`);
}

// ---------------------------------------------------------------- 3. entry lengths

/** The summary after the link and its joiner (": ", " - ", a date and place). */
function summaryOf(entry: string): string {
  const first = entry.split('\n')[0] ?? '';
  return first
    .replace(/^(?:Version \S+ of |Last Call for comments on )?\[(?:[^\]\\]|\\.)*\]\([^)\s]*\)/, '')
    .replace(/^( \[[A-Z]{2}\])?(?:,[^:]*)?(: | - )/, '')
    .replace(/\\(.)/g, '$1')
    .trim();
}

/** A summary that opens with what is never a lead: a caption or credit, a byline, a dateline. */
function opensWithFurniture(summary: string): string | null {
  if (!summary) return null;
  if (isCaptionOrCredit(summary.split(/(?<=[.!?])\s/)[0] ?? summary)) return 'caption or credit';
  if (/^(?:by|von|par|por|written by|posted by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*[|·•,]|$)/u.test(summary)) return 'byline';
  if (withoutDateline(summary) !== summary) return 'dateline';
  return null;
}

function entryReport(): void {
  const budget = xmppNewsletter.entryBudget;
  console.log(`\n## Entries\n`);
  console.log(`Length (Markdown characters) vs the XMPP preset's budget (target ${budget?.target}, max ${budget?.max}; published issues: median ~220, p90 ~480):\n`);
  const rows: (string | number)[][] = [];
  for (const source of ['fixtures', 'corpus']) {
    const lengths = entries.filter((e) => e.source === source).map((e) => e.entry.length);
    if (lengths.length === 0) continue;
    const s = stats(lengths);
    const over = lengths.filter((l) => budget && l > budget.max).length;
    rows.push([source, s.n, s.p50, s.p90, s.max, over]);
  }
  table(['pages', 'n', 'median', 'p90', 'max', `over ${budget?.max}`], rows);
  console.log('  (XEP entries count their nested change lines; the budget applies to the summary of the first line)\n');
  const quality: (string | number)[][] = [];
  for (const source of ['fixtures', 'corpus']) {
    const list = entries.filter((e) => e.source === source);
    if (list.length === 0) continue;
    const ellipsis = list.filter((e) => /…$/.test(e.entry.split('\n')[0] ?? '')).length;
    const furniture = list.map((e) => opensWithFurniture(summaryOf(e.entry))).filter((f) => f !== null);
    const kinds = [...new Set(furniture)].map((k) => `${k} ${furniture.filter((f) => f === k).length}`).join(', ');
    quality.push([source, list.length, ellipsis, `${furniture.length}${kinds ? ` (${kinds})` : ''}`]);
  }
  table(['pages', 'entries', 'ending in "…"', 'starting with a caption, credit, byline or dateline'], quality);
}

// ---------------------------------------------------------------- 4. sections of the reference issues' links

/** Headings of the reference issues (all eras) → the XMPP preset's sections. */
const H2_SECTIONS: [RegExp, string][] = [
  [/^XSF Announc/i, 'announcements'],
  [/^(XMPP )?Events/i, 'events'],
  [/^(XMPP )?(Videos|Talks)/i, 'videos'],
  [/^(XMPP )?Articles/i, 'articles'],
];
const H3_SECTIONS: [RegExp, string][] = [
  [/^(XMPP )?Clients/i, 'clients'],
  [/^(XMPP )?Servers/i, 'servers'],
  [/^(XMPP )?Libraries/i, 'libraries'],
  [/^Proposed/i, 'xep-proposed'],
  [/^New$/i, 'xep-new'],
  [/^Deferred/i, 'xep-deferred'],
  [/^Updated/i, 'xep-updated'],
  [/^Last Call/i, 'xep-last-call'],
  [/^Stable/i, 'xep-stable'],
  [/^(Deprecated|Obsolete)/i, 'xep-deprecated'],
  [/^Rejected/i, 'xep-rejected'],
];

interface ReferenceLink {
  issue: string;
  section: string;
  url: string;
  text: string;
}

/** The first link of every top-level bullet, under the section it was published in. */
export function referenceLinks(): ReferenceLink[] {
  const links: ReferenceLink[] = [];
  for (const file of readdirSync(referenceDir).filter((f) => /^xmpp-newsletter-.*\.md$/.test(f)).sort()) {
    let h2: string | null = null;
    let section: string | null = null;
    for (const line of readFileSync(path.join(referenceDir, file), 'utf8').split('\n')) {
      const heading = /^(#{2,3})\s+(.*)$/.exec(line);
      if (heading) {
        const title = heading[2]!.trim();
        if (heading[1] === '##') {
          h2 = H2_SECTIONS.find(([re]) => re.test(title))?.[1] ?? null;
          section = h2;
        } else {
          // Topic subsections of Announcements and Events belong to them.
          section = H3_SECTIONS.find(([re]) => re.test(title))?.[1] ?? (h2 === 'announcements' || h2 === 'events' ? h2 : null);
        }
        continue;
      }
      const bullet = section ? /^[-*]\s+(.*)$/.exec(line) : null;
      const link = bullet ? /\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)/.exec(bullet[1]!) : null;
      if (!section || !link) continue;
      links.push({ issue: file, section, url: new URL(link[2]!, 'https://xmpp.org/').href, text: link[1]!.replace(/\\(.)/g, '$1') });
    }
  }
  return links;
}

function sectionReport(): void {
  if (!existsSync(referenceDir)) return;
  const links = referenceLinks();
  const per = new Map<string, { n: number; ok: number }>();
  let inPreset = 0;
  let right = 0;
  for (const link of links) {
    const tally = per.get(link.section) ?? { n: 0, ok: 0 };
    tally.n++;
    const suggestion = suggestSection(fallbackCapture(link.url, link.text), xmppNewsletter);
    const ok = suggestion.section === link.section || (suggestion.also ?? []).includes(link.section);
    if (ok) tally.ok++;
    per.set(link.section, tally);
    if (findSection(xmppNewsletter, link.section)) {
      inPreset++;
      if (ok) right++;
    }
  }
  console.log(`\n## Section suggestion on the reference issues' links (${links.length} bullet links of ${readdirSync(referenceDir).filter((f) => f.endsWith('.md')).length} issues; URL + link text only)\n`);
  table(
    ['section', 'links', 'right'],
    [...per].map(([section, t]) => [findSection(xmppNewsletter, section) ? section : `${section} (not in the preset)`, t.n, `${t.ok} (${pct(t.ok, t.n)})`]),
  );
  console.log(`  all sections of the preset: ${right}/${inPreset} (${pct(right, inPreset)})`);
}

// ---------------------------------------------------------------- 5. content F1

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
    sectionReport();
  }
  if (runF1 || onlyF1) f1Report();
}
