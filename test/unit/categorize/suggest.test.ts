import { describe, expect, it } from 'vitest';
import { onProjectSite, siteKey, suggestSection, type CategoryMemory } from '../../../utils/categorize/suggest';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import {
  capitoleDuLibre,
  capture,
  conversationsCodeberg,
  ejabberdRelease,
  gajimRelease,
  heiseArticle,
  nbxmppGithubRelease,
  protoXep,
  titleOnly,
  xep0424,
  xep0515New,
  xepCapture,
  youtubeVideo,
} from '../summarize/captures';

const noMemory: CategoryMemory = { sites: {}, projects: {} };

describe('suggestSection', () => {
  it.each([
    ['Gajim release post', gajimRelease, 'clients', 'release of a known project (Gajim)'],
    ['ejabberd release', ejabberdRelease, 'servers', 'release of a known project (ejabberd)'],
    ['GitHub release of nbxmpp', nbxmppGithubRelease, 'libraries', 'release of a known project (python-nbxmpp)'],
    ['Codeberg release without notes', conversationsCodeberg, 'clients', 'release of a known project (Conversations)'],
    ['XEP update', xep0424, 'xep-updated', 'XEP status Experimental 0.4.0'],
    ['XEP accepted as Experimental', xep0515New, 'xep-new', 'XEP status Experimental 0.1.0'],
    ['ProtoXEP in the inbox', protoXep, 'xep-proposed', 'XEP status ProtoXEP 0.0.1'],
    ['YouTube video', youtubeVideo, 'videos', 'link looks like Videos'],
    ['Capitole du Libre', capitoleDuLibre, 'events', 'link looks like Events'],
    ['heise article', heiseArticle, 'articles', 'article page'],
    ['page with only a title', titleOnly, 'articles', 'default'],
  ])('%s', (_name, page, section, reason) => {
    expect(suggestSection(page, xmppNewsletter, noMemory)).toEqual({ section, reason });
  });

  it.each([
    // Without its revision history, 0.1.N is an update of an Experimental XEP, not a new one.
    ['Experimental', '0.1.2', 'xep-updated'],
    ['Experimental', '0.1.0', 'xep-new'],
    ['Experimental', '0.2.0', 'xep-updated'],
    ['Stable', '1.0.0', 'xep-stable'],
    ['Draft', '1.0', 'xep-stable'],
    ['Stable', '1.1.0', 'xep-updated'],
    ['Stable', '1.0.1', 'xep-updated'],
    ['Final', '2.13.2', 'xep-updated'],
    ['Active', '1.3.1', 'xep-updated'],
    ['Deferred', '0.3.0', 'xep-deferred'],
    ['Proposed', '0.5.0', 'xep-last-call'],
    ['Deprecated', '1.2', 'xep-deprecated'],
    ['Obsolete', '1.2', 'xep-deprecated'],
  ])('XEP %s %s → %s', (status, version, section) => {
    const page = xepCapture('0999', { title: 'Test', status, version });
    expect(suggestSection(page, xmppNewsletter).section).toBe(section);
  });

  it('an inbox page without a status is a ProtoXEP', () => {
    const page = { ...protoXep, xep: protoXep.xep && { ...protoXep.xep, status: null } };
    expect(suggestSection(page, xmppNewsletter).section).toBe('xep-proposed');
  });

  it('follows the preset hints, so another preset can file XEP statuses differently', () => {
    const preset: NewsletterPreset = {
      ...xmppNewsletter,
      sections: xmppNewsletter.sections.map((s) =>
        s.id === 'xep-deferred' ? { ...s, hints: { kinds: ['xep'], xepStatuses: ['Deferred', 'Deprecated'] } } : s.id === 'xep-deprecated' ? { ...s, hints: {} } : s,
      ),
    };
    const page = xepCapture('0999', { title: 'Test', status: 'Deprecated', version: '1.2' });
    expect(suggestSection(page, preset).section).toBe('xep-deferred');
  });

  describe('memory', () => {
    const gajimArticle = capture({ url: 'https://www.gajim.org/post/2023-11-01-development-news/', title: 'Development News October', kind: 'article' });

    it('files a site where the user filed it before (www. ignored)', () => {
      const memory: CategoryMemory = { sites: { 'gajim.org': 'clients' }, projects: {} };
      expect(suggestSection(gajimArticle, xmppNewsletter, memory)).toEqual({
        section: 'clients',
        reason: 'you filed gajim.org under Clients before',
      });
    });

    it('a project choice beats the site and the known-project list', () => {
      const memory: CategoryMemory = { sites: { 'codeberg.org': 'articles' }, projects: { conversations: 'libraries' } };
      expect(suggestSection(conversationsCodeberg, xmppNewsletter, memory)).toEqual({
        section: 'libraries',
        reason: 'you filed Conversations under Libraries & Tools before',
      });
    });

    it('ignores sections that are gone or cannot hold items', () => {
      const memory: CategoryMemory = { sites: { 'gajim.org': 'software', 'youtube.com': 'removed-section' }, projects: {} };
      expect(suggestSection(gajimArticle, xmppNewsletter, memory).section).toBe('articles');
      expect(suggestSection(youtubeVideo, xmppNewsletter, memory).section).toBe('videos');
    });

    it('is not used for XEPs', () => {
      const memory: CategoryMemory = { sites: { 'xmpp.org': 'articles' }, projects: {} };
      expect(suggestSection(xep0424, xmppNewsletter, memory).section).toBe('xep-updated');
    });
  });

  describe('releases of unknown projects', () => {
    const release = (title: string, description: string | null = null) =>
      capture({ url: 'https://example.dev/blog/release', title, description, kind: 'release', release: { project: title.split(' ')[0] ?? '', version: '2.0' } });

    it('a gateway goes to Servers', () => {
      expect(suggestSection(release('Bifrost 2.0', 'The Matrix to XMPP gateway got faster.'), xmppNewsletter)).toEqual({
        section: 'servers',
        reason: 'release that mentions "gateway"',
      });
    });
    it('an SDK goes to Libraries & Tools', () => {
      expect(suggestSection(release('Chatkit 2.0', 'Our XMPP library for Kotlin.'), xmppNewsletter).section).toBe('libraries');
    });
    it('anything else goes to Clients', () => {
      expect(suggestSection(release('Hopper 2.0'), xmppNewsletter)).toEqual({ section: 'clients', reason: 'release' });
    });
    it('the longest known name wins ("Snikket Android" is a client, "Snikket" a server)', () => {
      const page = capture({ url: 'https://snikket.org/blog/android-2-0/', title: 'Snikket Android 2.0 is here', kind: 'release', release: { project: 'Snikket', version: '2.0' } });
      expect(suggestSection(page, xmppNewsletter).section).toBe('servers');
      const byTitle = { ...page, release: { project: 'snikket-android', version: '2.0' } };
      expect(suggestSection(byTitle, xmppNewsletter).section).toBe('clients');
    });
  });

  it('an event page found by keyword when nothing else matches', () => {
    const page = capture({ url: 'https://example.org/xmpp-2024', title: 'XMPP Sprint in Worcester', kind: 'page' });
    expect(suggestSection(page, xmppNewsletter)).toEqual({ section: 'events', reason: 'title mentions "sprint"' });
  });

  it('a video page on an unknown host is filed by its kind', () => {
    const page = capture({ url: 'https://tube.example/v/123', title: 'Talk', kind: 'video' });
    expect(suggestSection(page, xmppNewsletter)).toEqual({ section: 'videos', reason: 'video page' });
  });
});

