import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { composeDraft, renderDraft } from '../../../utils/export/draft';
import type { NewsItem } from '../../../utils/model/item';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { buildWithHugo, skipWithoutHugo } from '../../support/hugo';
import { findingsOf, isSafeTarget, unsafeFindings } from '../../support/markdown-oracle';
import { makeItem, sectionText } from './fixtures';

/**
 * Regression tests for issue 10, defects 7–10 (rendering): what one entry holds cannot reach
 * the published page as a script link, an image, a definition that rewrites other entries or
 * raw HTML, and one entry that cannot be rendered does not take the draft with it. Judged by
 * an independent whole-document parse (test/support/markdown-oracle) and by Hugo.
 */

const draftOf = (items: NewsItem[]) => renderDraft({ preset: xmppNewsletter, issue: '2023-10', items });

/** The draft's article bullets, with `entries` between two ordinary items. */
function articlesWith(entries: string[]): { draft: string; items: NewsItem[] } {
  const items = [
    makeItem({ entry: '[Before](https://example.org/before) [DE]', position: 0 }),
    ...entries.map((entry, i) => makeItem({ entry, position: i + 1 })),
    makeItem({ entry: '[After](https://example.org/after) [DE]', position: entries.length + 1 }),
  ];
  return { draft: draftOf(items), items };
}

/** Hrefs and srcs of the page Hugo builds from `draft`, raw HTML passed through. */
function hugoLinks(draft: string): { hrefs: string[]; images: number; scripts: number } {
  const html = buildWithHugo({ page: draft }, { unsafeHtml: true }).pages.page ?? '';
  const doc = new JSDOM(html).window.document;
  return {
    hrefs: [...doc.querySelectorAll('[href]')].map((a) => a.getAttribute('href') ?? ''),
    images: doc.querySelectorAll('img, picture, source, video, audio, iframe').length,
    scripts: doc.querySelectorAll('script, [onerror], [onload], [onclick]').length,
  };
}

// Each was reproduced against the line-based export: it left these live.
const SCRIPT_LINKS = [
  '[Read more](\nJAVASCRIPT:alert(1))',
  '[Read more](\n  javascript:alert(1) "t")',
  'See [x][r]\n\n[r]:\n  javascript:alert(1)',
  '[a\\]b](javascript:alert(1))',
  'Text [q]\n  > [q]: javascript:alert(1)',
  'Text [q]\n\n  - [q]: javascript:alert(1)',
  'Footnote[^1]\n\n[^1]: [x](javascript:alert(1))',
  '[y](JaVaScRiPt&colon;alert(1)) and [z](java&#x09;script:alert(1))',
  '<javascript:alert(2)> and <JAVASCRIPT:alert(3)>',
  '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [v](vbscript:msgbox(1)) [f](file:///etc/passwd)',
  '[other host](//evil.example/x) [backslash](/\\evil.example/x)',
];

describe('defect 7: no javascript:, data: or other unsafe link survives the export, however it is written', () => {
  it.each(SCRIPT_LINKS)('%j loses its link and keeps its text', (entry) => {
    const { draft } = articlesWith([entry]);
    const { links } = findingsOf(draft);
    expect(links.filter((l) => !isSafeTarget(l))).toEqual([]);
    expect(unsafeFindings(draft)).toEqual([]);
    // The items around it are intact.
    expect(sectionText(draft, '## Articles')).toMatch(/^- \[Before\]\(https:\/\/example\.org\/before\) \[DE\]\n/);
    expect(sectionText(draft, '## Articles')).toMatch(/\n- \[After\]\(https:\/\/example\.org\/after\) \[DE\]$/);
  });

  it.skipIf(skipWithoutHugo)('Hugo publishes none of them as a link', () => {
    const { draft } = articlesWith(SCRIPT_LINKS);
    const { hrefs, scripts } = hugoLinks(draft);
    expect(hrefs.filter((h) => !isSafeTarget(h))).toEqual([]);
    expect(scripts).toBe(0);
  });
});

describe('defect 8: what one entry defines does not reach another', () => {
  const evil = ['Look [here]\n\n[de]: https://evil.example', '[DE]: https://evil.example\n[IT]: https://evil.example/it', '[^de]: https://evil.example'];

  it.each(evil)('%j turns no [DE] tag of another entry into a link', (entry) => {
    const { draft } = articlesWith([entry, 'Italian meetup [IT] [DE]']);
    const findings = findingsOf(draft);
    // A definition anywhere would make every [DE] of the issue a reference link.
    expect(findings.definitions).toEqual([]);
    expect(findings.footnotes).toEqual([]);
    expect(findings.links.filter((l) => l.startsWith('reference:'))).toEqual([]);
    expect(draft).toContain('- Italian meetup [IT] [DE]');
  });

  it('an entry’s own reference links keep working, as ordinary links', () => {
    const { draft } = articlesWith(['Read [the post][p] and [the notes].\n\n[p]: https://example.org/post "Post"\n[the notes]: /notes.html']);
    expect(draft).toContain('- Read [the post](https://example.org/post "Post") and [the notes](/notes.html).');
    expect(findingsOf(draft).definitions).toEqual([]);
  });

  it.skipIf(skipWithoutHugo)('Hugo links no language tag to the other site', () => {
    const { draft } = articlesWith([...evil, 'Italian meetup [IT] [DE]']);
    const doc = new JSDOM(buildWithHugo({ page: draft }).pages.page ?? '').window.document;
    const tags = [...doc.querySelectorAll('a')].filter((a) => /^\[?(DE|IT|de|it)\]?$/.test(a.textContent ?? ''));
    expect(tags.map((a) => a.outerHTML)).toEqual([]);
    expect(doc.querySelectorAll('.footnotes, sup').length).toBe(0);
  });
});

