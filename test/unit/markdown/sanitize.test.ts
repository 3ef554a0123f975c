import { describe, expect, it } from 'vitest';
import { boundsProblem, nestingDepth } from '../../../utils/markdown/bounds';
import { figureShortcode, FigureError } from '../../../utils/markdown/figure';
import { linkTargetProblem } from '../../../utils/markdown/links';
import { escapePlainText, sanitizeEntry, sanitizeMarkdown } from '../../../utils/markdown/sanitize';
import { verifyDraft } from '../../../utils/markdown/verify';
import { buildWithHugo, skipWithoutHugo } from '../../support/hugo';
import { unsafeFindings } from '../../support/markdown-oracle';

/** What escaped plain text shows: backslash escapes and the two entities it uses, read once. */
function unescapePlain(markdown: string): string {
  return markdown.replace(/\\(.)|&#91;|&lt;/g, (all, c: string | undefined) => c ?? (all === '&lt;' ? '<' : '['));
}

describe('sanitizeEntry: what is kept as written', () => {
  it.each([
    '[Gajim 1.8.2](https://gajim.org/post/2023-10-29-gajim-1.8.2-released/) has been released.',
    'Version 0.3.1 of [XEP-0377](/extensions/xep-0377.html)\n  - Add XML Schema. (egp)',
    'Join [the MUC](xmpp:commteam@muc.xmpp.org?join), mail [us](mailto:a@b.example), read [below](#help)',
    '**bold** _em_ ~~gone~~ `code <b>` and <https://example.org> and www.example.org',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '```\n<script>alert(1)</script> [x](javascript:y) ![i](x.png)\n```',
    '[DE] tags, [1] and [a][b] with no definitions are text',
    'Use {{ .Title }} and 3 < 4 > 2 and a <- b',
  ])('%j', (markdown) => {
    expect(sanitizeEntry(markdown)).toEqual({ markdown, notices: [], plain: false });
  });
});

describe('sanitizeEntry: what changes, each with a notice in plain words', () => {
  it.each([
    ['[Read more](\nJAVASCRIPT:alert(1))', 'Read more', /^Removed a javascript: link; kept its text\.$/],
    ['[x](  java&#9;script:alert(1) "t")', 'x', /javascript: link/],
    ['<vbscript:msgbox(1)>', '&lt;vbscript:msgbox(1)>', /vbscript: link/],
    ['[far](//evil.example/x)', 'far', /a link to "\/\/evil\.example\/x"/],
    ['[rel](page.html)', 'rel', /a link to "page\.html"/],
    ['[empty]()', 'empty', /a link without a target/],
    ['![](https://beacon.example/pixel.png)', '', /^Removed an image \(https:\/\/beacon\.example\/pixel\.png\)\.$/],
    ['![A *logo*](/images/logo.svg)', 'A logo', /description "A logo" stays as text/],
    ['See [DE]\n\n[de]: https://evil.example', 'See [DE](https://evil.example)\n\n', /Removed the link definition \[de\]: https:\/\/evil\.example/],
    ['a[^1]\n\n[^1]: note', 'a&#91;^1]\n\n&#91;^1]: note', /Footnote \[\^1\] shows as plain text/],
    ['[y](javascript:x( "t") goldmark reads as a link', '[y&#93;(javascript:x( "t") goldmark reads as a link', /is not a link, and is written so that no publisher reads one there/],
    ['[a]: javascript&colon;x(\n\n[a]', '&#91;a]: javascript&colon;x(\n\n[a]', /reads like a link definition/],
    ['a https://a.example/`x [y](javascript:alert(1)) ` b', 'a https://a.example/&#96;x y ` b', /code span right after a web address/],
    ['www.example.org\\<img src=x>', 'www.example.org&lt;img src=x>', /Raw HTML shows as text/],
    ['x <img src=x onerror=alert(1)> y', 'x &lt;img src=x onerror=alert(1)> y', /^Raw HTML shows as text: <img/],
    ['x <img src=https://b.example/a.png> y', 'x &lt;img src=https://b.example/a.png> y', /Raw HTML shows as text/],
    ['<div>\n<script>alert(1)</script>\n</div>', '&lt;div>\n&lt;script>alert(1)&lt;/script>\n&lt;/div>', /Raw HTML/],
    ['{{< youtube abc >}} and {{% x %}}', '&#123;{< youtube abc >}} and &#123;{% x %}}', /Defused the Hugo shortcode \{\{< youtube abc >\}\}/],
    ['{[](javascript:x){< y >}}', '&#123;{< y >}}', /javascript: link/],
  ])('%j', (input, output, notice) => {
    const result = sanitizeEntry(input);
    expect(result.markdown).toBe(output);
    expect(result.notices.join(' ')).toMatch(notice);
    expect(unsafeFindings(result.markdown)).toEqual([]);
  });

  it('leaves no link where removing one could form another', () => {
    const result = sanitizeEntry('[a [b](javascript:1)](javascript:2)');
    expect(result.markdown).toBe('[a b&#93;(javascript:2)');
    expect(unsafeFindings(result.markdown)).toEqual([]);
    expect(result.notices).toHaveLength(2);
  });

  it('names the media path for an image that could be the item’s figure', () => {
    expect(sanitizeEntry('![Logo](/images/newsletter/logo.svg)', { mediaPath: '/images/newsletter/' }).notices[0]).toMatch(/Add it as the item’s figure/);
  });

  it('keeps the shortcodes a newsletter’s own text may use', () => {
    expect(sanitizeMarkdown('{{< newsletter-subscribe >}}', { allowedShortcodes: ['newsletter-subscribe'] }).markdown).toBe('{{< newsletter-subscribe >}}');
  });
});

describe('sanitizeEntry: bounded work', () => {
  it.each([
    ['2,000 nested quotes', '>'.repeat(2000) + ' x', /nests quotes or lists more than 32 deep/],
    ['10,000 nested list markers', '- '.repeat(10_000) + 'x', /longer than 8,000 characters/],
    ['100 KB of a_', 'a_'.repeat(50_000), /longer than 8,000 characters \(100,000\)/],
    ['10,000 nested brackets', '['.repeat(10_000) + ']'.repeat(10_000), /longer than 8,000/],
    ['1 MB', 'x [y](javascript:1) '.repeat(50_000), /longer than 8,000/],
  ])('%s: plain text with a notice, nothing dropped, nothing live', (_name, input, reason) => {
    const result = sanitizeEntry(input);
    expect(result.plain).toBe(true);
    expect(result.notices).toEqual([expect.stringMatching(reason)]);
    expect(unescapePlain(result.markdown)).toBe(input.replace(/\r\n?/g, '\n'));
    if (input.length < 30_000) expect(unsafeFindings(result.markdown)).toEqual([]);
  });

  it('estimates nesting without parsing, never under the real depth', () => {
    expect(nestingDepth('> > - 1. x')).toBe(4 + 2); // four markers, and the spaces between them count too
    expect(nestingDepth('- a\n  - b\n    - c')).toBe(3);
    expect(nestingDepth('plain\ntext')).toBe(0);
    expect(boundsProblem('> '.repeat(40) + 'x')).toMatch(/more than 32 deep/);
  });

  it('escaped plain text reads as itself', () => {
    const text = '# h\n- [x](javascript:1) <b> ![i](x) *e* {{< s >}} 1. & `c` | ~ \\ www.a.org\\<x:y> &#91; &lt;';
    expect(unescapePlain(escapePlainText(text))).toBe(text);
    expect(unsafeFindings(escapePlainText(text))).toEqual([]);
  });
});

describe('linkTargetProblem', () => {
  it.each([
    ['https://example.org', null],
    ['HTTP://EXAMPLE.ORG', null],
    ['xmpp:room@muc.example?join', null],
    ['mailto:a@b.example', null],
    ['/extensions/xep-0384.html', null],
    ['#help', null],
    ['javascript:alert(1)', 'a javascript: link'],
    [' \tJava\nScript:alert(1)', 'a javascript: link'],
    ['data:text/html,x', 'a data: link'],
    ['//evil.example', 'a link to "//evil.example" (only web, xmpp:, mailto: and the site\'s own /… links are kept)'],
    ['/\\evil.example', expect.stringMatching(/^a link to/)],
    ['', 'a link without a target'],
  ])('%j', (url, problem) => {
    expect(linkTargetProblem(url)).toEqual(problem);
  });
});

describe('verifyDraft', () => {
  const front = '---\ntitle: t\ndate: 2023-11-05\n---\n\n';

  it('finds nothing in a clean draft', () => {
    expect(verifyDraft(`${front}## A\n\n- [x](https://a.example) {{< newsletter-subscribe >}}\n`, { allowedShortcodes: ['newsletter-subscribe'] })).toEqual([]);
  });

  it('lists every violation with its line, front matter counted', () => {
    const draft = `${front}## A\n\n- [x](javascript:1)\n- ![i](https://b.example/p.png)\n- <b>x</b>\n\n[de]: https://evil.example\n\n{{< figure src="/x.png" >}}\n{{< youtube x >}}\n`;
    const found = verifyDraft(draft, { allowedShortcodes: ['figure'], mediaPath: '/images/' });
    expect(found.map((v) => [v.kind, v.line])).toEqual([
      ['unsafe-link', 8],
      ['image', 9],
      ['html', 10],
      ['html', 10],
      ['definition', 12],
      ['shortcode', 14],
      ['shortcode', 15],
    ]);
    expect(found.find((v) => v.line === 14)?.detail).toMatch(/figure "\/x\.png" is not under \/images\//);
  });

  it('reads on past a code block left open, as Hugo does', () => {
    const draft = `${front}## A\n\n\`\`\`\n## not a heading\n- [x](javascript:1)\n\`\`\`\n\n## B\n\n- [y](javascript:2)\n`;
    expect(verifyDraft(draft).map((v) => v.line)).toEqual([15]);
  });

  it('does not overflow on deep nesting', () => {
    expect(verifyDraft(`${front}${'>'.repeat(5000)} x`)[0]?.kind).toBe('unchecked');
  });
});

describe('figureShortcode', () => {
  it('builds a figure from the media path, its caption escaped', () => {
    expect(figureShortcode({ src: '/images/newsletter/2023-11-05/certwatch-logo.svg', caption: 'CertWatch Logo' }, '/images/newsletter/')).toBe(
      '{{< figure src="/images/newsletter/2023-11-05/certwatch-logo.svg" caption="CertWatch Logo" >}}',
    );
    expect(figureShortcode({ src: '/images/newsletter/a.png', caption: 'a "b" >}} <b>x</b> [l](javascript:1) \\ {{<' }, '/images/newsletter')).toBe(
      '{{< figure src="/images/newsletter/a.png" caption="a &#34;b&#34; &#62;&#125;&#125; &#60;b&#62;x&#60;/b&#62; &#91;l&#93;(javascript:1) &#92; &#123;&#123;&#60;" >}}',
    );
  });

  it('keeps ordinary punctuation readable, escapes what could open a list', () => {
    expect(figureShortcode({ src: '/images/newsletter/m.png', caption: 'Movim 0.28 (Tempel): the new call flow, it’s here.' }, '/images/')).toBe(
      '{{< figure src="/images/newsletter/m.png" caption="Movim 0.28 (Tempel): the new call flow, it’s here." >}}',
    );
    expect(figureShortcode({ src: '/images/m.png', caption: '- a', alt: '1. b' }, '/images/')).toBe('{{< figure src="/images/m.png" caption="&#45; a" alt="1&#46; b" >}}');
  });

  it.each([
    'https://beacon.example/pixel.png',
    '//beacon.example/p.png',
    '/images/other/a.png',
    '/images/newsletter/../../etc/passwd',
    '/images/newsletter/%2e%2e/x.png',
    '/images/newsletter/a.png" onerror="x',
    '/images/newsletter/',
  ])('refuses %j', (src) => {
    expect(() => figureShortcode({ src, caption: 'x' }, '/images/newsletter/')).toThrow(FigureError);
  });

  it.skipIf(skipWithoutHugo)('Hugo shows a hostile caption as text', () => {
    const shortcode = figureShortcode({ src: '/images/newsletter/a.png', caption: 'a "b" >}} <b>x</b> [l](javascript:1) *e* {{< y >}}' }, '/images/newsletter/');
    const html = buildWithHugo({ f: `---\ntitle: t\n---\n\n${shortcode}\n` }, { unsafeHtml: true }).pages.f ?? '';
    expect(html).toContain('<img src="/images/newsletter/a.png"');
    expect(html).not.toMatch(/<b>|href=|<em>/);
    expect(html).toContain('<p>a &quot;b&quot; &gt;}} &lt;b&gt;x&lt;/b&gt; [l](javascript:1) *e* {{&lt; y &gt;}}</p>');
  });
});
