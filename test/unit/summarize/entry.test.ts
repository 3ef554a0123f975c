import { describe, expect, it } from 'vitest';
import { draftEntry } from '../../../utils/summarize/entry';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import {
  capitoleDuLibre,
  capture,
  conversationsCodeberg,
  ejabberdRelease,
  gajimRelease,
  heiseArticle,
  hostile,
  nbxmppGithubRelease,
  protoXep,
  sloganBlogPost,
  titleOnly,
  xep0424,
  xep0515New,
  youtubeVideo,
} from './captures';

const draft = (page: Parameters<typeof draftEntry>[0], section: string) => draftEntry(page, xmppNewsletter, section);

describe('draftEntry: releases', () => {
  it('Gajim: main points of the release notes, joined "a, b and c"', () => {
    expect(draft(gajimRelease, 'clients')).toBe(
      '[Gajim 1.8.2](https://gajim.org/post/2023-10-29-gajim-1.8.2-released/) has been released, bringing better support for gateways, improved group chats and many small fixes.',
    );
  });

  it('ejabberd: links in the notes become text, nested items are ignored', () => {
    expect(draft(ejabberdRelease, 'servers')).toBe(
      '[ejabberd 23.10](https://www.process-one.net/blog/ejabberd-23-10/) has been released, bringing support for XEP-0402: PEP Native Bookmarks, support for XEP-0421: Anonymous unique occupant identifiers for MUCs and many bugfixes.',
    );
  });

  it('nbxmpp on GitHub: changelog verbs and scopes read as prose; GitHub boilerplate description ignored', () => {
    expect(draft(nbxmppGithubRelease, 'libraries')).toBe(
      '[python-nbxmpp 5.0.4](https://github.com/gajim/python-nbxmpp/releases/tag/5.0.4) has been released, bringing fixes for password handling (MUC) and crash when disco info has no identities.',
    );
  });

  it('Conversations on Codeberg without notes: just the release line', () => {
    expect(draft(conversationsCodeberg, 'clients')).toBe(
      '[Conversations 2.12.12](https://codeberg.org/iNPUTmice/Conversations/releases/tag/2.12.12) has been released.',
    );
  });

  it('without a list, a sentence about the release becomes the entry, its subject the link', () => {
    const page = { ...conversationsCodeberg, description: 'This release brings support for Private DNS and a themed launcher icon.' };
    expect(draft(page, 'clients')).toBe(
      '[Conversations 2.12.12](https://codeberg.org/iNPUTmice/Conversations/releases/tag/2.12.12) brings support for Private DNS and a themed launcher icon.',
    );
  });

  it('summarizes the selection instead of the page when the user selected notes', () => {
    const page = { ...gajimRelease, selectionMarkdown: '- Fixed emoji rendering on Windows\n- OMEMO: Trust dialog redesign' };
    expect(draft(page, 'clients')).toBe(
      '[Gajim 1.8.2](https://gajim.org/post/2023-10-29-gajim-1.8.2-released/) has been released, bringing trust dialog redesign (OMEMO) and a fix for emoji rendering on Windows.',
    );
  });
});

describe('draftEntry: XEPs', () => {
  it('update: version line and one nested line per change, initials at the end; identifiers as code and other XEPs linked, as the 2025-2026 issues write them', () => {
    expect(draft(xep0424, 'xep-updated')).toBe(
      [
        'Version 0.4.0 of [XEP-0424](https://xmpp.org/extensions/xep-0424.html) (Message Retraction)',
        '  - Remove the dependency on [XEP-0422](https://xmpp.org/extensions/xep-0422.html) Message Fastening.',
        '  - Use `id` attribute on `retracted` element instead of a child element.',
        '  - Clarify business rules regarding which `id` to use to refer to the retracted message. (jcb)',
      ].join('\n'),
    );
  });

  it('new: the acceptance remark and the editor\'s credit as the page gives them (the 2025 issues print "Accepted as Experimental by council vote (dg)" verbatim)', () => {
    expect(draft(xep0515New, 'xep-new')).toBe(
      'Version 0.1.0 of [XEP-0515](https://xmpp.org/extensions/xep-0515.html) (TLS Channel-Binding Downgrade Protection)\n  - Accepted as Experimental by council vote (XEP Editor (dg))',
    );
  });

  it('proposed: title link and the abstract, cut at a sentence', () => {
    expect(draft(protoXep, 'xep-proposed')).toBe(
      '[Payment Required](https://xmpp.org/extensions/inbox/payment-required.html)\n  - This specification defines an XMPP protocol extension that enables services to require payment before granting access to a resource.',
    );
  });

  it('last call: in the current newsletter\'s form, with its dates (the page gives the end; a Last Call runs 14 days)', () => {
    const page = { ...xep0424, xep: xep0424.xep && { ...xep0424.xep, status: 'Proposed', lastCallEnds: '2025-10-28' } };
    expect(draft(page, 'xep-last-call')).toBe(
      [
        'Last Call for comments on [XEP-0424](https://xmpp.org/extensions/xep-0424.html) (Message Retraction)',
        '  - This Last Call begins on 2025-10-14 and shall end at the close of business on 2025-10-28.',
      ].join('\n'),
    );
    const noDate = { ...xep0424, xep: xep0424.xep && { ...xep0424.xep, status: 'Proposed' } };
    expect(draft(noDate, 'xep-last-call')).toBe('Last Call for comments on [XEP-0424](https://xmpp.org/extensions/xep-0424.html) (Message Retraction)');
  });

  it('change lines are escaped', () => {
    const page = { ...xep0424, xep: xep0424.xep && { ...xep0424.xep, changes: ['Use <retracted/> and `id` {{< x >}}'], initials: 'jcb' } };
    // An element name becomes a code span; a backtick or a shortcode opener stays escaped text.
    expect(draft(page, 'xep-updated').split('\n')[1]).toBe('  - Use `<retracted/>` and \\`id\\` &#123;{\\< x \\>}} (jcb)');
  });
});

