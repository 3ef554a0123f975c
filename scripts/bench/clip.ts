import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { bundleForPage } from './bundle';
import { launchPlain } from './chromium';
import { corpusPages, pageUrl, repoRoot, type CorpusPage } from './corpus';
import { ourPipeline } from './page/ours';
import { plainPipeline } from './page/plain';
import { kb, triple, type Row, type SuiteResult } from './report';
import { serveCorpus } from './serve';
import { summarize, sum } from './stats';

/**
 * 1. The clip pipeline over every corpus page, in Chromium and in Node, next to the plain
 * Readability + Turndown pipeline on the same DOM. Per page the two run in alternating order,
 * so neither always gets the warmer caches.
 */

interface PageTiming {
  name: string;
  bytes: number;
  ours: number;
  plain: number;
  /** The built extract.js evaluated whole (Chromium only). */
  injected?: number;
  ok: boolean;
}

const EXTRACT_JS = path.join(repoRoot, '.output/chrome-mv3/extract.js');

type Timed<T> = { ms: number; result: T };

function timeIt<T>(fn: () => T): Timed<T> {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

async function inChromium(pages: CorpusPage[]): Promise<PageTiming[]> {
  const ours = await bundleForPage('page/ours.ts', '__ndOurs');
  const plain = await bundleForPage('page/plain.ts', '__ndPlain');
  // The script the background injects, as an expression: WXT's wrapper returns main()'s promise.
  const injected = readFileSync(EXTRACT_JS, 'utf8').trim().replace(/;$/, '');
  const served = await serveCorpus();
  const browser = await launchPlain(served.port);
  const timings: PageTiming[] = [];
  try {
    const page = await browser.newPage();
    for (const [index, corpusPage] of pages.entries()) {
      const url = pageUrl(corpusPage.name);
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await page.evaluate(ours);
      await page.evaluate(plain);
      const order = index % 2 === 0 ? (['ours', 'plain'] as const) : (['plain', 'ours'] as const);
      const times: Record<string, number> = {};
      let ok = true;
      for (const which of order) {
        const run = await page.evaluate(
          ([kind, href]) => {
            const g = globalThis as unknown as {
              __ndOurs: { ourPipeline(d: Document, u: string): { ok: boolean } };
              __ndPlain: { plainPipeline(d: Document): { ok: boolean } };
            };
            const start = performance.now();
            const result = kind === 'ours' ? g.__ndOurs.ourPipeline(document, href) : g.__ndPlain.plainPipeline(document);
            return { ms: performance.now() - start, ok: result.ok };
          },
          [which, url] as const,
        );
        times[which] = run.ms;
        if (which === 'ours') ok = run.ok;
      }
      // The real injected file, on a fresh load of the page: parse, setup and extraction.
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const real = await page.evaluate(
        `(async () => { const start = performance.now(); const r = await (${injected}); return { ms: performance.now() - start, ok: !!(r && r.ok) }; })()`,
      ) as { ms: number; ok: boolean };
      timings.push({ name: corpusPage.name, bytes: corpusPage.bytes, ours: times.ours!, plain: times.plain!, injected: real.ms, ok: ok && real.ok });
    }
  } finally {
    await browser.close().catch(() => {});
    await served.close();
  }
  return timings;
}

/** jsdom 27's CSS parser throws on a few real stylesheets; extraction does not read them. */
function parse(html: string, url: string, virtualConsole: VirtualConsole): JSDOM {
  try {
    return new JSDOM(html, { url, virtualConsole });
  } catch {
    return new JSDOM(html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>'), { url, virtualConsole });
  }
}

function inNode(pages: CorpusPage[]): { timings: PageTiming[]; parse: number[] } {
  const virtualConsole = new VirtualConsole();
  const timings: PageTiming[] = [];
  const parseTimes: number[] = [];
  for (const [index, corpusPage] of pages.entries()) {
    const url = pageUrl(corpusPage.name);
    const html = readFileSync(corpusPage.file, 'utf8');
    const parsed = timeIt(() => parse(html, url, virtualConsole));
    parseTimes.push(parsed.ms);
    const doc = parsed.result.window.document;
    let oursRun: Timed<{ ok: boolean }>;
    let plainRun: Timed<{ ok: boolean }>;
    if (index % 2 === 0) {
      oursRun = timeIt(() => ourPipeline(doc, url));
      plainRun = timeIt(() => plainPipeline(doc));
    } else {
      plainRun = timeIt(() => plainPipeline(doc));
      oursRun = timeIt(() => ourPipeline(doc, url));
    }
    timings.push({ name: corpusPage.name, bytes: corpusPage.bytes, ours: oursRun.ms, plain: plainRun.ms, ok: oursRun.result.ok });
    parsed.result.window.close();
  }
  return { timings, parse: parseTimes };
}

function rows(where: string, timings: PageTiming[], budgetP95: boolean): Row[] {
  const ours = summarize(timings.map((t) => t.ours));
  const plain = summarize(timings.map((t) => t.plain));
  const ratioTotal = sum(timings.map((t) => t.ours)) / sum(timings.map((t) => t.plain));
  const perPage = summarize(timings.map((t) => t.ours / t.plain));
  const out: Row[] = [
    {
      suite: 'clip',
      metric: `${where}: Newsdesk pipeline p50/p95/max (${timings.length} pages)`,
      value: triple(ours),
      ...(budgetP95 ? { budget: 'p95 ≤ 100 ms', ok: ours.p95 <= 100 } : {}),
      data: ours,
    },
    { suite: 'clip', metric: `${where}: plain Readability+Turndown p50/p95/max`, value: triple(plain), data: plain },
    {
      suite: 'clip',
      metric: `${where}: ours ÷ plain (corpus total; per-page median)`,
      value: `${ratioTotal.toFixed(2)}× ; ${perPage.p50.toFixed(2)}×`,
      budget: '≤ 1.5×',
      ok: ratioTotal <= 1.5,
      data: { total: ratioTotal, perPage },
    },
  ];
  const injected = timings.filter((t) => t.injected !== undefined).map((t) => t.injected!);
  if (injected.length) {
    const s = summarize(injected);
    out.push({ suite: 'clip', metric: `${where}: built extract.js injected whole (parse+run)`, value: triple(s), data: s });
  }
  return out;
}

export async function benchClip(options: { only?: string[] } = {}): Promise<SuiteResult> {
  const pages = corpusPages().filter((p) => !options.only || options.only.includes(p.name));
  const chromiumTimings = await inChromium(pages);
  const node = inNode(pages);
  const failed = chromiumTimings.filter((t) => !t.ok).map((t) => t.name);
  const slowest = [...chromiumTimings].sort((a, b) => b.ours - a.ours).slice(0, 5);
  const parse = summarize(node.parse);
  const extractBytes = readFileSync(EXTRACT_JS).length;
  return {
    rows: [
      ...rows('Chromium', chromiumTimings, true),
      ...rows('Node/jsdom', node.timings, false),
      { suite: 'clip', metric: 'Node/jsdom: parsing the HTML (not in the figures above)', value: triple(parse), data: parse },
      { suite: 'clip', metric: 'injected extract.js size (raw)', value: kb(extractBytes), data: extractBytes },
    ],
    details: {
      pagesServed: "as saved, page scripts disabled (CSP script-src 'none'), other requests 404",
      failed,
      slowestInChromium: slowest.map((t) => ({ name: t.name, kb: Math.round(t.bytes / 1024), ours: t.ours, plain: t.plain })),
      chromium: chromiumTimings,
      node: node.timings,
    },
  };
}
