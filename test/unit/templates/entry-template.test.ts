import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplate, renderEntryTemplate, templateNames } from '../../../utils/templates/entry-template';

const RELEASE = '{projectLink} has released {versions}{?description} of its {description}{/description}.{?summary} {summary}{/summary}';

describe('entry templates', () => {
  it('writes the 2026 release form, leaving out what a release does not have', () => {
    const values = {
      projectLink: '[Gajim](https://gajim.org/)',
      versions: 'version [2.4.7](https://gajim.org/posts/2.4.7/)',
      description: 'free and fully featured chat app for XMPP',
      summary: 'This release brings reactions.',
    };
    expect(renderEntryTemplate(RELEASE, values)).toBe(
      '[Gajim](https://gajim.org/) has released version [2.4.7](https://gajim.org/posts/2.4.7/) of its free and fully featured chat app for XMPP. This release brings reactions.',
    );
    expect(renderEntryTemplate(RELEASE, { ...values, description: '', summary: null })).toBe(
      '[Gajim](https://gajim.org/) has released version [2.4.7](https://gajim.org/posts/2.4.7/).',
    );
  });

  it('supports negated parts and nesting, and keeps unknown names visible', () => {
    const t = '{title}{!url} (no link){/url}{?author}, by {author}{?site} for {site}{/site}{/author} {typo}';
    expect(renderEntryTemplate(t, { title: 'T', url: '', author: 'A', site: 'S' })).toBe('T (no link), by A for S {typo}');
    expect(renderEntryTemplate(t, { title: 'T', url: 'u', author: '', site: 'S' })).toBe('T {typo}');
    expect(templateNames(t).sort()).toEqual(['author', 'site', 'title', 'typo', 'url']);
  });

  it('refuses malformed templates in words', () => {
    expect(checkTemplate('{?a}x')).toMatch(/\{\?a\} is never closed/);
    expect(checkTemplate('{?a}{?b}{/a}{/b}')).toMatch(/\{\/a\} closes \{\?b\}/);
    expect(checkTemplate('x{/a}')).toMatch(/closes nothing/);
    expect(checkTemplate(RELEASE)).toBeNull();
  });

  it('never evaluates values: a value that looks like a token is printed as it is, prototype names are not looked up', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(renderEntryTemplate('[{a}]', { a: value })).toBe(`[${value}]`);
      }),
    );
    expect(renderEntryTemplate('{constructor}{?toString}x{/toString}', {})).toBe('{constructor}');
  });
});
