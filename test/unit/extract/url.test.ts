import { describe, expect, it } from 'vitest';
import { absoluteUrl, canonicalUrl } from '../../../utils/extract/url';

describe('canonicalUrl', () => {
  it('drops campaign and click-id parameters but keeps the others in order', () => {
    expect(canonicalUrl('https://blog.example/post?b=2&utm_source=rss&a=1&fbclid=XYZ&utm_medium=feed&gclid=1&mc_eid=9'))
      .toBe('https://blog.example/post?b=2&a=1');
  });

  it('removes the fragment, the default port and an empty query; lower-cases the host', () => {
    expect(canonicalUrl('HTTPS://Blog.Example:443/Post/?utm_campaign=x#comments')).toBe('https://blog.example/Post/');
    expect(canonicalUrl('http://blog.example:80/a?')).toBe('http://blog.example/a');
    expect(canonicalUrl('http://blog.example:8080/a')).toBe('http://blog.example:8080/a');
  });

  it('keeps what identifies a YouTube video but not its share tracking', () => {
    expect(canonicalUrl('https://www.youtube.com/watch?v=Xy7Q3ZpLw1s&list=PL123&si=abc&feature=shared'))
      .toBe('https://www.youtube.com/watch?v=Xy7Q3ZpLw1s&list=PL123');
    expect(canonicalUrl('https://youtu.be/Xy7Q3ZpLw1s?si=abc')).toBe('https://youtu.be/Xy7Q3ZpLw1s');
  });

  it('does not strip "si" or "feature" on other sites, where they may select content', () => {
    expect(canonicalUrl('https://shop.example/list?feature=dark&si=3')).toBe('https://shop.example/list?feature=dark&si=3');
  });

  it('strips ref and ref_src share markers', () => {
    expect(canonicalUrl('https://news.example/a?id=7&ref=hn&ref_src=twsrc')).toBe('https://news.example/a?id=7');
  });

  it('resolves against a base', () => {
    expect(canonicalUrl('../b?utm_source=x', 'https://example.org/dir/sub/page')).toBe('https://example.org/dir/b');
  });

  it('returns the input when it is not a URL', () => {
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});

describe('absoluteUrl', () => {
  it('resolves relative, protocol-relative and absolute links', () => {
    expect(absoluteUrl('/img/a.png', 'https://gajim.org/post/x/')).toBe('https://gajim.org/img/a.png');
    expect(absoluteUrl('//cdn.example/a.js', 'https://gajim.org/')).toBe('https://cdn.example/a.js');
    expect(absoluteUrl('https://other.example/', 'https://gajim.org/')).toBe('https://other.example/');
  });

  it('is null for empty or unparseable input', () => {
    expect(absoluteUrl('   ', 'https://gajim.org/')).toBeNull();
    expect(absoluteUrl('http://[bad', 'https://gajim.org/')).toBeNull();
  });
});
