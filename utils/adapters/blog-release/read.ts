/**
 * A release announced on the project's own site (blog post, news page): only a title that
 * reads like an announcement counts ("Gajim 1.8.2 released", "Release of Prosody 0.12.4").
 */
import type { PageAdapter } from '../types';
import { releaseFromTitle } from '../release/title';

export const blogRelease: PageAdapter = {
  id: 'blog-release',
  kind: 'release',
  detect: (page) => releaseFromTitle(page.title) !== null,
  read: (page) => {
    const release = releaseFromTitle(page.title);
    return release ? { release } : null;
  },
};
