import { describe, expect, it } from 'vitest';
import { NO_CONTRIBUTORS } from '../../../utils/export/contributors';
import { renderDraft } from '../../../utils/export/draft';
import { draftFileName } from '../../../utils/export/publish';
import type { NewsItem } from '../../../utils/model/item';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { headingTree, makeItem, sectionText } from './fixtures';

const preset = xmppNewsletter;
const draftOf = (items: NewsItem[], issue = '2023-10') => renderDraft({ preset, issue, items });

describe('renderDraft: which sections appear', () => {
  const empty = draftOf([]);

  it('shows every non-optional collected section with its placeholder in an empty month', () => {
    for (const section of preset.sections) {
      if (section.kind !== 'collected' || section.optional) continue;
      const heading = `${'#'.repeat(section.level)} ${section.heading}`;
      expect(sectionText(empty, heading), heading).toContain(section.placeholder ?? '');
      expect(section.placeholder, section.id).toBeTruthy();
    }
    expect(sectionText(empty, '## XMPP Events')).toBe('- No events this month.');
    expect(sectionText(empty, '### Servers')).toBe('- No server news this month.');
  });

  it('leaves optional sections out entirely when they have no items', () => {
    const headings = headingTree(empty).map(([, text]) => text);
    expect(headings).not.toContain('XSF Announcements');
    expect(headings).not.toContain('Videos');
    expect(headings).toContain('Software News'); // its subsections are not optional
    expect(headings.slice(0, 3)).toEqual(['XMPP Events', 'Articles', 'Software News']);
  });

  it('shows an optional section as soon as it has an item', () => {
    const draft = draftOf([makeItem({ section: 'videos', entry: '[XMPP in 100 seconds](https://www.youtube.com/watch?v=abc)' })]);
    expect(sectionText(draft, '## Videos')).toBe('- [XMPP in 100 seconds](https://www.youtube.com/watch?v=abc)');
  });

  it('drops a container whose subsections are all left out, keeps it when one has items', () => {
    const optionalSoftware: NewsletterPreset = {
      ...preset,
      sections: preset.sections.map((s) =>
        ['clients', 'servers', 'libraries'].includes(s.id) ? { ...s, optional: true } : s,
      ),
    };
    const none = renderDraft({ preset: optionalSoftware, issue: '2023-10', items: [] });
    expect(none).not.toContain('## Software News');
    expect(none).toContain('## Articles\n\n- No articles this month.\n\n## Extensions and specifications');

    const one = renderDraft({ preset: optionalSoftware, issue: '2023-10', items: [makeItem({ section: 'servers', entry: 'Prosody 0.12.4' })] });
    expect(one).toContain('## Software News\n\n### Servers\n\n- Prosody 0.12.4\n\n## Extensions');
  });

  it('marks a month without contributors visibly', () => {
    expect(empty).toContain(`  - General contributors: **${NO_CONTRIBUTORS}**`);
  });
});

describe('renderDraft: which items', () => {
  it('leaves out deleted, excluded, other-month and other-newsletter items; drafts count', () => {
    const items = [
      makeItem({ entry: 'kept ready' }),
      makeItem({ entry: 'kept draft', status: 'draft' }),
      makeItem({ entry: 'gone deleted', deletedAt: '2023-10-20T00:00:00.000Z' }),
      makeItem({ entry: 'gone excluded', status: 'excluded' }),
      makeItem({ entry: 'gone september', issue: '2023-09' }),
      makeItem({ entry: 'gone other newsletter', newsletter: 'other' }),
    ];
    const articles = sectionText(draftOf(items), '## Articles');
    expect(articles).toBe('- kept ready\n- kept draft');
    expect(draftOf(items)).not.toContain('gone');
  });

  it('files items of an unknown or non-collected section under the default section', () => {
    const draft = draftOf([
      makeItem({ section: 'removed-section', entry: 'from a removed section', position: 0 }),
      makeItem({ section: 'software', entry: 'filed on the container', position: 1 }),
    ]);
    expect(preset.defaultSection).toBe('articles');
    expect(sectionText(draft, '## Articles')).toBe('- from a removed section\n- filed on the container');
  });

  it('orders by position, then creation time, then id, whatever the input order', () => {
    const items = [
      makeItem({ entry: 'third', position: 2, createdAt: '2023-10-01T00:00:00.000Z' }),
      makeItem({ entry: 'second (same position, later)', position: 1, createdAt: '2023-10-09T00:00:00.000Z' }),
      makeItem({ entry: 'first', position: 0, createdAt: '2023-10-30T00:00:00.000Z' }),
      makeItem({ entry: 'second (same position, earlier)', position: 1, createdAt: '2023-10-05T00:00:00.000Z' }),
      makeItem({ id: 'ffff', entry: 'tie b', position: 5, createdAt: '2023-10-05T00:00:00.000Z' }),
      makeItem({ id: 'aaaa', entry: 'tie a', position: 5, createdAt: '2023-10-05T00:00:00.000Z' }),
    ];
    const expected = [
      '- first',
      '- second (same position, earlier)',
      '- second (same position, later)',
      '- third',
      '- tie a',
      '- tie b',
    ].join('\n');
    expect(sectionText(draftOf(items), '## Articles')).toBe(expected);
    expect(sectionText(draftOf([...items].reverse()), '## Articles')).toBe(expected);
  });

  it('lists contributors of included items once, sorted case-insensitively', () => {
    const draft = draftOf([
      makeItem({ contributor: 'melvo' }),
      makeItem({ contributor: 'Arne' }),
      makeItem({ contributor: ' emus ' }),
      makeItem({ contributor: 'emus' }),
      makeItem({ contributor: '' }),
      makeItem({ contributor: '{year}' }),
      makeItem({ contributor: 'Zed (excluded)', status: 'excluded' }),
    ]);
    // Punctuation sorts before letters; "{year}" is not expanded.
    expect(draft).toContain('  - General contributors: **{year}, Arne, emus, melvo**');
  });

  it('shows an item with an empty entry as a link to its page', () => {
    const draft = draftOf([makeItem({ entry: '  \n', title: 'Snikket server 2023.10', url: 'https://snikket.org/blog/2023-10-release/' })]);
    expect(sectionText(draft, '## Articles')).toBe('- [Snikket server 2023.10](https://snikket.org/blog/2023-10-release/)');
  });
});