describe('defect 9: no image reaches the published page from an entry', () => {
  const beacons = [
    '![](https://beacon.example/pixel.png)',
    'Text ![logo](https://cdn.example/logo.svg "Logo") more',
    '[![badge](https://ci.example/badge.svg)](https://ci.example/job)',
    'Ref ![pix][p]\n\n[p]: https://beacon.example/p.gif',
    '<img src="https://beacon.example/pixel.png">',
    'Inline <img src=https://beacon.example/a.png onerror=alert(1)> text',
    '<picture><source srcset=https://beacon.example/a.webp></picture> and <video src=//beacon.example/v.mp4>',
  ];

  it.each(beacons)('%j is dropped (its description stays as text)', (entry) => {
    const { draft } = articlesWith([entry]);
    expect(findingsOf(draft).images).toEqual([]);
    expect(unsafeFindings(draft)).toEqual([]);
  });

  it('keeps a link around a dropped image, with the image’s description as its text', () => {
    expect(articlesWith(['[![badge](https://ci.example/badge.svg)](https://ci.example/job)']).draft).toContain('- [badge](https://ci.example/job)');
  });

  it.skipIf(skipWithoutHugo)('Hugo builds the page without an image, script or handler', () => {
    const { images, scripts } = hugoLinks(articlesWith(beacons).draft);
    expect(images).toBe(0);
    expect(scripts).toBe(0);
  });
});

describe('defect 10: one entry that cannot be rendered never empties the draft', () => {
  it('an item whose entry is not text stands in the draft as a TODO line; the others are there', () => {
    const broken = makeItem({ title: 'Broken record', position: 1, entry: 42 as unknown as string });
    const draft = draftOf([makeItem({ entry: 'First', position: 0 }), broken, makeItem({ entry: 'Third', position: 2 })]);
    expect(sectionText(draft, '## Articles')).toBe(
      `- First\n- TODO: Newsdesk could not include “Broken record” (${broken.url}): its entry is not text (number)\n- Third`,
    );
  });

  it.each([
    ['2,000 nested quotes', '>'.repeat(2000) + ' x'],
    ['100 KB of a_', 'a_'.repeat(50_000)],
    ['10,000 nested brackets', '['.repeat(10_000) + 'x' + ']'.repeat(10_000)],
    ['10,000 nested list markers', '- '.repeat(10_000) + 'x'],
    ['5,000 nested emphasis marks', '*'.repeat(5000) + 'x' + '*'.repeat(5000)],
    ['1 MB of links and emphasis', '[w](https://x.org) *em* _u_ '.repeat(40_000)],
  ])('an entry of %s is in the draft, as plain text, between its neighbours', (_name, entry) => {
    const { draft, items } = articlesWith([entry]);
    const bullets = (sectionText(draft, '## Articles') ?? '').split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toHaveLength(items.length);
    expect(bullets[0]).toBe('- [Before](https://example.org/before) [DE]');
    expect(bullets[2]).toBe('- [After](https://example.org/after) [DE]');
  });
});

describe('composeDraft: what the export could not include or changed, item by item', () => {
  it('lists an item it could not include and each change it made for safety', () => {
    const broken = makeItem({ title: 'Broken', entry: 42 as unknown as string, position: 1 });
    const beacon = makeItem({ title: 'Beacon', entry: 'News ![](https://beacon.example/p.png)', position: 2 });
    const { markdown, problems, notices } = composeDraft({ preset: xmppNewsletter, issue: '2023-10', items: [makeItem({ entry: 'Fine', position: 0 }), broken, beacon] });
    expect(problems).toEqual([{ itemId: broken.id, title: 'Broken', reason: 'its entry is not text (number)' }]);
    expect(notices).toEqual([{ itemId: beacon.id, title: 'Beacon', notice: 'Removed an image (https://beacon.example/p.png).' }]);
    expect(sectionText(markdown, '## Articles')?.split('\n')).toEqual(['- Fine', expect.stringMatching(/^- TODO: Newsdesk could not include “Broken”/), '- News']);
  });

  it('holds the newsletter’s own text to the same rules (a definition is untrusted too)', () => {
    const preset = { ...xmppNewsletter, intro: 'Hi ![](https://beacon.example/i.png) {{< youtube x >}} [DE]\n\n[de]: https://evil.example' };
    const { markdown, notices } = composeDraft({ preset, issue: '2023-10', items: [makeItem({ entry: 'Meetup [DE]' })] });
    expect(unsafeFindings(markdown)).toEqual([]);
    expect(markdown).toContain('- Meetup [DE]');
    expect(markdown).not.toMatch(/beacon\.example|\{\{< youtube/);
    expect(notices.map((n) => [n.itemId, n.title])).toEqual([
      [null, 'intro'],
      [null, 'intro'],
      [null, 'intro'],
    ]);
  });
});
