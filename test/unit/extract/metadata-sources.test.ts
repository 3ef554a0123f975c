/** Metadata precedence and provenance: which source wins, and that the capture says so. */
import { describe, expect, it } from 'vitest';
import { namesFromByline } from '../../../utils/extract/byline';
import { readMetadata, stripSiteSuffix } from '../../../utils/extract/metadata';
import { capturePage } from '../../../utils/extract/page';
import { toIsoDuration } from '../../../utils/adapters/video/read';
import { domFrom } from './load-fixture';

const URL_ = 'https://blog.example.org/2024/post/';

describe('metadata precedence with sources', () => {
  it('JSON-LD beats OpenGraph beats Dublin Core, and each field names its source', () => {
    const doc = domFrom(`<html lang="en"><head><title>Page title | Blog</title>
      <meta property="og:title" content="OG title"><meta property="og:site_name" content="Blog">
      <meta name="DC.date" content="2024-01-01"><meta property="article:published_time" content="2024-02-02T10:00:00Z">
      <script type="application/ld+json">{"@type":"BlogPosting","headline":"JSON-LD title","datePublished":"2024-03-03T09:00:00+01:00","author":{"@type":"Person","name":"Ann Lee"}}</script>
      </head><body><h1>Heading</h1></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta).toMatchObject({ title: 'JSON-LD title', publishedAt: '2024-03-03T09:00:00+01:00', authors: ['Ann Lee'], siteName: 'Blog' });
    expect(meta.sources).toMatchObject({ title: 'json-ld', publishedAt: 'json-ld', authors: 'json-ld', siteName: 'opengraph', language: 'html', canonicalUrl: 'url' });
    expect(meta.sources.description).toBeUndefined();
  });

  it('reads h-entry microformats when there is no structured metadata, ignoring nested replies', () => {
    const doc = domFrom(`<html><body><article class="h-entry"><h1 class="p-name">A note</h1>
      <a class="p-author h-card" href="/"><span class="p-name">Jamie</span></a>
      <time class="dt-published" datetime="2024-05-02T21:14:00+01:00">2 May</time>
      <p class="p-summary">Short summary.</p>
      <div class="h-entry"><span class="p-author">Sam</span><time class="dt-published" datetime="2020-01-01">old</time></div>
      </article></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta).toMatchObject({ title: 'A note', authors: ['Jamie'], publishedAt: '2024-05-02T21:14:00+01:00', description: 'Short summary.', hEntry: true });
    expect(meta.sources).toMatchObject({ title: 'microformats', authors: 'microformats', publishedAt: 'microformats', description: 'microformats' });
  });

  it('falls back to a visible byline and date next to the headline, not the sidebar', () => {
    const doc = domFrom(`<html><body><div class="post"><h1>Running Openfire</h1>
      <div class="byline">By Marta Lindqvist · <span class="date">March 3, 2024</span></div><p>Text.</p></div>
      <div class="sidebar"><span class="date">February 12, 2020</span></div></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta).toMatchObject({ authors: ['Marta Lindqvist'], publishedAt: '2024-03-03' });
    expect(meta.sources).toMatchObject({ authors: 'byline', publishedAt: 'byline' });
  });

  it('leaves authors and date missing when the page does not state them', () => {
    const doc = domFrom('<html><body><h1>Notes</h1><p>Updated: March 3, 2024. Some text by the way.</p></body></html>', URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta.authors).toEqual([]);
    expect(meta.publishedAt).toBeNull();
    expect(meta.sources.publishedAt).toBeUndefined();
  });

  it('reads GitHub/Forgejo <relative-time datetime> as the release date', () => {
    const doc = domFrom(`<html><body><main><h1>Dino 0.4.3</h1><div>fiaxh released this
      <relative-time datetime="2023-10-03T19:05:33Z">03 Oct</relative-time></div></main></body></html>`, 'https://github.com/dino/dino/releases/tag/v0.4.3');
    const meta = readMetadata(doc, 'https://github.com/dino/dino/releases/tag/v0.4.3');
    expect(meta.publishedAt).toBe('2023-10-03T19:05:33Z');
    expect(meta.sources.publishedAt).toBe('time-element');
  });

  it('prefers the full meta description over an og:description cut with "…"', () => {
    const doc = domFrom(`<html><head><meta property="og:description" content="OMEMO keeps your messages private. This article explains…">
      <meta name="description" content="OMEMO keeps your messages private. This article explains devices and trust."></head><body></body></html>`, URL_);
    const meta = readMetadata(doc, URL_);
    expect(meta.description).toBe('OMEMO keeps your messages private. This article explains devices and trust.');
    expect(meta.sources.description).toBe('meta');
  });

  it('the capture carries the sources, title falling back to the host as "url"', () => {
    const c = capturePage(domFrom('<html><body><p>Hello</p></body></html>', 'https://quiet.example/x'), { url: 'https://quiet.example/x' });
    expect(c.sources).toMatchObject({ title: 'url', canonicalUrl: 'url' });
  });
});

describe('titles, bylines, durations', () => {
  it('strips every site, publication and forge suffix, but keeps the repository when the rest does not name it', () => {
    expect(stripSiteSuffix('Post title | by Ann Lee | The Startup | Medium', 'Medium', 'https://medium.com/swlh/x', ['Post title'])).toBe('Post title');
    expect(stripSiteSuffix('nbxmpp 4.5.0 · gajim / python-nbxmpp · GitLab', 'GitLab', 'https://dev.gajim.org/gajim/python-nbxmpp/-/releases/4.5.0')).toBe('nbxmpp 4.5.0');
    expect(stripSiteSuffix('Release v0.12.0 · Kaidan/Kaidan', 'Codeberg.org', 'https://codeberg.org/Kaidan/Kaidan/releases/tag/v0.12.0')).toBe('Release v0.12.0 · Kaidan/Kaidan');
    expect(stripSiteSuffix('monocles chat | F-Droid - Free and Open Source Android App Repository', 'F-Droid - Free and Open Source Android App Repository', 'https://f-droid.org/en/packages/de.monocles.chat/')).toBe('monocles chat');
  });

  it('reads names from bylines and nothing from sentences', () => {
    expect(namesFromByline('By Ana Ruiz and Tom Li · 5 min read')).toEqual(['Ana Ruiz', 'Tom Li']);
    expect(namesFromByline('von Jana Weber')).toEqual(['Jana Weber']);
    expect(namesFromByline('Posted in the evening after a long day of work')).toEqual([]);
  });

  it('normalises ISO durations without zero parts', () => {
    expect(toIsoDuration('PT00H30M54S')).toBe('PT30M54S');
    expect(toIsoDuration('PT1H0M0S')).toBe('PT1H');
    expect(toIsoDuration('1854')).toBe('PT30M54S');
  });
});
