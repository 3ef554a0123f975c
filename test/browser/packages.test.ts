import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { launch, repoRoot, serveFixtures } from './harness';

/**
 * What ships: `npm run zip` gives a Chrome MV3 and a Firefox MV3 package side by side plus the
 * sources Firefox's review asks for, and Mozilla's own linter (web-ext lint, offline) finds no
 * error in the Firefox build and only the warnings the README explains.
 */

const run = promisify(execFile);
const firefoxDir = path.join(repoRoot, '.output/firefox-mv3');

async function zipEntries(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
}

async function zipText(file: string, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const found = zip.file(entry);
  if (!found) throw new Error(`${entry} is not in ${file}`);
  return found.async('string');
}

describe('packages', () => {
  it('npm run zip builds Chrome MV3 and Firefox MV3 packages with distinct names, and the sources', async () => {
    const started = Date.now();
    await run('npm', ['run', '--silent', 'zip'], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const chromeZip = path.join(repoRoot, `.output/newsdesk-${version}-chrome-mv3.zip`);
    const firefoxZip = path.join(repoRoot, `.output/newsdesk-${version}-firefox-mv3.zip`);
    const sourcesZip = path.join(repoRoot, `.output/newsdesk-${version}-sources.zip`);
    // Three files, all written by this run (none overwrote another).
    for (const file of [chromeZip, firefoxZip, sourcesZip]) expect(statSync(file).mtimeMs, file).toBeGreaterThanOrEqual(started - 1000);

    const chrome = JSON.parse(await zipText(chromeZip, 'manifest.json')) as Record<string, unknown>;
    const firefox = JSON.parse(await zipText(firefoxZip, 'manifest.json')) as Record<string, unknown>;
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.manifest_version).toBe(3);
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: 'newsdesk@newsdesk.invalid' } });
    for (const zip of [chromeZip, firefoxZip]) {
      expect(await zipEntries(zip)).toEqual(expect.arrayContaining(['popup.html', 'background.js', 'extract.js', 'icon/16.png', 'icon/128.png']));
    }

    // Enough to rebuild the Firefox package (code, lockfile, config, icon source), nothing generated.
    const sources = await zipEntries(sourcesZip);
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md', 'assets/icon.svg', 'entrypoints/background.ts']));
    expect(sources.filter((f) => /^(node_modules|\.output|test)\//.test(f))).toEqual([]);
  });

  it('web-ext lint: no errors in the Firefox build, and only the warnings the README explains', async () => {
    // web-ext exits non-zero on errors; the JSON report is on stdout either way.
    const result = await run('npx', ['web-ext', 'lint', '--source-dir', firefoxDir, '--output', 'json'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const report = JSON.parse(result.stdout) as {
      summary: { errors: number; warnings: number; notices: number };
      errors: Lint[];
      warnings: Lint[];
      notices: Lint[];
    };
    console.log(
      `web-ext lint (${firefoxDir}): ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices\n` +
        report.warnings.map((w) => `  ${w.code} ${w.file}:${w.line}:${w.column} — ${explain(w) ?? 'NOT EXPLAINED'}`).join('\n'),
    );
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => !explain(w)).map((w) => `${w.code} ${w.file}:${w.line}:${w.column} ${w.message}`)).toEqual([]);
    // The README's lint section names each of them.
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const known of KNOWN) if (report.warnings.some((w) => explain(w) === known.why)) expect(readme).toContain(known.readme);
  });
});

describe('the eval web-ext lint finds', () => {
  it('never runs: the Desk, options page and popup load without a content-security-policy violation', async () => {
    const served = await serveFixtures({});
    const session = await launch(served.port);
    try {
      const seen: string[] = [];
      for (const url of ['options.html', 'desk.html', 'popup.html']) {
        const page = await session.context.newPage();
        // Set before any of the page's scripts: zod probed `new Function` while its schemas were built.
        await page.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', (e) => console.warn(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
        );
        page.on('console', (m) => {
          if (/CSP violation|unsafe-eval/.test(m.text())) seen.push(`${url}: ${m.text()}`);
        });
        await page.goto(`chrome-extension://${session.extensionId}/${url}`);
        await page.locator('h1').first().waitFor({ timeout: 30_000 });
        await page.close();
      }
      expect(seen).toEqual([]);
    } finally {
      await session.close();
      await new Promise((resolve) => served.server.close(resolve));
    }
  });
});

interface Lint {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/**
 * Warnings about library code, recognised by the code around the flagged spot (chunk names
 * change with every build). Anything else — our own innerHTML or eval — fails the test.
 */
const KNOWN: Array<{ code: string; around: RegExp; why: string; readme: string }> = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', around: /dangerouslySetInnerHTML|__html/, why: 'Preact renders dangerouslySetInnerHTML (the Desk preview, DOMPurify-sanitised)', readme: 'Preact' },
  { code: 'UNSAFE_VAR_ASSIGNMENT', around: /createDocument\(|parseFromString/, why: 'DOMPurify parses into an inert document', readme: 'DOMPurify' },
  { code: 'UNSAFE_VAR_ASSIGNMENT', around: /_attempts|_isSingleImage|Article content/, why: 'Readability works on a clone of the page', readme: 'Readability' },
  { code: 'DANGEROUS_EVAL', around: /jitless/, why: 'zod’s eval probe, switched off by z.config({ jitless: true })', readme: 'jitless' },
  { code: 'UNSAFE_VAR_ASSIGNMENT', around: /afterExit:\[\],beforeEnter:\[\]|canContainEols|document\(\)\.write\(/, why: 'micromark’s parser: a tokenizer method named document().write, not the DOM', readme: 'micromark' },
];

function explain(warning: Lint): string | null {
  const lines = readFileSync(path.join(firefoxDir, warning.file), 'utf8').split('\n');
  const line = lines[warning.line - 1] ?? '';
  const around = line.slice(Math.max(0, warning.column - 300), warning.column + 100);
  return KNOWN.find((k) => k.code === warning.code && k.around.test(around))?.why ?? null;
}
