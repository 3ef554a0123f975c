import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../utils/extract/content';
import { safeCapture, type ExtractResult } from '../../../utils/extract/page';
import { writeFigures } from './report';

/**
 * Hostile and broken pages through the real extractor on jsdom: each gives a good clip or a
 * plain-words failure (which the background turns into a title+URL clip); none throws or hangs.
 * Chromium runs the same pages in test/browser/hostile-pages.test.ts.
 */

const URL_ = 'https://hostile.example/post/1';
const tried: Record<string, number> = {};
const slowest: Record<string, number> = {};

function extract(family: string, html: string, setup?: (dom: JSDOM) => void, options: { runScripts?: 'outside-only' } = {}): ExtractResult {
  // A silent console: fuzzed <style> soup makes jsdom print CSS parse errors.
  const dom = new JSDOM(html, { url: URL_, virtualConsole: new VirtualConsole(), ...options });
  setup?.(dom);
  const started = performance.now();
  const result = safeCapture(dom.window.document, { url: URL_ });
  const ms = performance.now() - started;
  tried[family] = (tried[family] ?? 0) + 1;
  slowest[family] = Math.max(slowest[family] ?? 0, Math.round(ms));
  // jsdom's teardown recurses per level and crawls on the 10,000-level page: leave that one to GC.
  if (family !== 'deep nesting') {
    try {
      dom.window.close();
    } catch {
      // jsdom's teardown trips over some fuzzed frames (an <iframe> inside <math>); not ours.
    }
  }
  return result;
}

