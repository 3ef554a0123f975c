import type { PageCapture } from '../../utils/model/capture';

/** A PageCapture with plausible defaults, for tests that do not exercise extraction. */
export function makeCapture(overrides: Partial<PageCapture> = {}): PageCapture {
  const url = overrides.url ?? 'https://gajim.org/post/2023-10-29-gajim-1.8.2-released/';
  return {
    url,
    canonicalUrl: overrides.canonicalUrl ?? url,
    title: 'Gajim 1.8.2 released',
    siteName: 'Gajim',
    authors: ['wurstsalat'],
    publishedAt: '2023-10-29T00:00:00Z',
    modifiedAt: null,
    language: 'en',
    description: 'Gajim 1.8.2 comes with better support for gateways and improved group chats.',
    image: null,
    schemaTypes: ['BlogPosting'],
    keywords: [],
    contentMarkdown: '## What’s New\n\n- Better support for gateways\n- Improved group chats\n',
    selectionMarkdown: null,
    kind: 'release',
    release: { project: 'Gajim', version: '1.8.2' },
    xep: null,
    video: null,
    event: null,
    ...overrides,
  };
}
