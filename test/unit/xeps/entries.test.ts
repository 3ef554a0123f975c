import fc from 'fast-check';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import type { XepChange } from '../../../utils/xeps/changes';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { xepEntry } from '../../../utils/xeps/entries';
import type { RichLine } from '../../../utils/xeps/header';
import { renderLine } from '../../../utils/xeps/markdown';

const text = (t: string): RichLine => [{ kind: 'text', text: t }];

function change(over: Partial<XepChange>): XepChange {
  return {
    subsection: 'updated',
    number: '0461',
    title: 'Message Replies',
    abstract: text('This document defines a way to indicate that a message is a reply to a previous message.'),
    status: 'Experimental',
    previousStatus: 'Experimental',
    version: '0.2.1',
    revisions: [{ version: '0.2.1', date: '2026-02-25', initials: 'mye', remark: [text('Update the example to use the correct fallback namespace.')] }],
    lastCall: null,
    path: 'xep-0461.xml',
    protoName: null,
    commits: [{ sha: '31042b91'.padEnd(40, '0'), date: '2026-03-31T08:56:05Z', subject: 'XEP-0461: Update the example' }],
    ...over,
  };
}

describe('entries in the newsletter’s current form', () => {
  it('Updated: version, link, title, remark lines with the initials on the last', () => {
    expect(xepEntry(change({}), xmppNewsletter).markdown).toBe(
      'Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - Update the example to use the correct fallback namespace. (mye)',
    );
    const two = change({
      revisions: [
        { version: '0.3.0', date: null, initials: 'XEP Editor: dg', remark: [text('First point'), text('Second point')] },
        { version: '0.2.2', date: null, initials: 'xx', remark: [text('Earlier this month')] },
      ],
      version: '0.3.0',
    });
    // Two versions in a month: the latest, with its own remarks only (as in October 2025).
    expect(xepEntry(two, xmppNewsletter).markdown).toBe('Version 0.3.0 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - First point\n  - Second point (XEP Editor: dg)');
    expect(xepEntry(two, xmppNewsletter).heading).toBe('Updated');
  });

  it('Proposed, New, Last Call, status-only', () => {
    const proposed = change({ subsection: 'proposed', number: null, title: 'Explicit Mentions', protoName: 'explicit-mentions', abstract: text('This specification defines a way to explicitly mention a person or groups of people'), revisions: [], version: null });
    expect(xepEntry(proposed, xmppNewsletter).markdown).toBe('[Explicit Mentions](/extensions/inbox/explicit-mentions.html)\n  - This specification defines a way to explicitly mention a person or groups of people.');
    const fresh = change({ subsection: 'new', number: '0506', title: 'No-reply JIDs', version: '0.1.0', revisions: [{ version: '0.1.0', date: null, initials: 'dg', remark: [text('Accepted as Experimental by council vote')] }] });
    expect(xepEntry(fresh, xmppNewsletter).markdown).toBe('Version 0.1.0 of [XEP-0506](/extensions/xep-0506.html) (No-reply JIDs) has been released.\n  - Accepted as Experimental by council vote (dg)');
    const lastCall = xepEntry(change({ subsection: 'last-call', number: '0377', title: 'Blocking Command Reports', version: null, revisions: [], lastCall: { begins: '2026-03-31', ends: '2026-04-14' } }), xmppNewsletter);
    expect(lastCall.markdown).toBe(
      '[Last Call](https://mail.jabber.org/hyperkitty/search?mlist=standards%40xmpp.org&q=%22LAST%20CALL%3A%20XEP-0377%22) for comments on [XEP-0377](/extensions/xep-0377.html) (Blocking Command Reports)\n  - This Last Call begins on 2026-03-31 and shall end at the close of business on 2026-04-14.',
    );
    expect(lastCall.notes[0]).toMatch(/^Link the Last Call's own thread/);
    const rejected = xepEntry(change({ subsection: 'rejected', number: '0360', title: 'Nonzas (are not Stanzas)', version: null, revisions: [] }), xmppNewsletter);
    expect(rejected).toMatchObject({ heading: 'Rejected', markdown: '[XEP-0360](/extensions/xep-0360.html) (Nonzas (are not Stanzas))' });
  });

  it('remarks in the newsletter’s habits: quoted identifiers and elements as code, XEP and RFC mentions linked, references read back', () => {
    const line: RichLine = [
      { kind: 'text', text: "It's the 'key' attribute, not <secret/>; see XEP-0446, RFC 7628, XEP-0461 and pubsub#notify_config, 'Discover Nodes' stays. " },
      { kind: 'link', text: 'Stateless file sharing (XEP-0447)', url: 'https://xmpp.org/extensions/xep-0447.html' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'a page', url: 'https://example.org/x_(y)' },
    ];
    expect(renderLine(line, { self: '0461' })).toBe(
      "It's the `key` attribute, not `<secret/>`; see [XEP-0446](/extensions/xep-0446.html), [RFC 7628](https://datatracker.ietf.org/doc/html/rfc7628), XEP-0461 and `pubsub#notify_config`, 'Discover Nodes' stays. [XEP-0447](/extensions/xep-0447.html) (Stateless file sharing) and [a page](https://example.org/x_%28y%29)",
    );
  });

  it('hostile remarks stay text: no link, raw HTML, emphasis, shortcode or block of their own', () => {
    const hostile = [
      '[click](javascript:alert(1)) <script>alert(1)</script> {{< shortcode >}} {{% x %}}',
      '# not a heading',
      '1. not a list',
      '*bold* _em_ `tick` ~~strike~~ | pipe',
      '&lt; &amp;copy; \\',
    ];
    const entry = xepEntry(change({ title: 'Evil [title](http://x) {{< x >}}', version: '1.0.0"><b>', revisions: [{ version: '1.0.0"><b>', date: null, initials: ') <i>x</i>', remark: hostile.map(text) }] }), xmppNewsletter);
    const tokens = marked.lexer(`- ${entry.markdown}`);
    expect(kinds(tokens).filter((k) => ['html', 'em', 'strong', 'del', 'heading'].includes(k))).toEqual([]);
    // Element names and identifiers with a colon are code by the newsletter's habit; nothing else is.
    expect(codes(tokens)).toEqual(['javascript:alert', '<script>', '</script>']);
    // Only our own link; a bare URL may be autolinked (Hugo's Linkify does too) but shows itself.
    expect(links(tokens)).toEqual(['/extensions/xep-0461.html', 'http://x']);
    expect(entry.markdown).toContain('(Evil \\[title\\](http://x) &#123;{\\< x \\>}})');
    expect(entry.markdown).not.toMatch(/\{\{/);
    expect(entry.markdown.split('\n').slice(1).every((l) => l.startsWith('  - '))).toBe(true);
    expect(entry.markdown).toMatch(/^Version 1\.0\.0b of /);
  });

  it('property: any remark text renders without links, HTML or shortcodes it did not ask for', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).filter((s) => !/XEP-\d{4}|RFC ?\d{3}/.test(s)), (s) => {
        const md = renderLine(text(s));
        const tokens = marked.lexer(`- ${md}`);
        expect(links(tokens)).toEqual([]);
        expect(kinds(tokens)).not.toContain('html');
        expect(md).not.toMatch(/\{\{/);
        expect(md).not.toMatch(/\n/);
      }),
      { numRuns: 400 },
    );
  });
});

function walk(tokens: readonly Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    const nested = t as { tokens?: Token[]; items?: Token[] };
    if (nested.tokens) walk(nested.tokens, visit);
    if (nested.items) walk(nested.items, visit);
  }
}

function kinds(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  walk(tokens, (t) => out.push(t.type));
  return out;
}

function codes(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  walk(tokens, (t) => {
    if (t.type === 'codespan') out.push((t as { text: string }).text);
  });
  return out;
}

function links(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  walk(tokens, (t) => {
    if (t.type === 'link' || t.type === 'image') out.push((t as { href: string }).href);
  });
  return out;
}
