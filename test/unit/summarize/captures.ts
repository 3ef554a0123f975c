import type { PageCapture, XepInfo } from '../../../utils/model/capture';

/** A PageCapture with empty defaults; tests say only what matters to them. */
export function capture(fields: Partial<PageCapture> & Pick<PageCapture, 'url' | 'title'>): PageCapture {
  return {
    canonicalUrl: fields.url,
    siteName: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    language: 'en',
    description: null,
    image: null,
    schemaTypes: [],
    keywords: [],
    contentMarkdown: '',
    selectionMarkdown: null,
    kind: 'page',
    release: null,
    xep: null,
    video: null,
    event: null,
    ...fields,
  };
}

export function xepCapture(number: string, xep: Partial<XepInfo> & Pick<XepInfo, 'title'>): PageCapture {
  const url = `https://xmpp.org/extensions/xep-${number}.html`;
  return capture({
    url,
    title: `XEP-${number}: ${xep.title}`,
    siteName: 'XMPP',
    kind: 'xep',
    xep: {
      number,
      version: null,
      status: null,
      abstract: null,
      lastUpdated: null,
      changes: [],
      initials: null,
      ...xep,
    },
  });
}

export const gajimRelease = capture({
  url: 'https://gajim.org/post/2023-10-29-gajim-1.8.2-released/',
  title: 'Gajim 1.8.2 released',
  siteName: 'Gajim',
  kind: 'release',
  release: { project: 'Gajim', version: '1.8.2' },
  publishedAt: '2023-10-29T00:00:00Z',
  description: 'Gajim 1.8.2 released',
  contentMarkdown: [
    'Two months after the last release, Gajim 1.8.2 is here. 🎉',
    '',
    '## What’s New',
    '',
    '- Better support for gateways.',
    '- Improved group chats (#11653)',
    '- Many small fixes',
    '- A way to change the font size',
    '',
    'Have a look at the [changelog](https://dev.gajim.org/gajim/gajim/-/blob/master/ChangeLog) for a complete list.',
  ].join('\n'),
});

export const ejabberdRelease = capture({
  url: 'https://www.process-one.net/blog/ejabberd-23-10/',
  title: 'ejabberd 23.10',
  siteName: 'ProcessOne',
  kind: 'release',
  release: { project: 'ejabberd', version: '23.10' },
  description: 'A new ejabberd release, ejabberd 23.10, is now published with more than 150 commits since the previous 23.04.',
  contentMarkdown: [
    'A new ejabberd release, ejabberd 23.10, is now published with more than 150 commits since the previous 23.04.',
    '',
    '### Changes',
    '',
    '- Support for [XEP-0402: PEP Native Bookmarks](https://xmpp.org/extensions/xep-0402.html)',
    '- Support for XEP-0421: Anonymous unique occupant identifiers for MUCs',
    '- Many bugfixes',
    '  - Fix `mod_mam` crash',
  ].join('\n'),
});

export const nbxmppGithubRelease = capture({
  url: 'https://github.com/gajim/python-nbxmpp/releases/tag/5.0.4',
  title: 'Release 5.0.4 · gajim/python-nbxmpp',
  siteName: 'GitHub',
  kind: 'release',
  release: { project: 'python-nbxmpp', version: '5.0.4' },
  description: 'Contribute to gajim/python-nbxmpp development by creating an account on GitHub.',
  contentMarkdown: ['## Bug Fixes', '', '* MUC: Fix password handling (#128)', '* Fix crash when disco info has no identities'].join('\n'),
});

export const conversationsCodeberg = capture({
  url: 'https://codeberg.org/iNPUTmice/Conversations/releases/tag/2.12.12',
  title: '2.12.12',
  siteName: 'Codeberg.org',
  kind: 'release',
  release: { project: 'Conversations', version: '2.12.12' },
});

export const xep0424 = xepCapture('0424', {
  title: 'Message Retraction',
  version: '0.4.0',
  status: 'Experimental',
  lastUpdated: '2023-02-19',
  abstract: 'This specification defines a method for indicating that a message should be retracted.',
  changes: [
    'Remove the dependency on XEP-0422 Message Fastening.',
    "Use 'id' attribute on 'retracted' element instead of a child element.",
    "Clarify business rules regarding which 'id' to use to refer to the retracted message.",
  ],
  initials: 'jcb',
});

