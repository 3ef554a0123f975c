import { describe, expect, it } from 'vitest';
import { draftEntry } from '../../../utils/summarize/entry';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { xmppNewsletter2023 } from '../../../utils/presets/xmpp-2023';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { fillTemplate } from '../../../utils/templates/fill';
import { projectNote } from '../../../utils/templates/learn';
import { verifyDraft } from '../../../utils/markdown/verify';
import { capture, hostile, protoXep, sloganBlogPost, xep0424, xep0515New, xepCapture, youtubeVideo } from '../summarize/captures';
import { makeCapture } from '../../support/capture';

/**
 * The XMPP Newsletter's entry forms as published since 2025 (shared/reference
 * xmpp-newsletter-2025-11-05.md and -2026-04-05.md), drafted from pages through the preset's
 * templates; the same pages with the 2023 preset keep the built-in wording.
 */
describe('entries in the newsletter’s current forms', () => {
  it('writes a release as "[Project](home) has released version [x](release) of its …. This release …"', () => {
    const gajim = makeCapture({
      description: 'Gajim is a free and fully featured chat app for XMPP.',
      contentMarkdown: 'Gajim 2.4.5 lets you know when somebody reacted to one of your messages.\n',
      title: 'Gajim 2.4.5 released',
      url: 'https://gajim.org/posts/2026-03-30-gajim-2.4.5-released/',
      release: { project: 'Gajim', version: '2.4.5' },
    });
    expect(draftEntry(gajim, xmppNewsletter, 'clients')).toBe(
      '[Gajim](https://gajim.org/) has released version [2.4.5](https://gajim.org/posts/2026-03-30-gajim-2.4.5-released/) of its free and fully featured chat app for XMPP. This release lets you know when somebody reacted to one of your messages.',
    );
    // The 2023 shape keeps its own wording for the same page.
    expect(draftEntry(gajim, xmppNewsletter2023, 'clients')).toMatch(/^\[Gajim 2\.4\.5\]\(https:\/\/gajim\.org\/posts\/[^)]+\) /);
  });

  it('takes the project’s home page and description from what the newsletter wrote before', () => {
    const monocles = makeCapture({
      url: 'https://codeberg.org/monocles/monocles_chat/releases/tag/CodebergRelease-v2.1.4',
      title: 'CodebergRelease-v2.1.4',
      siteName: 'Codeberg.org',
      description: null,
      contentMarkdown: '- Fix message moderation\n- Fix truncated text\n- Fix link clicks\n',
      release: { project: 'Monocles', version: '2.1.4' },
    });
    const learned = projectNote(
      '[Monocles](https://monocles.eu/more) has released version [2.0.16](https://codeberg.org/monocles/monocles_chat/releases/tag/CodebergRelease-v2.0.16) of its chat client for Android. This update comes **loaded** with features.',
    );
    expect(learned).toEqual({ project: 'Monocles', homepage: 'https://monocles.eu/more', description: 'chat client for Android' });
    const knowledge = { projects: { monocles: { homepage: learned!.homepage, description: learned!.description } } };
    expect(draftEntry(monocles, xmppNewsletter, 'clients', knowledge)).toBe(
      '[Monocles](https://monocles.eu/more) has released version [2.1.4](https://codeberg.org/monocles/monocles_chat/releases/tag/CodebergRelease-v2.1.4) of its chat client for Android. This release brings fixes for message moderation and truncated text.',
    );
  });

  it('learns from the appositive form too, and not from an entry of another shape', () => {
    expect(
      projectNote(
        '[QXmpp](https://invent.kde.org/libraries/qxmpp/-/blob/master/README.md), the cross-platform C++ XMPP client and server library, versions [1.14.4](https://x.example/a) and [1.14.5](https://x.example/b) have been released.',
      ),
    ).toEqual({ project: 'QXmpp', homepage: 'https://invent.kde.org/libraries/qxmpp/-/blob/master/README.md', description: 'cross-platform C++ XMPP client and server library' });
    expect(projectNote('[Let’s Talk About Spaces](https://mov.im/x), by Timothée Jaussoin.')).toBeNull();
    expect(projectNote('Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)')).toBeNull();
  });

  it('writes XEP changes with site-relative links, as the newsletter does since 2025', () => {
    expect(draftEntry(xep0424, xmppNewsletter, 'xep-updated')).toBe(
      [
        'Version 0.4.0 of [XEP-0424](/extensions/xep-0424.html) (Message Retraction)',
        '  - Remove the dependency on [XEP-0422](/extensions/xep-0422.html) Message Fastening.',
        '  - Use `id` attribute on `retracted` element instead of a child element.',
        '  - Clarify business rules regarding which `id` to use to refer to the retracted message. (jcb)',
      ].join('\n'),
    );
    expect(draftEntry(xep0515New, xmppNewsletter, 'xep-new')).toBe(
      'Version 0.1.0 of [XEP-0515](/extensions/xep-0515.html) (TLS Channel-Binding Downgrade Protection) has been released.\n  - Accepted as Experimental by council vote (XEP Editor (dg))',
    );
    // 2023: absolute links, no "has been released".
    expect(draftEntry(xep0424, xmppNewsletter2023, 'xep-updated')).toMatch(/^Version 0\.4\.0 of \[XEP-0424\]\(https:\/\/xmpp\.org\/extensions\/xep-0424\.html\) \(Message Retraction\)\n/);
  });

  it('writes a ProtoXEP as its title on the site with the abstract below', () => {
    const entry = draftEntry(protoXep, xmppNewsletter, 'xep-proposed');
    expect(entry.split('\n')[0]).toBe('[Payment Required](/extensions/inbox/payment-required.html)');
    expect(entry.split('\n')[1]).toMatch(/^ {2}- This specification defines an XMPP protocol extension that enables services to require payment/);
  });

  it('writes a Last Call with its thread and dates', () => {
    const announcement = capture({
      url: 'https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/thread/4IF5UK2HVQDRUEV4LINWHUQFBRE2C63U/',
      title: '[Standards] LAST CALL: XEP-0377 (Blocking Command Reports)',
      kind: 'mailing-list',
      xep: { ...xepCapture('0377', { title: 'Blocking Command Reports' }).xep!, status: 'Proposed', lastCallEnds: '2026-04-14', lastCallBegins: '2026-03-31' },
    });
    expect(draftEntry(announcement, xmppNewsletter, 'xep-last-call')).toBe(
      '[Last Call](https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/thread/4IF5UK2HVQDRUEV4LINWHUQFBRE2C63U/) for comments on [XEP-0377](/extensions/xep-0377.html) (Blocking Command Reports)\n  - This Last Call begins on 2026-03-31 and shall end at the close of business on 2026-04-14.',
    );
  });

  it('writes an article with its author and site, a video with its channel', () => {
    const article = { ...sloganBlogPost, authors: ['Jane Doe'], siteName: 'upsub blog' };
    expect(draftEntry(article, xmppNewsletter, 'articles')).toMatch(
      /^\[XMPP—the Universal Technology for Instant Messaging\]\(https:\/\/upsub\.me\/posts\/xmpp\/\), by Jane Doe for the \[upsub blog\]\(https:\/\/upsub\.me\/\)\. XMPP is an open standard/,
    );
    expect(draftEntry(youtubeVideo, xmppNewsletter, 'videos')).toBe('[Ok, but what is XMPP?](https://www.youtube.com/watch?v=6Tf4Zd8cH6k), by Denshi: An easy to follow introduction to XMPP.');
  });

  it('keeps every value escaped: a hostile page adds no link, HTML or shortcode through a template', () => {
    for (const section of ['articles', 'announcements', 'videos', 'events']) {
      const entry = draftEntry(hostile, xmppNewsletter, section);
      // The export's last check finds nothing: no live link but the page's, no HTML, no shortcode.
      expect(verifyDraft(`- ${entry}\n`), `${section}: ${entry}`).toEqual([]);
      expect(entry).not.toMatch(/(?<!\\)\]\(javascript:|(?<!\\)<script|(?<!\\)<img/);
    }
    const release = makeCapture({ title: 'Evil release', description: null, release: { project: 'Evil](javascript:x)', version: '1.0](javascript:y)' }, url: 'https://evil.example/r' });
    const entry = draftEntry(release, xmppNewsletter, 'clients');
    expect(verifyDraft(`- ${entry}\n`)).toEqual([]);
    expect(entry).toMatch(/^\[Evil\\\]\(javascript:x\)\]\(https:\/\/evil\.example\/\) has released version \[1\.0\\\]\(javascript:y\)\]\(https:\/\/evil\.example\/r\)/);
  });

  it('keeps the first line within the template’s budget, cutting the summary, never the links', () => {
    const long = makeCapture({
      description: `Gajim ${'1.8.2'} comes with ${Array.from({ length: 40 }, (_, i) => `improvement number ${i}`).join(', ')}.`,
    });
    const tight: NewsletterPreset = { ...xmppNewsletter, entryTemplates: { ...xmppNewsletter.entryTemplates, release: { template: xmppNewsletter.entryTemplates!.release!.template, budget: { target: 150, max: 200 } } } };
    const entry = draftEntry(long, tight, 'clients');
    expect(entry.length).toBeLessThanOrEqual(200);
    expect(entry).toMatch(/^\[Gajim\]\(https:\/\/gajim\.org\/\) has released version \[1\.8\.2\]\(/);
  });
});

describe('fillTemplate', () => {
  it('gives the summary the room the rest of its line leaves, and drops it with its words when none is left', () => {
    const template = '{titleLink}{?summary}: {summary}{/summary}';
    const seen: number[] = [];
    const out = fillTemplate(template, { values: { titleLink: '[T](https://e.example/)' }, summary: (room) => (seen.push(room.max), 'x'.repeat(room.max)) }, { target: 40, max: 50 });
    expect(seen).toEqual([50 - '[T](https://e.example/): '.length]);
    expect(out.length).toBe(50);
    expect(fillTemplate(template, { values: { titleLink: '[T](https://e.example/)' }, summary: () => '' }, { target: 40, max: 50 })).toBe('[T](https://e.example/)');
  });

  it('measures only the summary’s own line: nested lines after it do not count', () => {
    const out = fillTemplate('{summary}\n  - {changes}', { values: { changes: 'y'.repeat(300) }, summary: (room) => String(room.max) }, { target: 100, max: 120 });
    expect(out).toBe(`120\n  - ${'y'.repeat(300)}`);
  });
});
