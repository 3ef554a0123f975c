import type { NewsletterPreset } from './types';

/**
 * A plain monthly newsletter: a few common sections, plain Markdown without Hugo front
 * matter. A starting point to copy and adapt in the newsletter editor.
 */
export const genericNewsletter: NewsletterPreset = {
  id: 'generic',
  name: 'Monthly Newsletter',
  cadence: 'monthly',
  titleTemplate: '{newsletter}: {month} {year}',
  publishDay: 1,
  frontMatter: false,
  frontMatterExtra: [],
  fileNameTemplate: 'newsletter-{issue}.md',
  intro: 'What happened in {month} {year}, collected by {contributors}.',
  language: 'en',
  languageTag: '[{LANG}]',
  defaultSection: 'news',
  sections: [
    { id: 'highlights', heading: 'Highlights', label: 'Highlights', level: 2, kind: 'collected', optional: true },
    {
      id: 'news',
      heading: 'News',
      label: 'News',
      level: 2,
      kind: 'collected',
      placeholder: '- No news this month.',
      hints: { kinds: ['article', 'social', 'page'] },
    },
    {
      id: 'releases',
      heading: 'Releases',
      label: 'Releases',
      level: 2,
      kind: 'collected',
      placeholder: '- No releases this month.',
      hints: { kinds: ['release'] },
    },
    {
      id: 'events',
      heading: 'Events',
      label: 'Events',
      level: 2,
      kind: 'collected',
      placeholder: '- No events this month.',
      hints: { kinds: ['event'] },
    },
    {
      id: 'videos',
      heading: 'Videos',
      label: 'Videos',
      level: 2,
      kind: 'collected',
      optional: true,
      hints: { kinds: ['video'] },
    },
    {
      id: 'thanks',
      heading: 'Thanks',
      level: 2,
      kind: 'fixed',
      body: 'Thanks to everyone who sent in news this month: {contributors}.',
    },
  ],
  knownProjects: [],
};
