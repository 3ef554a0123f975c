/**
 * HTML → Markdown with the conventions the newsletter uses: ATX headings, fenced code that keeps
 * its language, "-" bullets, "_" emphasis, GFM tables and strikethrough, absolute links.
 */
import TurndownService from 'turndown';
import { strikethrough, tables, taskListItems } from '@joplin/turndown-plugin-gfm';
import { absoluteUrl } from './url';

const DROPPED_TAGS = [
  'script', 'style', 'noscript', 'iframe', 'form', 'template', 'object', 'embed', 'button',
  'input', 'select', 'textarea', 'canvas', 'dialog',
] as const;

/** Link targets a reader can follow; anything else keeps its text but loses the link. */
const FOLLOWABLE = /^(https?:|mailto:|xmpp:)/i;

/** Heading permalinks ("¶", "#") add nothing to a clipped text. */
const PERMALINK_TEXT = /^[\s¶#§🔗]*$/u;

const LANGUAGE_CLASS = /(?:^|\s)(?:language|lang|highlight-source|highlight-text|brush:)-?([\w+#.-]+)/i;

/** The code language a <pre> declares on itself, its <code> child or a highlighter wrapper. */
export function codeLanguage(pre: Element): string {
  // Medium marks the language on a span inside the <pre> (data-code-block-lang).
  const candidates = [pre, pre.querySelector('code'), pre.querySelector('[data-code-block-lang]'), pre.parentElement];
  for (const el of candidates) {
    if (!el) continue;
    const data = el.getAttribute('data-lang') ?? el.getAttribute('data-language') ?? el.getAttribute('data-code-block-lang');
    if (data && /^[\w+#.-]{1,30}$/.test(data)) return data.toLowerCase();
    const match = LANGUAGE_CLASS.exec(el.getAttribute('class') ?? '');
    if (match?.[1]) return match[1].toLowerCase();
  }
  return '';
}

function fence(code: string): string {
  let size = 3;
  for (const m of code.matchAll(/^`{3,}/gm)) size = Math.max(size, m[0].length + 1);
  return '`'.repeat(size);
}

function escapeLinkText(text: string): string {
  return text.replace(/([[\]])/g, '\\$1');
}

export function createConverter(baseUrl: string): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
    linkStyle: 'inlined',
  });
  service.use([tables, strikethrough, taskListItems]);
  service.remove([...DROPPED_TAGS]);
  // Rules added later win over the defaults and the plugin's.
  service.addRule('fencedPre', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const code = (node.textContent ?? '').replace(/^\n/, '').replace(/\n+$/, '');
      const marks = fence(code);
      return `\n\n${marks}${codeLanguage(node)}\n${code}\n${marks}\n\n`;
    },
  });
  service.addRule('absoluteLink', {
    filter: (node) => node.nodeName === 'A' && node.hasAttribute('href'),
    replacement: (content, node) => {
      if (PERMALINK_TEXT.test(content)) return '';
      // A link around blocks (a heading, a card) cannot be written inline; keep the blocks.
      if (content.includes('\n')) return content;
      const href = absoluteUrl((node as Element).getAttribute('href') ?? '', baseUrl);
      if (!href || !FOLLOWABLE.test(href)) return content;
      return `[${content}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as Element | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1');
        const index = Array.prototype.indexOf.call(parent.children, node);
        prefix = `${(Number.isFinite(start) ? start : 1) + index}. `;
      }
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return prefix + body + (node.nextSibling && !/\n$/.test(body) ? '\n' : '');
    },
  });
  service.addRule('absoluteImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as Element;
      const src = absoluteUrl(el.getAttribute('src') ?? '', baseUrl);
      // data: images would put kilobytes of base64 into an entry.
      if (!src || !/^https?:/i.test(src)) return '';
      const alt = escapeLinkText((el.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
      return `![${alt}](${src.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  return service;
}

/**
 * Turndown escapes "-", "+", "=", "#", ">" and "1." at the start of every text node, as if each
 * began a line: "[Snikket](…)\-Server". Mid-line those escapes are noise; drop them outside code.
 */
function unescapeMidLine(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      // Only after some text on the same line: right after a line's block markers ("- ", "> ",
      // "## ") the escape is still needed.
      const prefix = /^\s*(?:(?:[-*+]|\d+[.)]|>|#{1,6})\s+)*/.exec(line)?.[0] ?? '';
      // `rest` starts with text, so "after some text" is any offset past 0 (no lookbehind: a
      // lookbehind over the line is quadratic on long lines).
      const rest = line
        .slice(prefix.length)
        .replace(/\\([-+=#>])/g, (escaped, char: string, offset: number) => (offset > 0 ? char : escaped))
        .replace(/(\d+)\\\./g, (escaped, digits: string, offset: number) => (offset > 0 ? `${digits}.` : escaped));
      return prefix + rest;
    })
    .join('\n');
}

/** Trim, drop mid-line escapes and collapse runs of blank lines that block elements leave behind. */
export function tidyMarkdown(markdown: string): string {
  return unescapeMidLine(markdown.replace(/[ \t]+$/gm, '')).replace(/\n{3,}/g, '\n\n').trim();
}
