/**
 * Plain text out of clipped Markdown, and sentence splitting that survives version numbers,
 * abbreviations and URLs. Plain text here is still untrusted: escape it before use.
 */

/** Inline Markdown → text: links keep their text, images/HTML/emphasis marks go. */
export function inlineText(markdown: string): string {
  // Code spans are literal: "`<mechanisms/>`" must survive the HTML-tag removal below.
  const code: string[] = [];
  const stashed = markdown.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_whole, _ticks: string, body: string) => {
    code.push(body.trim());
    return `\u0000${code.length - 1}\u0000`;
  });
  return stashed
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1') // [text](url "title")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolinks
    .replace(/<\/?[a-zA-Z][^>]*>/g, '') // raw HTML tags
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1') // Markdown escapes
    .replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => code[Number(index)] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;

interface Block {
  kind: 'paragraph' | 'item';
  /** Indentation of a list item (0 for a top-level item). */
  indent: number;
  text: string;
}

/** Paragraphs and list items as plain text; code, headings, tables, rules and link reference definitions are dropped. */
function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  let fence: string | null = null;
  const flush = (): void => {
    if (current) {
      const text = inlineText(current.text);
      if (text) out.push({ ...current, text });
    }
    current = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, '    ');
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1] === fence) fence = null;
      continue;
    }
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1] ?? null;
      continue;
    }
    const trimmed = line.trim();
    if (
      !trimmed ||
      /^#{1,6}(\s|$)/.test(trimmed) ||
      /^\|/.test(trimmed) ||
      /^([-*_=]\s*){3,}$/.test(trimmed) ||
      /^\[[^\]]+\]:\s*\S/.test(trimmed)
    ) {
      flush();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      current = { kind: 'item', indent: (item[1] ?? '').length, text: item[2] ?? '' };
      continue;
    }
    const quote = trimmed.replace(/^(>\s?)+/, '');
    if (current) current.text += ` ${quote}`;
    else current = { kind: 'paragraph', indent: 0, text: quote };
  }
  flush();
  return out;
}

/** Lines that are page furniture, not content: bylines, share buttons, bare dates, notices. */
export function isBoilerplate(text: string): boolean {
  const t = text.trim();
  if (!/[\p{L}]/u.test(t)) return true;
  if (/^(posted|published|written|updated|last updated|filed)(\s+(by|on|in|under)\b|:)/i.test(t)) return true;
  if (/^(by|von|par)\s+\p{Lu}[\p{L}.' -]{0,60}$/u.test(t)) return true;
  if (/^(share|teilen)\b|^share (this|on)\b|^(tags?|categories|category|filed under)\s*:/i.test(t)) return true;
  if (/^(read more|continue reading|click here|skip to|table of contents|advertisement|related posts?)\b/i.test(t)) return true;
  if (/\b(cookies?|javascript)\b/i.test(t) && /\b(enable|accept|consent|use|uses|using|required|disabled)\b/i.test(t)) return true;
  if (isDateOnly(t)) return true;
  return false;
}

const MONTHS =
  'jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|' +
  'januar|februar|märz|mai|juni|juli|oktober|dezember';

function isDateOnly(text: string): boolean {
  const stripped = text
    .toLowerCase()
    .replace(new RegExp(`\\b(${MONTHS})\\b\\.?`, 'g'), '')
    .replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?/g, '')
    .replace(/\b(\d+(st|nd|rd|th)?|am|pm|utc|at|on|um|uhr)\b/g, '')
    .replace(/[\s,./:–—-]+/g, '');
  return stripped === '';
}

/** Content paragraphs and list items as plain text, furniture skipped. */
export function textBlocks(markdown: string): string[] {
  return blocks(markdown)
    .map((b) => b.text)
    .filter((t) => !isBoilerplate(t));
}

/** The first-level list items, in order, as plain text (release notes' main points). */
export function topListItems(markdown: string): string[] {
  const all = blocks(markdown).filter((b) => b.kind === 'item');
  const top = Math.min(...all.map((b) => b.indent));
  return all.filter((b) => b.indent === top && !isBoilerplate(b.text)).map((b) => b.text);
}

/** Abbreviations whose period does not end a sentence (lower case, without the final period). */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'no', 'nr', 'approx', 'incl',
  'z.b', 'd.h', 'u.a', 'bzw', 'ca', 'vgl', 'jr', 'sr', 'fig', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Split plain text into sentences. A sentence ends at . ! ? or … followed by a space and a
 * capital, digit or quote — so "v1.2.3", "xmpp.org/x.html" and "e.g. Gajim" stay whole.
 */
export function splitSentences(text: string): string[] {
  const input = text.replace(/\s+/g, ' ').trim();
  const sentences: string[] = [];
  let start = 0;
  const boundary = /([.!?…]+)["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;
  let match: RegExpExecArray | null;
  while ((match = boundary.exec(input)) !== null) {
    const end = match.index + match[0].trimEnd().length;
    const candidate = input.slice(start, end);
    if (match[1] === '.' && endsWithAbbreviation(candidate)) continue;
    sentences.push(candidate.trim());
    start = match.index + match[0].length;
  }
  const rest = input.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function endsWithAbbreviation(sentence: string): boolean {
  const word = /(\S+)\.$/.exec(sentence)?.[1] ?? '';
  const bare = word.replace(/^[("'“‘[]+/, '').toLowerCase();
  if (ABBREVIATIONS.has(bare)) return true;
  // A single initial, as in "J. Smith".
  return /^\p{Lu}$/u.test(word);
}
