/**
 * Articles and posts: a page that says it is one (schema.org Article types, og:type article,
 * an h-entry), a dated text with a byline however short, or substantial text the generic
 * extractor found.
 */
import type { PageAdapter, PageContext } from '../types';

const ARTICLE_TYPES = /^(\w*Article|BlogPosting|LiveBlogPosting|Report)$/;
/** Content longer than this (text characters) makes an unmarked page an article. */
const SUBSTANTIAL_TEXT = 1500;

function isArticle(page: PageContext): boolean {
  const { meta } = page;
  if (meta.schemaTypes.some((t) => ARTICLE_TYPES.test(t)) || meta.ogType === 'article' || meta.hEntry) return true;
  const content = page.content();
  return (
    // A dated text with a byline is a post, however short.
    (content.fromReadability && meta.publishedAt !== null && meta.authors.length > 0) ||
    (content.fromReadability && content.textLength >= SUBSTANTIAL_TEXT)
  );
}

export const article: PageAdapter = {
  id: 'article',
  kind: 'article',
  detect: isArticle,
  read: () => ({}),
};
