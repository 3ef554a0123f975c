import { canonicalUrl } from '../extract/url';
import type { PageCapture } from '../model/capture';

/** A capture made only from the tab's title and URL, for pages that cannot be read. */
export function fallbackCapture(url: string, title: string): PageCapture {
  let canonical = url;
  let host = url;
  try {
    canonical = canonicalUrl(url);
    host = new URL(url).hostname || url;
  } catch {
    // Not a URL we can normalise: keep it as given; saving still works.
  }
  return {
    url,
    canonicalUrl: canonical,
    title: title.trim() || host,
    siteName: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    language: null,
    description: null,
    image: null,
    schemaTypes: [],
    keywords: [],
    contentMarkdown: '',
    selectionMarkdown: null,
    kind: 'page',
    release: null,
    xep: null,
    video: null,
    event: null,
  };
}
