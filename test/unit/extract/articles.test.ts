/**
 * What an editor sees of a news or blog post: its lead, author and date as the page shows
 * them, its publisher, and error pages told apart. Small pages that isolate one shape each;
 * the real pages are the article adapter's golden fixtures.
 */
import { describe, expect, it } from 'vitest';
import { calendarDay, normalizeDate } from '../../../utils/extract/dates';
import { readLead } from '../../../utils/extract/lead';
import { readMetadata } from '../../../utils/extract/metadata';
import { capturePage } from '../../../utils/extract/page';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { draftEntry } from '../../../utils/summarize/entry';
import { capture } from '../summarize/captures';
import { domFrom } from './load-fixture';

const URL_ = 'https://news.example.org/2024/03/story/';
const prose = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} tells the story in whole sentences, long enough to read as the text of the article.</p>`).join('');

describe('dates keep the page\'s own calendar day', () => {
  it('keeps the offset of ISO and RFC 2822 dates instead of moving them to UTC', () => {
    expect(normalizeDate('2019-11-19T19:53-05:00')).toBe('2019-11-19T19:53:00-05:00');
    expect(normalizeDate('Tue, 19 Nov 2019 19:53:00 -0500')).toBe('2019-11-19T19:53:00-05:00');
    expect(calendarDay('2019-11-19T19:53:00-05:00')).toBe('2019-11-19');
  });

  it('reads written dates in several languages, and a time without a zone only as a day', () => {
    expect(normalizeDate('25. September 2018')).toBe('2018-09-25');
    expect(normalizeDate('3. März 2024 um 10:15 Uhr')).toBe('2024-03-03');
    expect(normalizeDate('November 15, 2019')).toBe('2019-11-15');
    expect(normalizeDate('Nov 15, 2019 at 7:53 pm')).toBe('2019-11-15');
    expect(normalizeDate('15 de noviembre de 2019')).toBe('2019-11-15');
    expect(normalizeDate('25 septembre 2018')).toBe('2018-09-25');
    expect(normalizeDate('25.09.2018')).toBe('2018-09-25');
    expect(normalizeDate('Tue Sep 17 13:02:25 UTC 2024')).toBe('2024-09-17T13:02:25Z');
  });
});

describe('visible bylines and dates next to the headline', () => {
  it('reads a "By Name" line and a German date around the headline', () => {
    const doc = domFrom(`<html><body><article><p>Politik</p><h1>Neue Regeln für Messenger</h1><p>25. September 2018</p><p>By Jana Weber</p>${prose(4)}</article></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta).toMatchObject({ authors: ['Jana Weber'], publishedAt: '2018-09-25' });
    expect(meta.sources).toMatchObject({ authors: 'byline', publishedAt: 'byline' });
  });

  it('reads a lower-case "by Name" under the headline and "November 15, 2019"', () => {
    const doc = domFrom(`<html><body><main><h1>How we moved to XMPP</h1><p>by Tom Li</p><p>November 15, 2019</p>${prose(3)}</main></body></html>`, URL_);
    expect(readMetadata(doc, URL_)).toMatchObject({ authors: ['Tom Li'], publishedAt: '2019-11-15' });
  });

  it('takes the article\'s headline, not the copy a sticky header repeats', () => {
    const doc = domFrom(`<html><head><title>Chaos theory's hidden heroines | Quanta</title></head><body>
      <div class="nav__header"><h1>Chaos theory's hidden heroines</h1></div>
      <div class="post"><h1>Chaos theory's hidden heroines</h1><h6 class="byline"><em>By</em> <a href="/a/">Joshua Sokol</a></h6>${prose(3)}</div></body></html>`, URL_);
    expect(readMetadata(doc, URL_).authors).toEqual(['Joshua Sokol']);
  });

  it('ignores a photo credit, a sidebar and a fact box that only mention a name or a date', () => {
    const doc = domFrom(`<html><body><div><h1>Title</h1><figure><figcaption>Photo by John Doe</figcaption></figure>
      <table><tr><td>Founded</td><td>February 28, 1998</td></tr></table>${prose(3)}
      <aside><p>By Sidebar Person</p><p>March 1, 2020</p></aside></div></body></html>`, URL_);
    expect(readMetadata(doc, URL_)).toMatchObject({ authors: [], publishedAt: null });
  });

  it('reads JSON-LD datePublished from any node, and JSON-LD with raw line breaks and trailing commas', () => {
    const doc = domFrom(`<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebPage","name":"Story","datePublished":"2019-11-19T19:53:00-05:00",},
      {"@type":"Organization","name":"The Daily Example"}]}</script>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"A headline
      on two lines","author":{"@type":"Person","name":"Ana Ruiz"},}</script></head><body><h1>Story</h1></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta.publishedAt).toBe('2019-11-19T19:53:00-05:00');
    expect(meta.authors).toEqual(['Ana Ruiz']);
  });
});

describe('the site\'s name', () => {
  it('an og:site_name that is a section ("U.S.") loses to the publisher', () => {
    const doc = domFrom(`<html><head><meta property="og:site_name" content="U.S."><meta property="article:section" content="U.S.">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"H","publisher":{"@type":"Organization","name":"The New York Times"}}</script></head><body></body></html>`, URL_);
    expect(readMetadata(doc, URL_).siteName).toBe('The New York Times');
  });

  it('an ordinary og:site_name stays', () => {
    const doc = domFrom(`<html><head><meta property="og:site_name" content="Planet Jabber"></head><body></body></html>`, URL_);
    expect(readMetadata(doc, URL_).siteName).toBe('Planet Jabber');
  });
});

describe('the text\'s own lead', () => {
  it('skips captions, credits, bylines and datelines', () => {
    const root = domFrom(`<div id="a"><figure><img src="x.jpg"><figcaption>The harbour at dawn. (Photo by Ana Ruiz/Getty Images)</figcaption></figure>
      <p>Photo: Reuters</p><p class="byline">By Tom Li</p><p>By Tom Li and Ana Ruiz</p>
      <p>BERLIN (Reuters) — Messaging services must talk to each other from next year, the commission said on Tuesday.</p></div>`).getElementById('a')!;
    expect(readLead(root)).toBe('Messaging services must talk to each other from next year, the commission said on Tuesday.');
    const dated = domFrom('<div id="a"><p>April 17, 2015 -- Imagine being sick in the hospital with an infection doctors cannot stop.</p></div>').getElementById('a')!;
    expect(readLead(dated)).toBe('Imagine being sick in the hospital with an infection doctors cannot stop.');
  });

  it('a series blurb or a fragment of a description loses to the lead; a real summary keeps its place', () => {
    const base = { url: URL_, title: 'These Weeks in Firefox: Issue 85', kind: 'article' as const, lead: 'Here is our Firefox Year in Review, with the numbers behind a year of performance work and a look at what comes next for the browser.', contentMarkdown: 'Here is our Firefox Year in Review, with the numbers behind a year of performance work.' };
    const blurb = capture({ ...base, description: 'These Weeks in Firefox is a weekly series about the work of the Firefox team, published on the Nightly blog.' });
    expect(draftEntry(blurb, xmppNewsletter, 'articles')).toMatch(/: Here is our Firefox Year in Review/);
    const fragment = capture({ ...base, description: 'Drug-resistant bacteria, dubbed' });
    expect(draftEntry(fragment, xmppNewsletter, 'articles')).toMatch(/: Here is our Firefox Year in Review/);
    const summary = capture({ ...base, description: 'Firefox got faster this year: the performance work, in numbers.' });
    expect(draftEntry(summary, xmppNewsletter, 'articles')).toMatch(/: Firefox got faster this year/);
  });

  it('a heading glued to the first sentence by a CMS excerpt goes', () => {
    const page = capture({ url: URL_, title: 'These Weeks in Firefox: Issue 85', kind: 'article', description: "Highlights Here's our Firefox Year in Review! Here's our Performance Year in Review!", contentMarkdown: "## Highlights\n\n- Here's our Firefox Year in Review!" });
    expect(draftEntry(page, xmppNewsletter, 'articles')).toBe("[These Weeks in Firefox: Issue 85](https://news.example.org/2024/03/story/): Here's our Firefox Year in Review! Here's our Performance Year in Review!");
  });
});

describe('error pages', () => {
  const clip = (html: string, url = URL_) => capturePage(domFrom(html, url), { url });

  it('a 404 is an error page with a message for the popup, never a release or an article', () => {
    const c = clip(`<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>`, 'https://github.com/o/r/releases/tag/v1.0.0');
    expect(c.kind).toBe('error');
    expect(c.release).toBeNull();
    expect(c.error).toEqual({ status: 404, message: expect.stringMatching(/error page \(404 Not Found\)/) });
  });

  it('a real page that talks about errors is not one', () => {
    expect(clip(`<html><head><title>How to fix 404 errors on your XMPP server's web client</title></head><body><article><h1>How to fix 404 errors</h1>${prose(6)}</article></body></html>`).kind).not.toBe('error');
    expect(clip(`<html><head><title>500 Startups backs a chat company</title></head><body><article><h1>500 Startups backs a chat company</h1>${prose(2)}</article></body></html>`).kind).not.toBe('error');
  });
});
