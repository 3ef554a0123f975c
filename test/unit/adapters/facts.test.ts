/** The plain facts an entry template gets, from real fixture pages. */
import { describe, expect, it } from 'vitest';
import { entryFacts } from '../../../utils/adapters/facts';
import { capturePage } from '../../../utils/extract/page';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { loadPage } from './fixtures';

function facts(page: string, url: string) {
  const dom = loadPage(page, url);
  try {
    return entryFacts(capturePage(dom.window.document, { url }), xmppNewsletter);
  } finally {
    dom.window.close();
  }
}

describe('entryFacts', () => {
  it('a forge release: the project as the community list names it, its home page, version and release URL', () => {
    expect(facts('test/fixtures/pages/github-release.html', 'https://github.com/dino/dino/releases/tag/v0.4.3')).toEqual({
      kind: 'release',
      project: 'Dino',
      projectOnPage: 'Dino',
      homepage: 'https://github.com/dino/dino',
      categories: ['client'],
      version: '0.4.3',
      versions: ['0.4.3'],
      releaseUrl: 'https://github.com/dino/dino/releases/tag/v0.4.3',
      repository: 'https://github.com/dino/dino',
    });
  });

  it('a XEP: number, version, the month\'s revisions with remarks and credit, Last Call dates', () => {
    const xep = facts('utils/adapters/xep/fixtures/xep-0483-2024-01.html.gz', 'https://xmpp.org/extensions/xep-0483.html');
    expect(xep).toMatchObject({ kind: 'xep', number: '0483', title: 'HTTP Online Meetings', url: 'https://xmpp.org/extensions/xep-0483.html', version: '0.2.0', status: 'Experimental', lastCall: null });
    if (xep.kind !== 'xep') throw new Error('not a XEP');
    expect(xep.revisions.map((r) => [r.version, r.initials, r.statusChange])).toEqual([
      ['0.2.0', 'do', null],
      ['0.1.0', 'XEP Editor: kis', 'Experimental'],
    ]);
    const lastCall = facts('utils/adapters/mailing-list/fixtures/standards-last-call.html', 'https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/thread/4IF5UK2HVQDRUEV4LINWHUQFBRE2C63U/');
    expect(lastCall).toMatchObject({
      kind: 'xep',
      url: 'https://xmpp.org/extensions/xep-0377.html',
      lastCall: { begins: '2026-03-31', ends: '2026-04-14' },
      announcementUrl: 'https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/thread/4IF5UK2HVQDRUEV4LINWHUQFBRE2C63U/',
    });
  });

  it('an article: author, the page\'s own calendar day, the summary; an error page: what to tell the user', () => {
    const article = facts('utils/adapters/article/fixtures/nytimes-2.html.gz', 'https://www.nytimes.com/2016/07/30/business/dealbook/yahoos-sale-to-verizon-leaves-shareholders-with-little-say.html');
    // Published 2016-07-29T16:42:34-04:00: the 29th in New York, not the 29th or 30th in UTC.
    expect(article).toMatchObject({ kind: 'article', authors: ['Steven Davidoff Solomon'], day: '2016-07-29', problem: null });
    if (article.kind === 'release' || article.kind === 'xep') throw new Error('not an article');
    expect(article.summary[0]).toBe('The internet giant’s decision to sell its business is plagued with challenges that reveal how unusual deal structures can affect shareholders.');
    expect(facts('utils/adapters/error-page/fixtures/github-404.html', 'https://github.com/dino/dino/releases/tag/v9.9.9')).toMatchObject({
      kind: 'error',
      problem: expect.stringMatching(/^This is an error page \(404 Not Found\)/),
    });
  });
});
