import { describe, expect, it } from 'vitest';
import { firstLink, parseIssue } from '../../../utils/archive/parse';

describe('reading an issue as blocks', () => {
  it('reads front matter, the preamble, headings, lists with nested and lazy lines, paragraphs and figures', () => {
    const issue = parseIssue(
      [
        '---',
        'title: The XMPP Newsletter March 2026',
        'date: 2026-04-05',
        `summary: "In this issue: \\"quoted\\" news"`,
        '---',
        '',
        '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="XMPP Newsletter Banner" >}}',
        '',
        'Welcome!',
        '',
        '## XMPP Events',
        '',
        '- [Sprint](https://wiki.example/sprint) (DE / EN): in Berlin.',
        '- FOSSY: in August.',
        'Once again, JMP funds speakers.',
        '',
        '### XMPP Clients and Applications',
        '',
        '- [Gajim](https://gajim.org/) has released version [2.4.5](https://gajim.org/p) of its chat app.',
        '',
        '{{< figure src="/images/newsletter/2026-04-05/gajim.png" caption="Gajim automatic timezone updates" >}}',
        '',
        '- Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)',
        '  - Update the example. (mye)',
        '',
        'Ignite Realtime community:',
        '  - [Hazelcast plugin](https://igniterealtime.org/h) version 3.0.0 has been released.',
      ].join('\n'),
    );
    expect(issue.frontMatter?.fields).toMatchObject({ title: 'The XMPP Newsletter March 2026', date: '2026-04-05', summary: 'In this issue: "quoted" news' });
    expect(issue.preamble.map((b) => b.kind)).toEqual(['figure', 'paragraph']);
    expect(issue.headings.map((h) => [h.level, h.text])).toEqual([
      [2, 'XMPP Events'],
      [3, 'XMPP Clients and Applications'],
    ]);
    const [events, clients] = issue.headings;
    expect(events!.blocks).toEqual([
      { kind: 'list', items: ['[Sprint](https://wiki.example/sprint) (DE / EN): in Berlin.', 'FOSSY: in August.\nOnce again, JMP funds speakers.'], raw: expect.any(String) },
    ]);
    expect(clients!.blocks.map((b) => b.kind)).toEqual(['list', 'figure', 'list', 'paragraph']);
    expect(clients!.blocks[1]).toMatchObject({ kind: 'figure', src: '/images/newsletter/2026-04-05/gajim.png', caption: 'Gajim automatic timezone updates' });
    expect(clients!.blocks[2]).toMatchObject({ items: ['Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - Update the example. (mye)'] });
    expect(clients!.blocks[3]).toEqual({ kind: 'paragraph', text: 'Ignite Realtime community:\n  - [Hazelcast plugin](https://igniterealtime.org/h) version 3.0.0 has been released.' });
  });

  it('finds an entry’s first link, escaped brackets included', () => {
    expect(firstLink('The [Ignite \\[IR\\] community](https://igniterealtime.org/) is happy')).toEqual({ label: 'Ignite [IR] community', url: 'https://igniterealtime.org/' });
    expect(firstLink('no link here')).toBeNull();
  });
});