describe('siteKey', () => {
  it('is the host without www., lower case', () => {
    expect(siteKey('https://WWW.Gajim.org/post/x')).toBe('gajim.org');
    expect(siteKey('https://dev.gajim.org/')).toBe('dev.gajim.org');
    expect(siteKey('not a url')).toBe('');
  });
});

describe('known projects by their own sites', () => {
  it('a release post on the project host is filed by that project, even without its name in the title', () => {
    const post = capture({
      url: 'https://www.process-one.net/blog/23-10/',
      title: 'Version 23.10 is out',
      kind: 'release',
      release: { project: 'Version', version: '23.10' },
    });
    expect(suggestSection(post, xmppNewsletter)).toMatchObject({ section: 'servers', reason: 'release of a known project (ejabberd)' });
    expect(onProjectSite('https://blog.prosody.im/prosody-0.12.4-released/', 'prosody.im')).toBe(true);
    expect(onProjectSite('https://notprosody.im/x', 'prosody.im')).toBe(false);
    expect(onProjectSite('https://igniterealtime.org/projects/smack/', 'igniterealtime.org/projects/smack')).toBe(true);
    expect(onProjectSite('https://igniterealtime.org/projects/openfire/', 'igniterealtime.org/projects/smack')).toBe(false);
    expect(onProjectSite('https://example.org/', 'Monal IM')).toBe(false);
  });
});