/** Either a clip with a title and bounded content, or a sentence saying why not. */
function expectGoodOrPlain(result: ExtractResult, maxMarkdown = 2_500_000): void {
  if (result.ok) {
    expect(result.capture.title.trim()).not.toBe('');
    expect(result.capture.canonicalUrl).toMatch(/^https:\/\/hostile\.example\//);
    expect(result.capture.contentMarkdown.length).toBeLessThanOrEqual(maxMarkdown);
  } else {
    expect(result.error).toMatch(/^Could not read this page \(.+\)\.$/);
  }
}

describe('hostile and broken pages (Node, jsdom)', () => {
  afterAll(() => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    writeFigures('extract-node', {
      title: 'hostile pages through the extractor in Node (jsdom)',
      figures: { inputs: total, crashes: 0, slowestMs: Math.max(0, ...Object.values(slowest)) },
      inputs: { ...tried },
    });
    console.log(`hostile extraction (jsdom): ${total} inputs; per family ${JSON.stringify(tried)}; slowest ms ${JSON.stringify(slowest)}`);
  });

  it('malformed HTML still gives a titled clip', () => {
    const pages = [
      '<html><head><title>Broken <b>title</title></head><body><p>unclosed <div><span>text<table><tr><td>cell<p>para</body>',
      '<title>Nulls\u0000and\ufffdjunk</title><body>\u0000\u0001<p>text</p>',
      '<body><p title="unterminated>text</p><a href=">link</a><!-- unclosed comment',
      '</html></body><title>Backwards</title><html><p>reversed</p>',
      '<html><head><meta charset="nonsense"><meta property="og:title" content=""><base href="javascript:alert(1)"></head><body><h1>Heading only</h1></body>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><title>&e;</title><body>&e;&e;&e;</body>',
      '',
      '<frameset><frame src="a.html"></frameset>',
    ];
    for (const html of pages) {
      const result = extract('malformed HTML', html);
      expect(result.ok).toBe(true);
      expectGoodOrPlain(result);
    }
  });

  it('a 3,000-level nested page gives a clip (or a plain failure), without a stack overflow escaping', () => {
    // 10,000 levels run in Chromium (test/browser/hostile-pages.test.ts); in this worker jsdom
    // itself is quadratic to build such a tree and overflows the stack attaching it.
    for (const tag of ['div', 'blockquote']) {
      const result = extract('deep nesting', `<title>Deep ${tag}</title><body><p>After the tower, a paragraph.</p></body>`, (dom) => {
        const doc = dom.window.document;
        let parent: Element = doc.body;
        for (let i = 0; i < 3_000; i++) parent = parent.appendChild(doc.createElement(tag));
        parent.textContent = 'deep text';
      });
      expectGoodOrPlain(result);
      if (result.ok) expect(result.capture.contentMarkdown).toContain('deep text');
    }
  });

  it('tells a deep tree by one bounded walk (nestsDeeperThan)', () => {
    const doc = new JSDOM('<body><div><p>a</p><p><b>b</b></p></div><ul><li><i><u>x</u></i></li></ul></body>').window.document;
    expect(nestsDeeperThan(doc.body, 4)).toBe(false);
    expect(nestsDeeperThan(doc.body, 3)).toBe(true);
    expect(nestsDeeperThan(doc.createElement('div'), 0)).toBe(false);
  });

  it('a huge page (5 MB of text, 40,000 elements) is cut to a bounded clip', () => {
    const para = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20) + '</p>';
    const html = `<title>Huge</title><body><article>${para.repeat(4500)}</article>${'<span>x</span>'.repeat(40_000)}</body>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const result = extract('huge page', html);
    expect(result.ok).toBe(true);
    expectGoodOrPlain(result, 200_000);
  });

  it('a page whose scripts redefine DOM built-ins gives a clip or a plain failure, never a throw', () => {
    // Page scripts, run in the page's own realm (runScripts: 'outside-only'). JS built-ins there
    // are the page's, not ours (as in Chromium's isolated world); DOM prototypes are shared
    // with us in jsdom, which is harsher than a browser.
    const poisons: Array<[string, string]> = [
      ['querySelector returns null', 'document.querySelector = () => null; Element.prototype.querySelector = () => null;'],
      ['querySelectorAll throws', 'Document.prototype.querySelectorAll = Element.prototype.querySelectorAll = () => { throw new Error("poisoned"); };'],
      ['JSON.parse throws', 'JSON.parse = () => { throw new Error("poisoned JSON"); };'],
      ['Array.prototype.map/Array.from poisoned', 'Array.prototype.map = function () { return []; }; Array.from = () => []; Object.keys = () => [];'],
      ['textContent getter throws', 'Object.defineProperty(Node.prototype, "textContent", { get() { throw new Error("poisoned"); } });'],
      ['cloneNode returns garbage', 'Node.prototype.cloneNode = function () { return {}; };'],
      ['createTreeWalker removed', 'Document.prototype.createTreeWalker = undefined;'],
      ['getAttribute lies', 'Element.prototype.getAttribute = () => "javascript:alert(1)";'],
    ];
    const html = `<title>Poisoned page</title><script type="application/ld+json">{"@type":"BlogPosting","headline":"H"}</script><body><article><h1>Poisoned</h1><p>${'Some real text here. '.repeat(40)}</p></article></body>`;
    for (const [name, script] of poisons) {
      const result = extract('redefined built-ins', html, (dom) => dom.window.eval(script), { runScripts: 'outside-only' });
      expectGoodOrPlain(result);
      if (result.ok) expect(result.capture.url, name).toBe(URL_);
      // Our own realm is untouched: the next clean page still clips normally.
      expect(extract('redefined built-ins', html).ok, name).toBe(true);
    }
  });

  it('frames and shadow DOM: the light DOM text is clipped, nothing throws', () => {
    const html = `<title>Frames</title><body><article><p>${'Host page text. '.repeat(30)}</p><iframe srcdoc="<p>inside a frame</p><script>parent.x=1</script>"></iframe><iframe src="javascript:alert(1)"></iframe><div id="host"></div></article></body>`;
    const result = extract('frames and shadow DOM', html, (dom) => {
      const host = dom.window.document.getElementById('host')!;
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = '<p>shadow text</p><slot></slot>';
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.capture.contentMarkdown).toContain('Host page text.');
  });

  it('non-HTML documents served to the extractor (plain text, a feed, an SVG) give a titled clip', () => {
    const docs: Array<[string, string]> = [
      ['text/xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title><item><title>Post</title><link>https://hostile.example/p</link></item></channel></rss>'],
      ['application/xml', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed</title><entry><title>E</title></entry></feed>'],
      ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><title>Icon</title><script>alert(1)</script><circle r="4"/></svg>'],
    ];
    for (const [contentType, body] of docs) {
      const dom = new JSDOM(body, { url: URL_, contentType });
      const started = performance.now();
      const result = safeCapture(dom.window.document, { url: URL_ });
      tried['non-HTML documents'] = (tried['non-HTML documents'] ?? 0) + 1;
      slowest['non-HTML documents'] = Math.max(slowest['non-HTML documents'] ?? 0, Math.round(performance.now() - started));
      expectGoodOrPlain(result);
    }
    const text = extract('non-HTML documents', `<pre>${'plain text line\n'.repeat(100)}</pre>`);
    expectGoodOrPlain(text);
  });

  it('fuzz: generated HTML never makes the extractor throw; every clip has a title and bounded content', () => {
    const tag = fc.constantFrom('div', 'p', 'span', 'a', 'article', 'main', 'section', 'table', 'tr', 'td', 'ul', 'li', 'pre', 'code', 'h1', 'h2', 'script', 'style', 'template', 'svg', 'math', 'iframe', 'noscript', 'form', 'select', 'img', 'br', 'meta', 'title', 'base', 'nav', 'aside', 'header', 'footer', 'blockquote', 'dl', 'dt', 'dd', 'b', 'i');
    const attr = fc.tuple(
      fc.constantFrom('class', 'id', 'href', 'src', 'property', 'name', 'content', 'itemprop', 'rel', 'style', 'onerror', 'datetime', 'lang', 'role', 'hidden'),
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('javascript:alert(1)', 'og:title', 'author', 'article:published_time', 'canonical', 'cookie-banner', '2023-10-29', 'main', '"><script>')),
    );
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.lorem({ maxCount: 30 }), fc.constantFrom('&amp;', '&#0;', '<', ']]>', '<!--', '{{< x >}}'));
    const node: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? text
        : fc.oneof(
            text,
            fc.tuple(tag, fc.array(attr, { maxLength: 3 }), fc.array(node(n - 1), { maxLength: 4 }), fc.boolean()).map(
              ([t, attrs, kids, close]) => `<${t}${attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('')}>${kids.join('')}${close ? `</${t}>` : ''}`,
            ),
          ),
    );
    fc.assert(
      fc.property(fc.array(node(6), { maxLength: 8 }), fc.boolean(), (parts, withHead) => {
        const html = withHead ? `<head>${parts[0] ?? ''}</head><body>${parts.slice(1).join('')}</body>` : parts.join('');
        const result = extract('fuzzed HTML', html);
        expect(result.ok).toBe(true);
        expectGoodOrPlain(result, Math.max(1000, html.length * 4));
      }),
      { numRuns: Number(process.env.RELIABILITY_FUZZ_RUNS ?? 250) },
    );
  });
});
