/**
 * The plain pipeline popular clippers use (MarkDownload and friends): Readability with its
 * defaults on a clone of the document, its HTML handed to a default Turndown. Nothing else:
 * no metadata beyond Readability's, no kind, no section, no entry.
 */
import { Readability } from '@mozilla/readability';
import TurndownService from 'turndown';

export function plainPipeline(doc: Document): { ok: boolean; markdownChars: number } {
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content) return { ok: false, markdownChars: 0 };
  const markdown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' }).turndown(article.content);
  return { ok: true, markdownChars: markdown.length };
}
