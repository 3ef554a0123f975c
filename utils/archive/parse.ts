/**
 * A newsletter issue (or the team's pad in the same shape) read as blocks: front matter,
 * headings, lists of entries, paragraphs, figures and other shortcodes — what a published
 * issue is made of, in its own order. Pure and line based: the newsletter's Markdown keeps
 * entries as list items ("- " at the start of a line, nested lines indented, sometimes a lazy
 * continuation line), prose as paragraphs, and figures as one shortcode line.
 */

export interface FrontMatter {
  /** Every `key: value` line, values unquoted. */
  fields: Record<string, string>;
  /** The lines between the two `---`, as written. */
  raw: string;
}

export type Block =
  /** One list: its items, each the item's text without "- " (continuation lines kept as written). */
  | { kind: 'list'; items: string[]; raw: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'figure'; src: string; caption: string | null; alt: string | null; raw: string }
  | { kind: 'shortcode'; raw: string };

export interface Heading {
  level: number;
  text: string;
  /** Blocks under this heading, up to the next heading of any level. */
  blocks: Block[];
}

export interface ParsedIssue {
  frontMatter: FrontMatter | null;
  /** Blocks before the first heading (banner, intro). */
  preamble: Block[];
  headings: Heading[];
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const LIST_ITEM = /^[-*+][ \t]+/;
const SHORTCODE = /^\{\{[<%]\s*([\w-]+)([\s\S]*?)[%>]\}\}\s*$/;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

function parseFrontMatter(lines: string[]): { frontMatter: FrontMatter | null; rest: string[] } {
  if (lines[0]?.trim() !== '---') return { frontMatter: null, rest: lines };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return { frontMatter: null, rest: lines };
  const body = lines.slice(1, end);
  const fields: Record<string, string> = {};
  for (const line of body) {
    const m = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/.exec(line);
    if (m) fields[m[1]!] = unquote(m[2]!);
  }
  return { frontMatter: { fields, raw: body.join('\n') }, rest: lines.slice(end + 1) };
}

/** A shortcode's named parameters: src="…" caption="…". */
function shortcodeParams(args: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of args.matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/g)) {
    params[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4] ?? '');
  }
  return params;
}

function shortcodeBlock(line: string): Block | null {
  const m = SHORTCODE.exec(line.trim());
  if (!m) return null;
  if (m[1] === 'figure') {
    const p = shortcodeParams(m[2] ?? '');
    return { kind: 'figure', src: p.src ?? '', caption: p.caption ?? null, alt: p.alt ?? null, raw: line.trim() };
  }
  return { kind: 'shortcode', raw: line.trim() };
}

/** Split the lines under one heading into blocks. */
function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const blank = (line: string | undefined) => line === undefined || line.trim() === '';
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const shortcode = shortcodeBlock(line);
    if (shortcode) {
      blocks.push(shortcode);
      i++;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const items: string[] = [];
      const raw: string[] = [];
      let current: string[] | null = null;
      while (i < lines.length) {
        const l = lines[i]!;
        if (blank(l)) {
          // A blank line ends the list unless an item or an indented line follows (a loose list).
          let j = i;
          while (j < lines.length && blank(lines[j])) j++;
          const next = lines[j];
          if (next !== undefined && (LIST_ITEM.test(next) || /^[ \t]+\S/.test(next)) && !shortcodeBlock(next)) {
            if (current && /^[ \t]+\S/.test(next)) current.push('');
            raw.push(...lines.slice(i, j));
            i = j;
            continue;
          }
          break;
        }
        if (shortcodeBlock(l) || HEADING.test(l)) break;
        if (LIST_ITEM.test(l)) {
          if (current) items.push(current.join('\n'));
          current = [l.replace(LIST_ITEM, '')];
        } else {
          // An indented line belongs to the item; so does a lazy continuation line at column 0.
          current?.push(l);
        }
        raw.push(l);
        i++;
      }
      if (current) items.push(current.join('\n'));
      blocks.push({ kind: 'list', items, raw: raw.join('\n') });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !blank(lines[i]) && !shortcodeBlock(lines[i]!) && !(LIST_ITEM.test(lines[i]!) && paragraph.length > 0 && !/^[ \t]/.test(lines[i]!))) {
      paragraph.push(lines[i]!);
      i++;
    }
    blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
  }
  return blocks;
}

export function parseIssue(markdown: string): ParsedIssue {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { frontMatter, rest } = parseFrontMatter(lines);
  const headings: Heading[] = [];
  let preambleLines: string[] = [];
  let current: { level: number; text: string; lines: string[] } | null = null;
  const flush = () => {
    if (current) headings.push({ level: current.level, text: current.text, blocks: blocksOf(current.lines) });
  };
  for (const line of rest) {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      current = { level: h[1]!.length, text: h[2]!, lines: [] };
      continue;
    }
    if (current) current.lines.push(line);
    else preambleLines.push(line);
  }
  flush();
  const preamble = blocksOf(preambleLines);
  preambleLines = [];
  return { frontMatter, preamble, headings };
}

/** The first Markdown link of a text: its label and target, or null. */
export function firstLink(text: string): { label: string; url: string } | null {
  const m = /\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.exec(text);
  return m ? { label: m[1]!.replace(/\\(.)/g, '$1'), url: m[2]! } : null;
}
