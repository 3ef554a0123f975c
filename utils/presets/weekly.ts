import type { NewsletterPreset } from './types';

/**
 * A weekly "This Week in …" community digest, in the manner of This Week in Rust: updates
 * grouped under one heading, calls for participation, events, and an italic
 * "*No … this week.*" line for a section nobody filled. Videos and podcasts keep their
 * "[video]" / "[audio]" markers so readers know what a link opens.
 */
export const weeklyDigest: NewsletterPreset = {
  id: 'weekly-digest',
  name: 'This Week in the Community',
  cadence: 'weekly',
  titleTemplate: 'This Week in the Community, week {week} of {year}',
  // Wednesday of the following week, as This Week in Rust does.
  publishDay: 3,
  frontMatterExtra: ["categories: ['This Week']"],
  fileNameTemplate: '{publishDate}-this-week-{issue}.md',
  intro: [
    'Hello and welcome to another issue of *This Week in the Community*, covering {period}.',
    'Want something mentioned? Send it to the editors — every link in this issue was sent in by someone like you.',
  ].join('\n'),
  language: 'en',
  languageTag: '[{LANG}]',
  defaultSection: 'news',
  entryPrefixes: [
    { prefix: '[video]', kinds: ['video'] },
    {
      prefix: '[audio]',
      urlPatterns: [
        String.raw`podcast`,
        String.raw`\.(mp3|ogg|opus|m4a)(\?|#|$)`,
        String.raw`//(www\.)?podcasts\.apple\.com/`,
        String.raw`//open\.spotify\.com/(episode|show)/`,
        String.raw`//anchor\.fm/`,
      ],
    },
  ],
  sections: [
    { id: 'updates', heading: 'Updates from the Community', level: 2, kind: 'container' },
    {
      id: 'news',
      heading: 'News & Blog Posts',
      label: 'News',
      level: 3,
      kind: 'collected',
      placeholder: '*No news or blog posts this week.*',
      hints: { kinds: ['article', 'social', 'page'] },
    },
    {
      id: 'releases',
      heading: 'Project Updates',
      label: 'Releases',
      level: 3,
      kind: 'collected',
      placeholder: '*No project updates this week.*',
      hints: { kinds: ['release'], keywords: ['release', 'released', 'changelog', 'version'] },
    },
    {
      id: 'media',
      heading: 'Videos & Podcasts',
      label: 'Videos & Podcasts',
      level: 3,
      kind: 'collected',
      placeholder: '*No videos or podcasts this week.*',
      hints: { kinds: ['video'], keywords: ['podcast', 'episode', 'talk', 'recording'], urlPatterns: [String.raw`podcast`] },
    },
    {
      id: 'participation',
      heading: 'Call for Participation',
      label: 'Call for Participation',
      level: 2,
      kind: 'collected',
      body: 'Projects that are looking for help, and calls for papers or speakers.',
      placeholder: '*No calls for participation this week.*',
      hints: { keywords: ['help wanted', 'good first issue', 'call for', 'cfp', 'contributors wanted', 'volunteers'] },
    },
    {
      id: 'events',
      heading: 'Upcoming Events',
      label: 'Events',
      level: 2,
      kind: 'collected',
      placeholder: '*No events this week.*',
      hints: { kinds: ['event'], keywords: ['meetup', 'conference', 'summit', 'workshop', 'webinar', 'hackathon'] },
    },
    {
      id: 'jobs',
      heading: 'Jobs',
      label: 'Jobs',
      level: 2,
      kind: 'collected',
      optional: true,
      hints: { keywords: ['hiring', 'job', 'position', 'vacancy'] },
    },
    {
      id: 'quote',
      heading: 'Quote of the Week',
      label: 'Quote',
      level: 2,
      kind: 'collected',
      placeholder: '*No quote was selected this week.*',
    },
    {
      id: 'thanks',
      heading: 'Thanks',
      level: 2,
      kind: 'fixed',
      body: 'This issue was put together by {contributors}. See you next week!',
    },
  ],
  knownProjects: [],
};
