import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createSafeMarkdown } from '../../../components/desk/safe-markdown';

const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://newsdesk/desk.html' });
const renderer = createSafeMarkdown(window as unknown as Window);

function render(markdown: string): HTMLElement {
  const host = window.document.createElement('div');
  host.innerHTML = renderer.toHtml(markdown);
  return host;
}

// Classic XSS vectors (OWASP filter evasion cheat sheet, DOMPurify's test suite), as they could
// arrive in a clipped page's title, selection or a contributor's backup.
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<form action="https://evil.example/"><input name=q><button>go</button></form>',
  '<style>body{display:none}</style>',
  '<div style="background:url(https://evil.example/track.png)">styled</div>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](  javascript:alert(1) )',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](<javascript:alert(1)>)',
  '![tracker](https://evil.example/pixel.gif)',
  '![x](x "onerror=alert(1)")',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<a href="https://ok.example/" onclick="alert(1)" onmouseover="alert(1)">ok</a>',
  '<p title="x" id="evil" class="evil" data-x="1" aria-label="y">attrs</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><img src=x onerror=alert(1)></template>',
  '`<img src=x onerror=alert(1)>` in code is only text',
  '**bold <img src=x onerror=alert(1)>**',
  '[link](https://ok.example/ "title\\" onmouseover=\\"alert(1)")',
];

const FORBIDDEN_TAGS = 'script, iframe, frame, object, embed, form, input, button, textarea, select, style, link, meta, base, img, svg, math, video, audio, source, details, template, noscript, body';

describe('safe Markdown preview', () => {
  it.each(PAYLOADS)('renders %s inert', (payload) => {
    const host = render(`Before ${payload} after`);
    expect(host.querySelectorAll(FORBIDDEN_TAGS)).toHaveLength(0);
    for (const element of host.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(['href', 'title', 'target', 'rel']).toContain(attribute.name);
      }
      const href = element.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(?:https?:|mailto:|#)/i);
    }
  });

  it('keeps no executable code in any payload, all at once', () => {
    const host = render(PAYLOADS.join('\n\n'));
    expect(host.querySelectorAll(FORBIDDEN_TAGS)).toHaveLength(0);
    expect([...host.querySelectorAll('[href]')].map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining(['https://ok.example/']),
    );
    expect([...host.querySelectorAll('[href]')].every((a) => /^(?:https?:|mailto:|#)/i.test(a.getAttribute('href') ?? ''))).toBe(true);
  });

  it('shows raw HTML in an entry as text, so the editor sees what was clipped', () => {
    const host = render('Look: <img src=x onerror=alert(1)> here');
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(host.querySelector('img')).toBeNull();
  });

  it('turns an image into a plain link: the preview fetches nothing', () => {
    const host = render('![Screenshot](https://cdn.example/shot.png)');
    expect(host.querySelector('img')).toBeNull();
    const link = host.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://cdn.example/shot.png');
    expect(link?.textContent).toBe('image: Screenshot');
  });

  it('renders the entry Markdown an editor writes: links, emphasis, code and nested bullets', () => {
    const host = render(
      '[Gajim 1.8.2](https://gajim.org/post/1/) has been **released**, with `/nick` support.\n  - Better gateways\n  - Mail: <mailto:team@gajim.org>',
    );
    const link = host.querySelector('a[href="https://gajim.org/post/1/"]');
    expect(link?.textContent).toBe('Gajim 1.8.2');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(host.querySelector('strong')?.textContent).toBe('released');
    expect(host.querySelector('code')?.textContent).toBe('/nick');
    expect(host.querySelectorAll('li')).toHaveLength(2);
    expect(host.querySelector('a[href="mailto:team@gajim.org"]')).not.toBeNull();
  });

  it('links within the page (#fragment) stay links', () => {
    expect(render('[at the bottom](#help-us-to-build-the-newsletter)').querySelector('a')?.getAttribute('href')).toBe(
      '#help-us-to-build-the-newsletter',
    );
  });
});

describe('bounded preview work (issue 10, defect 10)', () => {
  it.each([
    ['2,000 nested quotes', `${'>'.repeat(2000)} x`, 'Shown as plain text: quotes or lists nest more than 32 deep.'],
    ['5,000 nested list markers', `${'- '.repeat(5000)}x`, 'Preview of the first 2,000 of 10,001 characters.'],
    ['100 KB of "a_"', 'a_'.repeat(50_000), 'Preview of the first 2,000 of 100,000 characters.'],
    ['1,000 emphasis runs', '*a'.repeat(1000), 'Shown as plain text: more than 400 emphasis marks (*, _, ~) to preview.'],
  ])('%s: renders without throwing, and says what it left out', (_name, markdown, note) => {
    const host = render(markdown);
    expect(host.textContent).toContain(note);
    expect(host.querySelectorAll(FORBIDDEN_TAGS)).toHaveLength(0);
  });

  it('previews an ordinary entry whole, with nothing added', () => {
    const host = render('[Gajim](https://gajim.org) *released*');
    expect(host.textContent).toBe('Gajim released\n');
  });
});
