import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { h, type JSX } from 'preact';
import { MAX_NESTING, nestingDepth } from '../../utils/markdown/bounds';

/**
 * THE one place in Newsdesk that turns text into HTML. Clipped text is hostile: it comes from
 * any web page. Two layers:
 * 1. marked renders Markdown, but raw HTML in the Markdown is shown as text (as Hugo's default
 *    renderer drops it), and images become links: a preview must not fetch anything.
 * 2. DOMPurify then keeps only formatting tags, `href`/`title`, and http(s)/mailto/#fragment
 *    URLs: no script, no event handlers, no javascript:/data: URLs, no iframes, forms, styles
 *    or images. Links open in a new tab without opener or referrer.
 * Everything else renders text through Preact, which escapes it.
 *
 * Work per preview is bounded: marked recurses on nested quotes and lists (it overflows the
 * stack on `'>'.repeat(2000)`) and slows down more than linearly on long runs of emphasis
 * (100 KB of "a_" took seconds). A preview shows at most PREVIEW_CHARS characters, as plain
 * text when they nest too deep, and says so under it.
 */

/** Longest text a preview renders; the export still takes the whole entry. */
export const PREVIEW_CHARS = 2000;
/** Most emphasis and strikethrough markers ("*", "_", "~") a preview parses. */
const MAX_DELIMITERS = 400;

const ALLOWED_TAGS = [
  'a', 'p', 'br', 'strong', 'em', 'b', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote',
  'del', 's', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function createMarked(): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag) {
        return token.block ? `<p>${escapeHtml(token.text)}</p>` : escapeHtml(token.text);
      },
      image(token: Tokens.Image) {
        const label = `image: ${token.text || token.href}`;
        return `<a href="${escapeHtml(token.href)}">${escapeHtml(label)}</a>`;
      },
    },
  });
}

export interface SafeMarkdownRenderer {
  /** Sanitized HTML for `markdown`, safe to insert into an extension page. */
  toHtml(markdown: string): string;
}

/** A renderer bound to a window (the page's, or jsdom's in tests). */
export function createSafeMarkdown(window: Window): SafeMarkdownRenderer {
  const purify: DOMPurify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const marked = createMarked();
  return {
    toHtml(markdown) {
      const { text, notes } = boundedPreview(markdown);
      const html = notes.some((n) => n.plain) ? `<p>${escapeHtml(text)}</p>` : marked.parse(text, { async: false });
      const said = notes.map((n) => `<p><em>${escapeHtml(n.note)}</em></p>`).join('');
      // target/rel are added by the hook after sanitizing; they are not allowed from input.
      return purify.sanitize(html + said, PURIFY_CONFIG);
    },
  };
}

/** The part of `markdown` a preview renders, and what to say about the rest. */
function boundedPreview(markdown: string): { text: string; notes: Array<{ note: string; plain: boolean }> } {
  const notes: Array<{ note: string; plain: boolean }> = [];
  let text = markdown;
  if (text.length > PREVIEW_CHARS) {
    // Cut at a line end when one is near, so the last line previews whole.
    const lineEnd = text.lastIndexOf('\n', PREVIEW_CHARS);
    text = text.slice(0, lineEnd > PREVIEW_CHARS * 0.8 ? lineEnd : PREVIEW_CHARS);
    notes.push({ note: `Preview of the first ${text.length.toLocaleString('en')} of ${markdown.length.toLocaleString('en')} characters.`, plain: false });
  }
  if (nestingDepth(text, MAX_NESTING) > MAX_NESTING) {
    notes.push({ note: `Shown as plain text: quotes or lists nest more than ${MAX_NESTING} deep.`, plain: true });
  } else if ((text.match(/[*_~]/g)?.length ?? 0) > MAX_DELIMITERS) {
    notes.push({ note: `Shown as plain text: more than ${MAX_DELIMITERS} emphasis marks (*, _, ~) to preview.`, plain: true });
  }
  return { text, notes };
}

let pageRenderer: SafeMarkdownRenderer | undefined;

/** Markdown from a clipped page, rendered inert. */
export function SafeMarkdown({ markdown, class: className }: { markdown: string; class?: string }): JSX.Element {
  pageRenderer ??= createSafeMarkdown(window);
  return h('div', { class: className, dangerouslySetInnerHTML: { __html: pageRenderer.toHtml(markdown) } });
}
