import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Debian's hugo (installed by scripts/ensure-system-packages.sh) builds pages in a minimal
 * site: the real consumer of the drafts. Tests skip without it, but never in CI.
 */
export const hasHugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
export const skipWithoutHugo = !hasHugo && !process.env.CI;

export interface HugoBuild {
  /** The built page of each content file, by name. */
  pages: Record<string, string>;
}

/**
 * Builds `pages` (name → Markdown file text). The page layout prints the title as the hex of
 * its UTF-8 bytes (so any character can be compared exactly) and then the content.
 * Throws with Hugo's own message when the build fails.
 */
export function buildWithHugo(pages: Record<string, string>, options: { unsafeHtml?: boolean } = {}): HugoBuild {
  const site = mkdtempSync(path.join(tmpdir(), 'newsdesk-hugo-'));
  try {
    mkdirSync(path.join(site, 'content'));
    mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
    mkdirSync(path.join(site, 'layouts/shortcodes'));
    // unsafeHtml: the site passes raw HTML through (`markup.goldmark.renderer.unsafe`), as
    // many Hugo sites do; the draft must not rely on Hugo dropping it.
    const unsafe = options.unsafeHtml ? '[markup.goldmark.renderer]\nunsafe = true\n' : '';
    writeFileSync(path.join(site, 'config.toml'), `baseURL = "https://example.org/"\ntitle = "t"\n${unsafe}`);
    writeFileSync(path.join(site, 'layouts/_default/single.html'), '<title-hex>{{ printf "%x" .Title }}</title-hex>{{ .Content }}');
    writeFileSync(path.join(site, 'layouts/shortcodes/newsletter-subscribe.html'), '<form id="subscribe"></form>');
    for (const [name, text] of Object.entries(pages)) writeFileSync(path.join(site, 'content', `${name}.md`), text);
    const result = spawnSync('hugo', ['--quiet', '--source', site], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`hugo failed: ${result.stderr || result.stdout}`);
    return {
      pages: Object.fromEntries(Object.keys(pages).map((name) => [name, readFileSync(path.join(site, 'public', name, 'index.html'), 'utf8')])),
    };
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

/** The title Hugo read from a page's front matter (from the layout's hex dump). */
export function hugoTitle(html: string): string {
  const hex = /<title-hex>([0-9a-f]*)<\/title-hex>/.exec(html)?.[1] ?? '';
  return Buffer.from(hex, 'hex').toString('utf8');
}