describe('renderDraft: entries stay inside their bullet', () => {
  it('indents multi-line entries under their bullet', () => {
    const draft = draftOf([makeItem({ entry: 'Attack on an XMPP server:\n- [jmp.chat on CertWatch](https://blog.jmp.chat/b/certwatch)\n- [snikket.org on the MITM](https://snikket.org/blog/on-the-jabber-ru-mitm/)' })]);
    expect(sectionText(draft, '## Articles')).toBe(
      '- Attack on an XMPP server:\n  - [jmp.chat on CertWatch](https://blog.jmp.chat/b/certwatch)\n  - [snikket.org on the MITM](https://snikket.org/blog/on-the-jabber-ru-mitm/)',
    );
  });

  it('gives hostile entries no line at column 0 beyond their own "- " and no heading, rule or shortcode', () => {
    const hostile = [
      '---',
      '# x',
      '{{< x >}}',
      'title: pwned',
      'Looks fine\n# heading\n---\ntitle: injected\n{{% y %}}\n## Software News',
      'Setext\n===',
      'Two\r\n---\r\n# crlf heading',
      'Lone CR\r# cr heading',
    ];
    const items = hostile.map((entry, i) => makeItem({ entry, position: i }));
    const base = new Set(draftOf([]).split('\n'));
    const draft = draftOf(items);
    const lines = draft.split('\n');

    const articles = (sectionText(draft, '## Articles') ?? '').split('\n');
    const bulletStarts = articles.filter((l) => l.startsWith('- '));
    expect(bulletStarts).toHaveLength(hostile.length);
    // Every other column-0 line is the draft's own structure.
    const foreign = lines.filter((l) => l !== '' && !/^\s/.test(l) && !base.has(l) && !bulletStarts.includes(l));
    expect(foreign).toEqual([]);
    // Nothing inside a bullet opens a heading, a rule/underline or a shortcode.
    for (const line of articles) {
      const text = line.replace(/^(- | +)/, '');
      expect(text, line).not.toMatch(/^(#{1,6}(\s|$)|-{3,}\s*$|=+\s*$|\{\{[<%])/);
    }
    // The structure around them is intact.
    expect(headingTree(draft)).toEqual(headingTree(draftOf([makeItem()])));
    expect(lines.filter((l) => l === '---')).toHaveLength(2);
    expect(draft.match(/\{\{[<%]/g)).toEqual(['{{<']); // only {{< newsletter-subscribe >}}
  });
});

describe('renderDraft: dates, names and scale', () => {
  it('dates the issue on the preset’s publish day of the following month, or as given', () => {
    expect(draftOf([], '2023-12')).toMatch(/^---\ntitle: The XMPP Newsletter December 2023\ndate: 2024-01-05\n/);
    expect(renderDraft({ preset, issue: '2023-10', items: [], publishDate: '2023-11-07' })).toContain('\ndate: 2023-11-07\n');
  });

  it('refuses a publish date that is not YYYY-MM-DD (it goes into YAML as is)', () => {
    expect(() => renderDraft({ preset, issue: '2023-10', items: [], publishDate: '2023-11-05\ndraft: true' })).toThrow(/publish date/);
    expect(() => renderDraft({ preset, issue: '2023-13', items: [] })).toThrow();
  });

  it('names the file like xsf/xmpp.org does', () => {
    expect(draftFileName(preset, '2023-10')).toBe('2023-11-05-newsletter.md');
    expect(draftFileName(preset, '2024-12')).toBe('2025-01-05-newsletter.md');
    expect(draftFileName(preset, '2023-10', '2023-11-07')).toBe('2023-11-07-newsletter.md');
  });

  it.each([1_000, 10_000])('renders %i items, each exactly once, in the right sections', (count) => {
    const sections = ['events', 'articles', 'clients', 'servers', 'libraries', 'xep-updated'];
    const items: NewsItem[] = [];
    for (let i = 0; i < count; i++) {
      items.push(makeItem({ section: sections[i % sections.length], position: count - i, entry: `Entry #${i} [link](https://example.org/${i})\n  - detail ${i}` }));
    }
    const draft = draftOf(items);
    const bullets = draft.split('\n').filter((l) => l.startsWith('- Entry #'));
    expect(bullets).toHaveLength(count);
    expect(new Set(bullets).size).toBe(count);
    expect(draft.split('\n').filter((l) => l.startsWith('  - detail '))).toHaveLength(count);
    // Positions run backwards, so the last client item generated leads its section.
    let lastClient = count - 1;
    while (lastClient % sections.length !== sections.indexOf('clients')) lastClient--;
    expect(sectionText(draft, '### Clients and Applications')?.startsWith(`- Entry #${lastClient} `)).toBe(true);
  });
});