export const xep0515New = xepCapture('0515', {
  title: 'TLS Channel-Binding Downgrade Protection',
  version: '0.1.0',
  status: 'Experimental',
  changes: ['Accepted as Experimental by council vote'],
  initials: 'XEP Editor (dg)',
});

export const protoXep = capture({
  url: 'https://xmpp.org/extensions/inbox/payment-required.html',
  title: 'XEP-xxxx: Payment Required',
  kind: 'xep',
  xep: {
    number: null,
    title: 'Payment Required',
    version: '0.0.1',
    status: 'ProtoXEP',
    abstract:
      'This specification defines an XMPP protocol extension that enables services to require payment before granting access to a resource. It provides a payment-system-neutral invoice format built on payment URIs (such as the RFC 8905 payto scheme), supporting multiple concurrent payment options, from bank transfers to transfers over distributed ledgers or instant-settlement networks, and integrates with the existing CAPTCHA challenge mechanism defined in XEP-0158.',
    lastUpdated: '2026-03-01',
    changes: ['First draft.'],
    initials: 'jcb',
  },
});

export const youtubeVideo = capture({
  url: 'https://www.youtube.com/watch?v=6Tf4Zd8cH6k',
  title: 'Ok, but what is XMPP?',
  siteName: 'YouTube',
  kind: 'video',
  description: 'An easy to follow introduction to XMPP',
  video: { channel: 'Denshi', duration: 'PT12M3S' },
});

export const capitoleDuLibre = capture({
  url: 'https://capitoledulibre.org/',
  title: 'Capitole du Libre 2023',
  language: 'fr',
  kind: 'event',
  description: 'Le Capitole du Libre est un week-end consacré au Logiciel Libre et à la culture libre à Toulouse.',
  event: { startDate: '2023-11-18T09:00:00+01:00', endDate: '2023-11-19', location: 'Toulouse, France' },
});

export const heiseArticle = capture({
  url: 'https://www.heise.de/news/Lauschangriff-auf-russischen-Jabber-Server-in-Deutschland-Wer-steckt-dahinter-9343653.html',
  title: 'Lauschangriff auf russischen Jabber-Server in Deutschland: Wer steckt dahinter?',
  siteName: 'heise online',
  language: 'de',
  kind: 'article',
  description:
    'Unbekannte haben den verschlüsselten Datenverkehr des Jabber-Dienstes jabber.ru bei Hetzner und Linode abgefangen. Die Spur führt zu deutschen Behörden.',
});

export const sloganBlogPost = capture({
  url: 'https://upsub.me/posts/xmpp/',
  title: 'XMPP—the Universal Technology for Instant Messaging',
  siteName: 'upsub',
  kind: 'article',
  description: 'Notes on self-hosting, privacy and open protocols',
  contentMarkdown: [
    'Posted by Jane Doe on October 12, 2023',
    '',
    'October 12, 2023',
    '',
    '![XMPP logo](https://upsub.me/img/xmpp.png)',
    '',
    'XMPP is an open standard for chat that anyone can implement, e.g. [Prosody](https://prosody.im/) or ejabberd on your own server. It has been around since 1999 and the current version of my client is v1.2.3. Federation means you can talk to people on other servers.',
    '',
    '```',
    'prosodyctl adduser jane@example.org',
    '```',
    '',
    'Share this post',
  ].join('\n'),
});

export const titleOnly = capture({
  url: 'https://example.org/xmpp-notes',
  title: 'XMPP notes',
});

export const hostile = capture({
  url: 'https://evil.example/post?a=1&b=(2)',
  title: 'Fancy](javascript:alert(1)) `code` <script>alert(1)</script> {{< shortcode >}} [x]',
  kind: 'article',
  description: 'Read *this* {{% notice %}} and <img src=x onerror=alert(1)> now. # Not a heading [link](javascript:evil()).',
});
