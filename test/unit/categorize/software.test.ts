/** The community's software list: projects found by repository, name and host; categories pick the subsection. */
import { describe, expect, it } from 'vitest';
import { suggestSection, type CategoryMemory } from '../../../utils/categorize/suggest';
import { parseSoftwareList, SoftwareListError, XMPP_SOFTWARE } from '../../../utils/categorize/software/list';
import { matchSoftware } from '../../../utils/categorize/software/match';
import { fallbackCapture } from '../../../utils/clip/fallback';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { capture } from '../summarize/captures';

const match = (url: string, title: string, project: string | null = null) => {
  const found = matchSoftware({ url, title, project }, XMPP_SOFTWARE);
  return found ? { name: found.project.name, by: found.by } : null;
};

describe('the shipped XMPP software list', () => {
  it('is the XSF list with its source and date', () => {
    expect(XMPP_SOFTWARE.projects.length).toBe(195);
    expect(XMPP_SOFTWARE.source).toMatch(/xsf\/xmpp\.org/);
    expect(XMPP_SOFTWARE.retrieved).toBe('2026-08-02');
  });
});

describe('matchSoftware', () => {
  it('finds a project by the repository its DOAP file lives in (GitHub raw, Codeberg, GitLab)', () => {
    expect(match('https://github.com/dino/dino/releases/tag/v0.4.3', 'Release v0.4.3 · dino/dino')).toEqual({ name: 'Dino', by: 'repository' });
    expect(match('https://codeberg.org/iNPUTmice/Conversations/releases/tag/2.19.13', '2.19.13')).toEqual({ name: 'Conversations', by: 'repository' });
    expect(match('https://invent.kde.org/network/kaidan/-/releases/v0.12.0', 'v0.12.0')).toEqual({ name: 'Kaidan', by: 'repository' });
    expect(match('https://codeberg.org/jssfr/aioxmpp', 'aioxmpp')).toEqual({ name: 'aioxmpp', by: 'repository' });
  });

  it('finds a project on its own host, taken from its DOAP host without "dev."/"hg."', () => {
    expect(match('https://blog.prosody.im/prosody-0.12.4-released/', 'Security release')).toEqual({ name: 'Prosody IM', by: 'home' });
    // Gajim and python-nbxmpp both keep their DOAP on dev.gajim.org: the one named like the host.
    expect(match('https://gajim.org/posts/2026-03-30-gajim-2.4.5-released/', 'News from the project')).toEqual({ name: 'Gajim', by: 'home' });
  });

  it('finds a project by its name as a name of its own', () => {
    expect(match('https://monal-im.org/', 'Monal')).toEqual({ name: 'Monal IM', by: 'name' });
    expect(match('https://example.org/x', 'Psi+ 1.5.2132 installer', 'Psi+')).toBeNull(); // Psi+ is not in the list, and "Psi" is too common a word to match inside a title
    expect(match('https://example.org/x', 'Psi')).toEqual({ name: 'Psi', by: 'name' });
  });

  it('does not take a plugin or a gateway of a project for the project', () => {
    expect(match('https://codeberg.org/slidge/slidge-whatsapp/src/branch/main/README.md', 'slidge-whatsapp')).toBeNull();
    expect(match('https://discourse.igniterealtime.org/t/x/1', 'Openfire plugin: HTTP File Upload 1.4.0')).toBeNull();
    expect(match('https://discourse.igniterealtime.org/t/x/2', 'Openfire 5.0.4 release')).toEqual({ name: 'Openfire', by: 'name' });
  });

  it('matches common words only as the whole title or the release\'s project', () => {
    expect(match('https://example.org/post', 'Secure conversations with XMPP')).toBeNull();
    expect(match('https://conversations.im/', 'Conversations')).toEqual({ name: 'Conversations', by: 'name' });
    expect(match('https://example.org/post', 'Why XMPP still matters')).toBeNull();
  });
});

describe('parseSoftwareList', () => {
  it('accepts the website format and says what is wrong with anything else', () => {
    expect(parseSoftwareList('[{"name":"X","categories":["client"],"platforms":[],"url":null,"doap":null}]')).toHaveLength(1);
    expect(() => parseSoftwareList('{')).toThrow(/not JSON/);
    expect(() => parseSoftwareList('[{"name":"X"}]')).toThrow(SoftwareListError);
    expect(() => parseSoftwareList('[{"name":"X"}]')).toThrow(/categories/);
    expect(() => parseSoftwareList('[]')).toThrow(/software list/);
  });
});

describe('sections from the software list', () => {
  const link = (url: string, text: string) => suggestSection(fallbackCapture(url, text), xmppNewsletter);

  it('files a project page by its category: client, server or component, library or tool', () => {
    expect(link('https://gajim.org/', 'Gajim')).toMatchObject({ section: 'clients' });
    expect(link('https://github.com/xmppo/go-xmpp/blob/master/README.md', 'go-xmpp')).toMatchObject({ section: 'libraries' });
    expect(link('https://salsa.debian.org/mdosch/go-sendxmpp/-/blob/master/README.md', 'go-sendxmpp')).toMatchObject({ section: 'libraries' });
    expect(link('https://slidge.im/', 'Slidge')).toMatchObject({ section: 'servers' });
  });

  it('files a release link by the project its text names', () => {
    expect(link('https://www.process-one.net/blog/ejabberd-26-03/', 'ejabberd 26.03')).toMatchObject({ section: 'servers' });
    expect(link('https://dev.gajim.org/gajim/python-nbxmpp/-/releases/5.0.4', 'nbxmpp 5.0.4')).toMatchObject({ section: 'libraries' });
  });

  it('a blog post on the project\'s site is not a project page', () => {
    expect(link('https://gajim.org/posts/2026-01-01-development-news/', 'Development news')).toMatchObject({ section: 'articles' });
  });

  it('the user\'s earlier choice wins over the list', () => {
    const memory: CategoryMemory = { sites: {}, projects: { gajim: 'libraries' } };
    const page = capture({ url: 'https://gajim.org/', title: 'Gajim', kind: 'page' });
    expect(suggestSection(page, xmppNewsletter, memory)).toEqual({ section: 'libraries', reason: 'you filed Gajim under Libraries & Tools before' });
  });
});

describe('bare links of the other sections', () => {
  const link = (url: string, text: string) => suggestSection(fallbackCapture(url, text), xmppNewsletter).section;

  it('reads what the address and the link text say', () => {
    expect(link('https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/thread/4IF5UK2HVQDRUEV4LINWHUQFBRE2C63U/', 'Last Call')).toBe('xep-last-call');
    expect(link('https://xmpp.org/extensions/inbox/explicit-mentions.html', 'Explicit Mentions')).toBe('xep-proposed');
    expect(link('https://xmpp.org/extensions/xep-0461.html', 'XEP-0461')).toBe('xep-updated');
    expect(link('https://gultsch.video/w/8FL21NETdAjnM23hWkYeiZ', 'IETF125 Hackathon: XEP-0202 Entity Time')).toBe('videos');
    expect(link('https://wiki.xmpp.org/web/Sprints/2026-06_Berlin', 'XMPP Sprint in Berlin')).toBe('events');
  });
});