describe('draftEntry: videos, events, articles', () => {
  it('video: "[Title](url) - short description"', () => {
    expect(draft(youtubeVideo, 'videos')).toBe(
      '[Ok, but what is XMPP?](https://www.youtube.com/watch?v=6Tf4Zd8cH6k) - an easy to follow introduction to XMPP.',
    );
  });

  it('event: date range and place after the link, language tag right after the link', () => {
    expect(draft(capitoleDuLibre, 'events')).toBe(
      '[Capitole du Libre 2023](https://capitoledulibre.org/) [FR], November 18–19, 2023 in Toulouse, France: Le Capitole du Libre est un week-end consacré au Logiciel Libre et à la culture libre à Toulouse.',
    );
  });

  it('German article: [DE] after the link; a long link does not cut the one complete sentence into a "…" fragment', () => {
    const entry = draft(heiseArticle, 'articles');
    expect(entry).toBe(
      '[Lauschangriff auf russischen Jabber-Server in Deutschland: Wer steckt dahinter?](https://www.heise.de/news/Lauschangriff-auf-russischen-Jabber-Server-in-Deutschland-Wer-steckt-dahinter-9343653.html) [DE]: Unbekannte haben den verschlüsselten Datenverkehr des Jabber-Dienstes jabber.ru bei Hetzner und Linode abgefangen.',
    );
    // The summary itself stays within the budget; the link's URL is what makes the line long.
    expect(entry.slice(entry.indexOf('[DE]: ') + 6).length).toBeLessThanOrEqual(300);
  });

  it('German article with a short URL keeps whole sentences', () => {
    const page = { ...heiseArticle, canonicalUrl: 'https://heise.de/-9343653' };
    expect(draft(page, 'articles')).toBe(
      '[Lauschangriff auf russischen Jabber-Server in Deutschland: Wer steckt dahinter?](https://heise.de/-9343653) [DE]: Unbekannte haben den verschlüsselten Datenverkehr des Jabber-Dienstes jabber.ru bei Hetzner und Linode abgefangen.',
    );
  });

  it('a slogan description loses to the content lead; bylines, dates, images and code are skipped', () => {
    expect(draft(sloganBlogPost, 'articles')).toBe(
      '[XMPP—the Universal Technology for Instant Messaging](https://upsub.me/posts/xmpp/): XMPP is an open standard for chat that anyone can implement, e.g. Prosody or ejabberd on your own server.',
    );
  });

  it('a page with nothing but a title is a bare link', () => {
    expect(draft(titleOnly, 'articles')).toBe('[XMPP notes](https://example.org/xmpp-notes)');
  });

  it('a slogan is still better than a bare link when the page has nothing else', () => {
    const page = { ...sloganBlogPost, contentMarkdown: '' };
    expect(draft(page, 'articles')).toBe(
      '[XMPP—the Universal Technology for Instant Messaging](https://upsub.me/posts/xmpp/): Notes on self-hosting, privacy and open protocols.',
    );
  });

  it('cookie and "click here" descriptions are not summaries', () => {
    const page = capture({
      url: 'https://blog.example/post',
      title: 'Hosting Prosody at home',
      kind: 'article',
      description: 'We use cookies to improve your experience. Click here to accept.',
      contentMarkdown: 'Prosody runs fine on a Raspberry Pi with 1 GB of memory.',
    });
    expect(draft(page, 'articles')).toBe('[Hosting Prosody at home](https://blog.example/post): Prosody runs fine on a Raspberry Pi with 1 GB of memory.');
  });

  it('a hostile title and description cannot break the Markdown or call a shortcode', () => {
    expect(draft(hostile, 'articles')).toBe(
      '[Fancy\\](javascript:alert(1)) \\`code\\` \\<script\\>alert(1)\\</script\\> &#123;{\\< shortcode \\>}} \\[x\\]](https://evil.example/post?a=1&b=%282%29): Read \\*this\\* &#123;{% notice %}} and \\<img src=x onerror=alert(1)\\> now. # Not a heading \\[link\\](javascript:evil()).',
    );
  });

  it('an unsafe URL leaves the title as text', () => {
    const page = capture({ url: 'javascript:alert(1)', title: 'Click me', description: 'A page about the XMPP protocol and its history.', kind: 'article' });
    expect(draft(page, 'articles')).toBe('Click me: A page about the XMPP protocol and its history.');
  });
});
