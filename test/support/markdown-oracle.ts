import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfm } from 'micromark-extension-gfm';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/**
 * A test's own reading of a draft, independent of the code under test: the whole draft parsed
 * at once by micromark, twice — with all of GFM, and without its autolinked literals (whose
 * extent micromark and goldmark judge differently) — and what in either reading a reader's
 * browser would fetch or follow.
 */
export interface DraftFindings {
  /** Link targets as the browser follows them (tabs/newlines dropped, ends trimmed). */
  links: string[];
  images: string[];
  definitions: string[];
  footnotes: string[];
  html: string[];
  /** Headings and rules (in either reading): the draft's own structure plus any an entry added. */
  headings: number;
}

const WITHOUT_LITERALS = {
  extensions: [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()],
  mdastExtensions: [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
};

export function findingsOf(markdown: string): DraftFindings {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const found: DraftFindings = { links: [], images: [], definitions: [], footnotes: [], html: [], headings: 0 };
  const stack: Nodes[] = [fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), fromMarkdown(body, WITHOUT_LITERALS)];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'link') found.links.push(node.url.replace(/[\t\n\r]/g, '').trim());
    if (node.type === 'image' || node.type === 'imageReference') found.images.push(node.type === 'image' ? node.url : node.identifier);
    if (node.type === 'definition') found.definitions.push(`[${node.label}]: ${node.url}`);
    if (node.type === 'linkReference') found.links.push(`reference:${node.identifier}`);
    if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference') found.footnotes.push(node.identifier);
    if (node.type === 'html') found.html.push(node.value);
    if (node.type === 'heading' || node.type === 'thematicBreak') found.headings += 1;
    // micromark reads `<img src=https://…>` (a "/" in an unquoted value) as text; goldmark as HTML.
    if (node.type === 'text' && node.position) {
      const raw = body.slice(node.position.start.offset, node.position.end.offset);
      for (const m of raw.matchAll(/(\\*)<[A-Za-z/!?]/g)) if ((m[1]?.length ?? 0) % 2 === 0) found.html.push(raw.slice(m.index));
    }
    if ('children' in node) stack.push(...node.children);
  }
  return found;
}

/** A link target a published issue may carry: web, xmpp, mailto, the site's own pages, fragments. */
export function isSafeTarget(url: string): boolean {
  return /^(?:https?:|xmpp:|mailto:|#|\/(?![/\\]))/i.test(url);
}

/** Everything in `markdown` a reader should not meet: unsafe links, images, definitions, footnotes, raw HTML. */
export function unsafeFindings(markdown: string): string[] {
  const f = findingsOf(markdown);
  return [
    ...f.links.filter((l) => !isSafeTarget(l)).map((l) => `link ${l}`),
    ...f.images.map((i) => `image ${i}`),
    ...f.definitions.map((d) => `definition ${d}`),
    ...f.footnotes.map((n) => `footnote ${n}`),
    ...f.html.map((h) => `html ${h}`),
  ];
}
