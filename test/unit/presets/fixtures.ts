import type { NewsItem } from '../../../utils/model/item';
import { makeItem, october2023Items } from '../export/fixtures';

/** Test data for the preset tests (not a test file itself). */

export const goldenDir = new URL('./golden/', import.meta.url);

/** The October 2023 items refiled under another newsletter id (same section ids). */
export function octoberItemsFor(newsletter: string): NewsItem[] {
  return october2023Items().map((item) => ({ ...item, newsletter }));
}

/** A week of a community digest: news, a release, a video, a podcast, an event. */
export function weeklyItems(): NewsItem[] {
  const base = { newsletter: 'weekly-digest', issue: '2024-W07', status: 'ready' as const };
  return [
    makeItem({
      ...base,
      section: 'news',
      url: 'https://blog.example.org/2024/02/state-of-the-project',
      entry: '[The state of the project in 2024](https://blog.example.org/2024/02/state-of-the-project) — a look back at a busy year.',
      contributor: 'Alice',
      position: 1,
    }),
    makeItem({
      ...base,
      section: 'releases',
      kind: 'release',
      url: 'https://example.org/releases/2.0',
      entry: '[Example 2.0](https://example.org/releases/2.0) has been released.',
      contributor: 'bob',
      position: 1,
    }),
    makeItem({
      ...base,
      section: 'media',
      kind: 'video',
      url: 'https://www.youtube.com/watch?v=abcdefghijk',
      entry: '[Building a community, one meetup at a time](https://www.youtube.com/watch?v=abcdefghijk)',
      contributor: 'Alice',
      position: 1,
    }),
    makeItem({
      ...base,
      section: 'media',
      kind: 'article',
      url: 'https://podcast.example.net/episodes/42',
      entry: '[Episode 42: maintainers talk](https://podcast.example.net/episodes/42)',
      contributor: 'Chen',
      position: 2,
    }),
    makeItem({
      ...base,
      section: 'media',
      kind: 'video',
      url: 'https://video.example.org/w/abcdefghijkl',
      // Already marked by the editor: not marked twice.
      entry: '[video] [A talk that was already marked](https://video.example.org/w/abcdefghijkl)',
      contributor: 'Chen',
      position: 3,
    }),
    makeItem({
      ...base,
      section: 'events',
      kind: 'event',
      url: 'https://events.example.org/meetup-berlin',
      entry: '[Community meetup in Berlin](https://events.example.org/meetup-berlin), 24 February.',
      contributor: 'bob',
      position: 1,
    }),
    // Another week: not in this issue.
    makeItem({ ...base, issue: '2024-W08', section: 'news', contributor: 'Mallory' }),
  ];
}

/** A month of a plain newsletter. */
export function genericItems(): NewsItem[] {
  const base = { newsletter: 'generic', issue: '2024-03', status: 'ready' as const };
  return [
    makeItem({ ...base, section: 'highlights', entry: '**Big news:** [we moved](https://example.org/moved).', contributor: 'Dana', position: 1 }),
    makeItem({ ...base, section: 'news', entry: '[A post](https://blog.example.org/a-post)', contributor: 'Eve', position: 1 }),
    makeItem({ ...base, section: 'releases', kind: 'release', entry: '[Tool 3.1](https://example.org/tool-3.1) is out.', contributor: 'Dana', position: 1 }),
    makeItem({ ...base, section: 'news', entry: 'Excluded', status: 'excluded', contributor: 'Zed' }),
  ];
}
