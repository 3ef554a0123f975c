/** capturePage over realistic saved pages: the fields a newsletter editor would see. */
import { describe, expect, it } from 'vitest';
import { capturePage, safeCapture } from '../../../utils/extract/page';
import { domFrom, loadFixture } from './load-fixture';

function capture(name: string, url: string) {
  return capturePage(loadFixture(name, url), { url });
}

describe('capturePage on fixtures', () => {
  it('Hugo blog post (Gajim): release with JSON-LD metadata and clean Markdown', () => {
    const c = capture('hugo-blog-post.html', 'https://gajim.org/post/2023-10-10-gajim-1.8.2-released/?utm_source=mastodon#changes');
    expect(c).toMatchObject({
      url: 'https://gajim.org/post/2023-10-10-gajim-1.8.2-released/?utm_source=mastodon#changes',
      canonicalUrl: 'https://gajim.org/post/2023-10-10-gajim-1.8.2-released/',
      title: 'Gajim 1.8.2 released',
      siteName: 'Gajim',
      authors: ['wurstsalat'],
      publishedAt: '2023-10-10T09:30:00+02:00',
      modifiedAt: '2023-10-11T08:00:00+02:00',
      language: 'en',
      image: 'https://gajim.org/img/post/gajim-1.8.2.png',
      schemaTypes: ['BlogPosting'],
      kind: 'release',
      release: { project: 'Gajim', version: '1.8.2' },
      selectionMarkdown: null,
    });
    expect(c.keywords).toEqual(['Gajim', 'Release', 'XMPP']);
    const md = c.contentMarkdown;
    expect(md).toContain('## Changes');
    expect(md).toContain('- Group chats: Rejoin after the server restarted');
    expect(md).toContain('[hide your idle time](https://gajim.org/support/docs/privacy/)');
    expect(md).toContain('```bash\ngit fetch origin\ngit checkout gajim_1.8.2\npip install .\n```');
    expect(md).toContain('| Platform | Package |');
    expect(md).toContain('![Gajim\'s main window](https://gajim.org/img/screenshots/gajim-main-window.png)');
    expect(md).toContain('[gajim@conference.gajim.org](xmpp:gajim@conference.gajim.org?join)');
    expect(md).not.toMatch(/cookies/i);
    expect(md).not.toContain('Imprint');
  });

  it('WordPress article: broken JSON-LD ignored, meta author, code languages, table, strikethrough', () => {
    const c = capture('wordpress-article.html', 'https://blog.snikket.example/2024/01/xmpp-server-raspberry-pi/');
    expect(c).toMatchObject({
      title: 'Running your own XMPP server on a Raspberry Pi',
      siteName: 'Snikket Blog',
      authors: ['Kim Alvarez'],
      publishedAt: '2024-01-15T10:00:00Z',
      modifiedAt: '2024-01-16T08:12:30Z',
      language: 'en',
      schemaTypes: [],
      kind: 'article',
      release: null,
    });
    expect(c.contentMarkdown).toContain('```bash\nsudo apt install extrepo');
    expect(c.contentMarkdown).toContain('sudo apt update && sudo apt install prosody');
    expect(c.contentMarkdown).toContain('```lua\nVirtualHost "chat.example.org"');
    expect(c.contentMarkdown).toContain('| ejabberd | ~90 MB | YAML |');
    expect(c.contentMarkdown).toContain('~~XEP-0045 only~~');
    expect(c.contentMarkdown).toContain('[backing up your server](https://blog.snikket.example/2024/02/backups-for-prosody/)');
    expect(c.contentMarkdown).not.toContain('Great guide, worked first time');
  });

  it('GitHub release page', () => {
    const c = capture('github-release.html', 'https://github.com/dino/dino/releases/tag/v0.4.3');
    expect(c).toMatchObject({
      title: 'Release Dino 0.4.3',
      siteName: 'GitHub',
      canonicalUrl: 'https://github.com/dino/dino/releases/tag/v0.4.3',
      kind: 'release',
      release: { project: 'Dino', version: '0.4.3' },
    });
    expect(c.contentMarkdown).toContain('- Fix spell checking with GTK 4.12');
    expect(c.contentMarkdown).toContain('```shell\nflatpak update im.dino.Dino\n```');
    expect(c.contentMarkdown).not.toContain('Sign in');
  });

  it('Codeberg (Forgejo) release page: the bare "v0.12.0" og:title gives way to the fuller <title>', () => {
    const c = capture('codeberg-release.html', 'https://codeberg.org/Kaidan/Kaidan/releases/tag/v0.12.0');
    expect(c.title).toBe('Release v0.12.0 · Kaidan/Kaidan');
    expect(c.siteName).toBe('Codeberg.org');
    expect(c.kind).toBe('release');
    expect(c.release).toEqual({
      project: 'Kaidan',
      version: '0.12.0',
      repository: { forge: 'forgejo', host: 'codeberg.org', owner: 'Kaidan', name: 'Kaidan', url: 'https://codeberg.org/Kaidan/Kaidan' },
    });
    expect(c.contentMarkdown).toContain('Add message reactions (XEP-0444)');
  });

  it('YouTube watch page: video with channel and duration, tracking removed from the canonical URL', () => {
    const c = capture('youtube-watch.html', 'https://www.youtube.com/watch?v=Xy7Q3ZpLw1s&si=abc123&feature=shared');
    expect(c).toMatchObject({
      canonicalUrl: 'https://www.youtube.com/watch?v=Xy7Q3ZpLw1s',
      title: 'Modern XMPP: Why Your Chat App Should Federate (FOSDEM 2024)',
      siteName: 'YouTube',
      authors: ['FOSDEM'],
      publishedAt: '2024-02-05',
      kind: 'video',
      video: { channel: 'FOSDEM', duration: 'PT24M37S' },
      release: null,
    });
  });

  it('News article with a Yoast @graph: author references resolved, entities decoded', () => {
    const c = capture('news-article.html', 'https://www.techledger.example/2024/03/07/eu-messaging-interoperability-open-standards/?fbclid=IwAR0');
    expect(c).toMatchObject({
      canonicalUrl: 'https://www.techledger.example/2024/03/07/eu-messaging-interoperability-open-standards/',
      title: 'EU messaging rules push big platforms towards open standards',
      siteName: 'Tech Ledger',
      authors: ['Priya Raman', "Tomás O'Connell"],
      publishedAt: '2024-03-07T06:00:00Z',
      modifiedAt: '2024-03-07T09:41:12Z',
      language: 'en',
      kind: 'article',
    });
    expect(c.schemaTypes).toEqual(['NewsArticle', 'WebPage', 'WebSite', 'Organization', 'Person']);
    expect(c.keywords).toEqual(['DMA', 'Messaging', 'XMPP', 'MLS']);
    expect(c.contentMarkdown).toContain('1. One-to-one text messages and file attachments');
    expect(c.contentMarkdown).toContain('> Interoperability is a policy choice');
    expect(c.contentMarkdown).not.toMatch(/142 partners|consent/i);
    expect(c.contentMarkdown).not.toContain('Quantum-safe TLS');
  });

  it('bare page without <title> or metadata: h1 title, nothing invented', () => {
    const c = capture('no-metadata.html', 'https://notes.example.net/chat-server.html');
    expect(c).toMatchObject({
      title: 'Notes on running a small chat server',
      canonicalUrl: 'https://notes.example.net/chat-server.html',
      siteName: null,
      authors: [],
      publishedAt: null,
      modifiedAt: null,
      language: null,
      description: null,
      image: null,
      keywords: [],
      schemaTypes: [],
      kind: 'page',
      release: null,
      xep: null,
      video: null,
      event: null,
    });
    expect(c.contentMarkdown).toContain('The most important lesson: keep it boring.');
  });

  it('broken markup and bad JSON-LD still give a clean capture', () => {
    const c = capture('broken.html', 'https://forum.example.org/thread/123');
    expect(c.title).toBe('Broken page & stray markup');
    expect(c.description).toBe('A thread about "legacy" servers');
    expect(c.authors).toEqual(['forum_user_17']);
    expect(c.publishedAt).toBeNull();
    expect(c.schemaTypes).toEqual(['DiscussionForumPosting', 'Article']);
    expect(c.contentMarkdown).toContain('## Migrating an old jabberd2 server');
    expect(c.contentMarkdown).toContain('- jabberd2 2.2.17\n- MySQL 5.5\n- No message archive');
  });

  it('German article: language "de", DC.date, author', () => {
    const c = capture('german-article.html', 'https://kiezfunk.example/artikel/vereinschat-xmpp/');
    expect(c).toMatchObject({
      title: 'Warum wir unseren Vereinschat auf XMPP umgestellt haben',
      siteName: 'Kiezfunk',
      authors: ['Jana Müller'],
      publishedAt: '2024-05-14',
      language: 'de',
      kind: 'article',
    });
    expect(c.contentMarkdown).toContain('- Verschlüsselung mit OMEMO');
    expect(c.contentMarkdown).not.toContain('Impressum');
  });

  it('XEP page: kind xep with the XEP fields, never a release', () => {
    const c = capture('xep-0424.html', 'https://xmpp.org/extensions/xep-0424.html');
    expect(c.kind).toBe('xep');
    expect(c.title).toBe('XEP-0424: Message Retraction');
    expect(c.authors).toEqual(['Lance Stout', 'JC Brand']);
    expect(c.xep?.version).toBe('0.4.2');
    expect(c.release).toBeNull();
    expect(c.contentMarkdown).toContain('## 1\\. Introduction');
  });
});

