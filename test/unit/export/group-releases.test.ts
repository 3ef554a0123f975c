import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../../utils/export/draft';
import { compareVersions } from '../../../utils/export/group-releases';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { xmppNewsletter2023 } from '../../../utils/presets/xmpp-2023';
import { draftEntry } from '../../../utils/summarize/entry';
import { makeCapture } from '../../support/capture';
import { makeItem } from './fixtures';
import type { NewsItem } from '../../../utils/model/item';
import type { NewsletterPreset } from '../../../utils/presets/types';

/** A Conversations release clipped and drafted by `preset`, stored as the popup stores it. */
function release(version: string, preset: NewsletterPreset, position: number, edit?: (entry: string) => string): NewsItem {
  const url = `https://codeberg.org/iNPUTmice/Conversations/releases/tag/${version}`;
  const capture = makeCapture({
    url,
    title: version,
    siteName: 'Codeberg.org',
    description: null,
    contentMarkdown: `- Fix a crash in ${version}\n- Fix notifications\n`,
    release: { project: 'Conversations', version },
  });
  const drafted = draftEntry(capture, preset, 'clients', { projects: { conversations: { homepage: 'https://conversations.im/', description: 'Android XMPP client' } } });
  return makeItem({
    url,
    canonicalUrl: url,
    title: version,
    kind: 'release',
    release: { project: 'Conversations', version },
    newsletter: 'xmpp',
    issue: '2026-03',
    section: 'clients',
    position,
    entry: edit ? edit(drafted) : drafted,
    drafted,
  });
}

const clientsOf = (markdown: string) => markdown.slice(markdown.indexOf('### XMPP Clients and Applications'), markdown.indexOf('### XMPP Servers'));

describe('several releases of one project in a month', () => {
  it('are one entry: "has released versions [a](…), [b](…) and [c](…)", oldest first, with a notice', () => {
    const items = [release('2.19.14', xmppNewsletter, 1), release('2.19.9', xmppNewsletter, 2), release('2.19.13', xmppNewsletter, 3)];
    const draft = composeDraft({ preset: xmppNewsletter, issue: '2026-03', items });
    const bullets = clientsOf(draft.markdown).split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toHaveLength(1);
    expect(bullets[0]).toMatch(
      /^- \[Conversations\]\(https:\/\/conversations\.im\/\) has released versions \[2\.19\.9\]\([^)]+\/2\.19\.9\), \[2\.19\.13\]\([^)]+\/2\.19\.13\) and \[2\.19\.14\]\([^)]+\/2\.19\.14\) of its Android XMPP client\. /,
    );
    // The summary is the newest release's.
    expect(bullets[0]).toContain('2.19.14');
    expect(draft.notices.map((n) => n.notice)).toContainEqual('3 releases of Conversations (2.19.9, 2.19.13, 2.19.14) are written as one entry. Edit one of them to keep it apart.');
    expect(draft.problems).toEqual([]);
  });

  it('keeps an entry an editor changed as they wrote it, apart from the others', () => {
    const items = [
      release('2.19.13', xmppNewsletter, 1),
      release('2.19.14', xmppNewsletter, 2, (e) => e.replace('This release', 'The editor says this release')),
      release('2.19.15', xmppNewsletter, 3),
    ];
    const bullets = clientsOf(composeDraft({ preset: xmppNewsletter, issue: '2026-03', items }).markdown)
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(bullets).toHaveLength(2);
    expect(bullets[0]).toContain('has released versions [2.19.13](');
    expect(bullets[0]).toContain(' and [2.19.15](');
    expect(bullets[1]).toContain('The editor says this release');
  });

  it('leaves entries in another wording alone (the 2023 shape writes one entry per release)', () => {
    const items = [release('2.19.13', xmppNewsletter2023, 1), release('2.19.14', xmppNewsletter2023, 2)];
    const draft = composeDraft({ preset: xmppNewsletter2023, issue: '2026-03', items: items.map((i) => ({ ...i, newsletter: 'xmpp' })) });
    const clients = draft.markdown.slice(draft.markdown.indexOf('### Clients and Applications'));
    expect(clients.split('\n').filter((l) => l.startsWith('- [Conversations 2.19.1'))).toHaveLength(2);
    expect(draft.notices).toEqual([]);
  });

  it('orders versions by their numbers', () => {
    expect(['2.19.13', '2.9.15', '2.19.9', '2.19.13-1'].sort(compareVersions)).toEqual(['2.9.15', '2.19.9', '2.19.13', '2.19.13-1']);
  });
});
