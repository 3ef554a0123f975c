/**
 * Golden tests: every adapter has a realistic saved page in test/fixtures/pages and, in
 * test/fixtures/expected/<name>.json, the item fields, the proposed section and the drafted
 * entry a newsletter editor should get from it. A missing expected file fails the test;
 * `UPDATE_FIXTURES=1 npx vitest run --project unit test/unit/extract/golden.test.ts` writes it
 * (then read it by eye before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestSection } from '../../../utils/categorize/suggest';
import { capturePage } from '../../../utils/extract/page';
import type { PageCapture } from '../../../utils/model/capture';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { draftEntry } from '../../../utils/summarize/entry';
import { loadFixture } from './load-fixture';

const expectedDir = path.resolve(__dirname, '../../fixtures/expected');
const update = process.env['UPDATE_FIXTURES'] === '1';

/** Fixture page → the URL it was saved from (the URL decides canonical links and forge rules). */
const FIXTURES: Record<string, string> = {
  // Releases
  'hugo-blog-post': 'https://gajim.org/post/2023-10-10-gajim-1.8.2-released/?utm_source=mastodon',
  'github-release': 'https://github.com/dino/dino/releases/tag/v0.4.3',
  'codeberg-release': 'https://codeberg.org/Kaidan/Kaidan/releases/tag/v0.12.0',
  'gitlab-release': 'https://dev.gajim.org/gajim/python-nbxmpp/-/releases/4.5.0',
  'fdroid-package': 'https://f-droid.org/en/packages/de.monocles.chat/',
  // Specifications
  'xep-0424': 'https://xmpp.org/extensions/xep-0424.html',
  'xep-0001': 'https://xmpp.org/extensions/xep-0001.html',
  'inbox-payment-required': 'https://xmpp.org/extensions/inbox/payment-required.html',
  // Videos
  'youtube-watch': 'https://www.youtube.com/watch?v=Xy7Q3ZpLw1s&si=abc123',
  'vimeo-video': 'https://vimeo.com/872145230',
  'peertube-video': 'https://framatube.org/w/kT3c9WqzJx2mPaYb8dVvEe',
  // Events
  'event-page': 'https://xmpp-meetup.in-berlin.de/events/sprint-2024/',
  // Social
  'mastodon-status': 'https://fosstodon.org/@gajim/111389327761234567',
  // Articles
  'wordpress-article': 'https://blog.snikket.example/2024/01/xmpp-server-raspberry-pi/',
  'news-article': 'https://www.techledger.example/2024/03/07/eu-messaging-interoperability-open-standards/?fbclid=IwAR0',
  'substack-post': 'https://opencomms.substack.com/p/why-we-moved-our-team-chat-to-xmpp?utm_source=substack&utm_medium=email',
  'medium-post': 'https://medium.com/swlh/end-to-end-encryption-in-xmpp-explained-without-math-3c9d41f2b8e0',
  'ghost-post-de': 'https://blog.tsv-beispiel.de/warum-unser-verein-auf-xmpp-umgestiegen-ist/',
  'german-article': 'https://kiezfunk.example/artikel/vereinschat-xmpp/',
  'indieweb-note': 'https://jamie.example/2024/05/02/biboumi/',
  'byline-only': 'https://notes.serverroom.example/2024/03/openfire-container/',
  'no-metadata': 'https://notes.example.net/chat-server.html',
};

/** The fields a golden file pins down: everything an editor sees, content included. */
type Golden = {
  url: string;
  item: Omit<PageCapture, 'url' | 'selectionMarkdown'>;
  section: string;
  entry: string;
};

function golden(name: string, url: string): Golden {
  const capture = capturePage(loadFixture(`${name}.html`, url), { url });
  const section = suggestSection(capture, xmppNewsletter).section;
  const { url: _url, selectionMarkdown: _selection, ...item } = capture;
  return { url, item, section, entry: draftEntry(capture, xmppNewsletter, section) };
}

describe('golden fixtures: item fields, section and entry per adapter', () => {
  for (const [name, url] of Object.entries(FIXTURES)) {
    it(name, () => {
      const actual = golden(name, url);
      const file = path.join(expectedDir, `${name}.json`);
      if (update) {
        mkdirSync(expectedDir, { recursive: true });
        writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(existsSync(file), `missing ${path.relative(process.cwd(), file)}; run with UPDATE_FIXTURES=1 and review it`).toBe(true);
      const expected = JSON.parse(readFileSync(file, 'utf8')) as Golden;
      // Compared field by field so that a failure names the field.
      expect(actual.item.title).toBe(expected.item.title);
      expect(actual.item.kind).toBe(expected.item.kind);
      expect(actual.section).toBe(expected.section);
      expect(actual.entry).toBe(expected.entry);
      expect(actual.item).toEqual(expected.item);
    });
  }
});