describe('capturePage rules', () => {
  it('uses the selection instead of the page when there is one', () => {
    const url = 'https://gajim.org/post/x/';
    const doc = loadFixture('hugo-blog-post.html', url);
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector('.post-content ul')!);
    const c = capturePage(doc, { url, selection: range.cloneContents() });
    expect(c.selectionMarkdown).toBe(
      [
        '- Group chats: Rejoin after the server restarted',
        "- Message moderation: Show the moderator's reason",
        '- Preferences: Add an option to [hide your idle time](https://gajim.org/support/docs/privacy/)',
        '- Windows: Fix the `gajim-debug.exe` console window staying open',
      ].join('\n'),
    );
  });

  it('detects Mastodon statuses as social', () => {
    const html = `<html lang="en"><head><title>Jane (@jane@social.example)</title>
      <meta property="og:type" content="article"><meta property="og:title" content="Jane (@jane@social.example)">
      <meta property="og:site_name" content="social.example"></head>
      <body><div id="mastodon"><p>Just released my XMPP bot framework! Try it out.</p></div></body></html>`;
    const c = capturePage(domFrom(html, 'https://social.example/@jane/111234567890123456'), { url: 'https://social.example/@jane/111234567890123456' });
    expect(c.kind).toBe('social');
  });

  it('detects schema.org Events with dates and place', () => {
    const html = `<html><head><title>XMPP Sprint Berlin</title><script type="application/ld+json">
      {"@context":"https://schema.org","@type":"Event","name":"XMPP Sprint Berlin","startDate":"2024-11-15T10:00:00+01:00","endDate":"2024-11-17",
       "location":{"@type":"Place","name":"c-base","address":{"@type":"PostalAddress","streetAddress":"Rungestraße 20","addressLocality":"Berlin","addressCountry":"DE"}}}
      </script></head><body><h1>XMPP Sprint Berlin</h1><p>Join us for three days of hacking.</p></body></html>`;
    const c = capturePage(domFrom(html, 'https://events.example/sprint'), { url: 'https://events.example/sprint' });
    expect(c.kind).toBe('event');
    expect(c.event).toEqual({ startDate: '2024-11-15T10:00:00+01:00', endDate: '2024-11-17', location: 'c-base, Rungestraße 20, Berlin, DE', locality: 'Berlin' });
  });

  it('falls back to the host for a page without any title', () => {
    const c = capturePage(domFrom('<html><body><p>Hello</p></body></html>', 'https://www.quiet.example/x'), { url: 'https://www.quiet.example/x' });
    expect(c.title).toBe('quiet.example');
    expect(c.contentMarkdown).toBe('Hello');
  });

  it('safeCapture turns failures into a readable message', () => {
    const notADocument = {} as Document;
    const result = safeCapture(notADocument, { url: 'https://example.org/' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Could not read this page/);
    const fine = safeCapture(domFrom('<title>Hi</title><p>text</p>'), { url: 'https://example.org/post' });
    expect(fine.ok && fine.capture.title).toBe('Hi');
  });
});
