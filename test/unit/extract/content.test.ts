import { describe, expect, it } from 'vitest';
import { extractContent, selectionToMarkdown } from '../../../utils/extract/content';
import { toIsoDuration } from '../../../utils/adapters/video/read';
import { domFrom } from './load-fixture';

describe('extractContent limits', () => {
  it('does not run Readability on a huge page and still returns its beginning', () => {
    const rows = Array.from({ length: 16_000 }, (_, i) => `<p><span>Row ${i} of the log.</span></p>`).join('');
    const doc = domFrom(`<html><body><main><h1>Server log</h1>${rows}</main></body></html>`);
    const result = extractContent(doc, 'https://example.org/log');
    expect(result.fromReadability).toBe(false);
    expect(result.markdown.startsWith('# Server log\n\nRow 0 of the log.')).toBe(true);
    // The fallback stops after its text budget instead of converting all 16,000 rows.
    expect(result.markdown).not.toContain('Row 15999 of the log.');
  });

  it('counts only visible text: 400,000 characters of inline <style> and <script> do not make a page huge', () => {
    const css = `.a{color:red}`.repeat(30_000);
    const js = `var x=1;`.repeat(20_000);
    const article = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of a normal article about running a chat server at home, long enough to read as prose.</p>`).join('');
    const doc = domFrom(`<html><head><title>Post</title></head><body><style>${css}</style><script>${js}</script>
      <nav><a href="/">Home</a></nav><article><h1>Post</h1>${article}</article><template>${'<p>t</p>'.repeat(10)}</template></body></html>`);
    expect((doc.body.textContent ?? '').length).toBeGreaterThan(300_000);
    const result = extractContent(doc, 'https://example.org/post');
    expect(result.fromReadability).toBe(true);
    expect(result.markdown).toContain('Paragraph 5 of a normal article');
    expect(result.markdown).not.toContain('Home');
  });

  it('honours <base href> for relative links', () => {
    const doc = domFrom('<html><head><base href="https://cdn.example/docs/"></head><body><article><p>See <a href="guide.html">the guide</a>.</p></article></body></html>', 'https://example.org/a/b');
    expect(extractContent(doc, 'https://example.org/a/b').markdown).toContain('[the guide](https://cdn.example/docs/guide.html)');
  });

  it('drops scripts, forms and javascript: links but keeps their text', () => {
    const doc = domFrom(`<html><body><main><p>Read <a href="javascript:void(0)">this</a> now.</p>
      <script>alert(1)</script><form><input value="x"><button>Subscribe</button></form><noscript>Enable JS</noscript></main></body></html>`);
    const md = extractContent(doc, 'https://example.org/').markdown;
    expect(md).toBe('Read this now.');
  });
});

describe('selectionToMarkdown', () => {
  it('converts a selected element with absolute links and fenced code', () => {
    const doc = domFrom(`<div id="s"><p>Install with <a href="/docs/install">the installer</a>:</p>
      <div class="highlight highlight-source-python"><pre>import slixmpp</pre></div></div>`, 'https://example.org/blog/post');
    expect(selectionToMarkdown(doc.getElementById('s')!, 'https://example.org/blog/post')).toBe(
      'Install with [the installer](https://example.org/docs/install):\n\n```python\nimport slixmpp\n```',
    );
  });
});

describe('toIsoDuration', () => {
  it('keeps ISO durations and converts seconds', () => {
    expect(toIsoDuration('PT24M37S')).toBe('PT24M37S');
    expect(toIsoDuration('1477')).toBe('PT24M37S');
    expect(toIsoDuration('3600')).toBe('PT1H');
    expect(toIsoDuration('soon')).toBeNull();
  });
});

describe('Markdown details a clipped article keeps', () => {
  it('drops Turndown\'s line-start escapes in mid-line text but keeps them where a line starts and in code', () => {
    const doc = domFrom(`<html><body><article><h1>Post</h1>
      <p>Wir betreiben einen <a href="https://snikket.org/">Snikket</a>-Server und 2024. war gut, das ist ein langer Absatz mit viel Text darin, damit Readability ihn als Artikel erkennt und nicht als Menü.</p>
      <p>- not a list item, a dash at the start</p>
      <pre><code>a\\-b -c</code></pre></article></body></html>`);
    const md = extractContent(doc, 'https://example.org/post').markdown;
    expect(md).toContain('[Snikket](https://snikket.org/)-Server');
    expect(md).toContain('\\- not a list item');
    expect(md).toContain('a\\-b -c');
  });

  it('keeps the code language Medium marks on a span inside <pre>', () => {
    const html = '<pre><span data-code-block-lang="bash">gajim --show-omemo-fingerprints</span></pre>';
    expect(selectionToMarkdown(domFrom(`<html><body><div>${html}</div></body></html>`).querySelector('div')!, 'https://example.org/')).toBe(
      '```bash\ngajim --show-omemo-fingerprints\n```',
    );
  });
});
