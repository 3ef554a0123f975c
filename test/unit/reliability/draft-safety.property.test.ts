import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../../../utils/export/draft';
import { sanitizeEntry } from '../../../utils/markdown/sanitize';
import { verifyDraft } from '../../../utils/markdown/verify';
import type { NewsItem } from '../../../utils/model/item';
import { getPreset } from '../../../utils/presets';
import { makeItem } from '../export/fixtures';
import { buildWithHugo, skipWithoutHugo } from '../../support/hugo';
import { findingsOf, isSafeTarget, unsafeFindings } from '../../support/markdown-oracle';

/**
 * Property: whatever an editor (or a contributor's backup) puts in entries, the exported draft
 * holds no unsafe link target, image, reference or footnote definition, or raw HTML — judged
 * by verifyDraft, by an independent whole-document parse (test/support/markdown-oracle), and
 * for a sample by Hugo with raw HTML passed through — and every item is in it, in order.
 */

const RUNS = Number(process.env.RELIABILITY_DRAFT_SAFETY_RUNS ?? 300);
const HUGO_SAMPLES = Number(process.env.RELIABILITY_HUGO_SAMPLES ?? 60);
const preset = getPreset('xmpp-2023');

const SCHEMES = ['javascript:', 'JaVaScRiPt:', 'java&#9;script:', 'javascript&colon;', '&#x6A;avascript:', 'java\\script:', 'data:text/html,', 'vbscript:', 'file:', '//evil.example/', '/\\evil.example/', ' javascript:', 'https://ok.example/', '/site/page', '#frag', 'xmpp:a@b.example', 'mailto:a@b.example', 'page.html', ''];
const scheme = fc.constantFrom(...SCHEMES);
const word = fc.constantFrom('x', 'Read more', 'de', 'DE', '^1', 'a\\]b', '*em*', '`c`', '');

/** Pieces of Markdown that, combined, make links, images, definitions, HTML and containers. */
const piece: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(word, scheme).map(([w, s]) => `[${w}](${s}alert(1))`),
  fc.tuple(word, scheme).map(([w, s]) => `[${w}](\n${s}alert(1) "t")`),
  fc.tuple(word, scheme).map(([w, s]) => `![${w}](${s}pixel.png)`),
  fc.tuple(word, scheme).map(([w, s]) => `[${w}]: ${s}x`),
  fc.tuple(word, scheme).map(([w, s]) => `[${w}]:\n  ${s}x`),
  fc.tuple(word, scheme).map(([w, s]) => `<${s}x>`),
  fc.tuple(word, scheme).map(([w, s]) => `[![${w}](${s}i.png)](${s}y)`),
  word.map((w) => `[${w}]`),
  word.map((w) => `[${w}][de]`),
  word.map((w) => `[^${w}]: note`),
  fc.constantFrom(
    '<img src=https://beacon.example/a.png>', '<img src="x" onerror="alert(1)">', '<script>alert(1)</script>', '<!-- c -->', '<a href="javascript:1">a</a>',
    '</div>', '<div>', '<?php ?>', '<![CDATA[x]]>', '{{< x >}}', '{{% y %}}', '```', '~~~', '    ', '> ', '- ', '1. ', '\n', '\n\n', '\r', '# ', '---', '===',
    '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '!', '&', '&amp;', 'www.example.org', 'https://a.example/x_(y)', 'a@b.example', '|', '| a |\n|---|\n| b |',
  ),
  fc.string({ maxLength: 5 }),
);
const entry = fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));

const tried = { drafts: 0, entries: 0, notices: 0, problems: 0, hugoPages: 0 };
const samples: Record<string, string> = {};

function itemsWith(entries: string[]): NewsItem[] {
  return [
    makeItem({ entry: '[Before](https://example.org/before) [DE]', position: 0 }),
    ...entries.map((e, i) => makeItem({ entry: e, position: i + 1, title: `Item ${i}` })),
    makeItem({ entry: '[After](https://example.org/after)', position: entries.length + 1 }),
  ];
}

describe('draft safety (property)', () => {
  afterAll(() => {
    console.log(`draft safety: ${tried.drafts} drafts of ${tried.entries} hostile entries, ${tried.notices} notices, ${tried.problems} items replaced by a TODO line, ${tried.hugoPages} pages built by Hugo`);
  });

  it('no generated entry puts an unsafe link, image, definition or raw HTML in the draft, adds a heading or rule, or goes missing', () => {
    const cleanHeadings = findingsOf(composeDraft({ preset, issue: '2023-10', items: itemsWith(['Plain']) }).markdown).headings;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        tried.drafts += 1;
        tried.entries += entries.length;
        const items = itemsWith(entries);
        const { markdown, problems, notices } = composeDraft({ preset, issue: '2023-10', items });
        tried.notices += notices.length;
        tried.problems += problems.length;
        expect(verifyDraft(markdown, { allowedShortcodes: ['newsletter-subscribe', 'figure'] })).toEqual([]);
        expect(unsafeFindings(markdown)).toEqual([]);
        expect(findingsOf(markdown).headings).toBe(cleanHeadings);
        expect(markdown.match(/\{\{[<%]/g)).toEqual(['{{<']); // only the newsletter's own subscribe form
        // Every item has its bullet (or TODO line), between the two ordinary ones.
        const articles = markdown.split('\n## Articles\n\n')[1]!.split('\n\n## ')[0]!;
        const bullets = articles.split('\n').filter((l) => l.startsWith('- '));
        expect(bullets.length).toBe(items.length); // an empty entry shows as a link to its page
        expect(bullets[0]).toBe('- [Before](https://example.org/before) [DE]');
        expect(bullets[bullets.length - 1]).toBe('- [After](https://example.org/after)');
        if (Object.keys(samples).length < HUGO_SAMPLES) samples[`d${tried.drafts}`] = markdown;
      }),
      { numRuns: RUNS },
    );
  }, Math.max(60_000, RUNS * 400));

  it('sanitizing is stable: a sanitized entry needs no further change', () => {
    fc.assert(
      fc.property(entry, (text) => {
        const once = sanitizeEntry(text);
        const twice = sanitizeEntry(once.markdown);
        if (!once.plain) expect(twice.markdown).toBe(once.markdown);
        expect(unsafeFindings(once.markdown)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it.skipIf(skipWithoutHugo)('Hugo, passing raw HTML through, publishes none of it: no unsafe link, image, script or handler', () => {
    expect(Object.keys(samples).length).toBeGreaterThan(10);
    const built = buildWithHugo(samples, { unsafeHtml: true });
    for (const [name, html] of Object.entries(built.pages)) {
      const doc = new JSDOM(html).window.document;
      const forbidden = [...doc.querySelectorAll('img, script, iframe, object, embed, svg, video, audio, picture, source, style, form:not(#subscribe)')];
      expect(forbidden.map((el) => el.outerHTML), `${name}:\n${samples[name]}`).toEqual([]);
      for (const el of doc.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          expect(attr, name).not.toMatch(/^on/i);
          if (attr === 'href' || attr === 'src') expect(isSafeTarget(el.getAttribute(attr) ?? ''), `${name}: ${el.outerHTML}\n${samples[name]}`).toBe(true);
        }
      }
      tried.hugoPages += 1;
    }
  }, Math.max(60_000, HUGO_SAMPLES * 400));
});
