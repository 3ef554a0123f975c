import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDraft } from '../../../utils/export/draft';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { headingTree, makeItem, october2023Items } from './fixtures';

/**
 * The real consumer judges the draft: Hugo (the XMPP Newsletter's site generator) builds it in
 * a minimal site. scripts/test.sh installs Debian's hugo; a bare `vitest` run without it skips
 * these, but never in CI.
 */
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const hasHugo = hugo.status === 0;

function buildWithHugo(pages: Record<string, string>): Record<string, string> {
  const site = mkdtempSync(path.join(tmpdir(), 'newsdesk-hugo-'));
  sites.push(site);
  mkdirSync(path.join(site, 'content'));
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  mkdirSync(path.join(site, 'layouts/shortcodes'));
  writeFileSync(path.join(site, 'config.toml'), 'baseURL = "https://example.org/"\ntitle = "t"\n');
  writeFileSync(
    path.join(site, 'layouts/_default/single.html'),
    '<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}',
  );
  writeFileSync(path.join(site, 'layouts/shortcodes/newsletter-subscribe.html'), '<form id="subscribe"></form>');
  for (const [name, text] of Object.entries(pages)) writeFileSync(path.join(site, 'content', `${name}.md`), text);
  // Throws (failing the test) when the build fails, e.g. on an unknown shortcode.
  execFileSync('hugo', ['--quiet', '--source', site], { encoding: 'utf8', stdio: 'pipe' });
  return Object.fromEntries(
    Object.keys(pages).map((name) => [name, readFileSync(path.join(site, 'public', name, 'index.html'), 'utf8')]),
  );
}

const sites: string[] = [];
afterAll(() => {
  for (const site of sites) rmSync(site, { recursive: true, force: true });
});

function htmlHeadings(html: string): Array<[number, string]> {
  return [...html.matchAll(/<h([1-6])[^>]*>([^<]*)<\/h\1>/g)].map((m) => [Number(m[1]), m[2] ?? '']);
}

describe.skipIf(!hasHugo && !process.env.CI)('drafts built by Hugo', () => {
  it('builds the October 2023 draft with its front matter, headings and shortcode', () => {
    const draft = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: october2023Items() });
    const { golden = '' } = buildWithHugo({ golden: draft });
    expect(golden).toContain('<h1>The XMPP Newsletter October 2023</h1><time>2023-11-05</time>');
    expect(golden).toContain('<form id="subscribe"></form>');
    const expected = headingTree(draft).map(([level, text]) => [level, text.replace(/&/g, '&amp;')]);
    expect(htmlHeadings(golden).slice(1)).toEqual(expected);
  });

  it('builds a draft of hostile entries: no extra heading, rule or shortcode, the text shown as text', () => {
    const hostile = [
      '---',
      '# x',
      '{{< x >}}',
      'Looks fine\n# heading\n---\ntitle: injected\n{{% y %}}\n## Software News',
      'Setext\n===',
      '- nested?',
    ];
    const draft = renderDraft({
      preset: xmppNewsletter,
      issue: '2023-10',
      items: hostile.map((entry, i) => makeItem({ entry, position: i, contributor: '{{< y >}} **z**' })),
    });
    const clean = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: [makeItem()] });
    const { dirty = '', ok = '' } = buildWithHugo({ dirty: draft, ok: clean });
    expect(htmlHeadings(dirty)).toEqual(htmlHeadings(ok));
    expect(dirty).not.toContain('<hr');
    expect(dirty).toContain('<li># x</li>');
    expect(dirty).toContain('<li>{{&lt; x &gt;}}</li>');
    expect(dirty).toContain('{{&lt; y &gt;}} **z**');
  });
});
