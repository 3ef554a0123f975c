/** Small text helpers shared by the readers. */

/**
 * A node's text with line breaks as spaces: "31 Mar 2026<br>16:12" is two lines, not
 * "31 Mar 202616:12" as textContent has it. Scripts and styles are left out.
 */
export function textWithBreaks(node: Node | null | undefined): string {
  if (!node) return '';
  let text = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) text += n.textContent ?? '';
    else if (n.nodeName === 'BR') text += ' ';
    else if (n.nodeType === 1 && !/^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(n.nodeName)) for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return text;
}

/** Collapse whitespace runs to one space and trim. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·',
};

/**
 * Decode entities the DOM left in place: JSON-LD strings are not HTML-decoded, and some CMSs
 * double-encode meta content ("&amp;amp;"). Only well-formed references are touched.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** clean + decodeEntities; null when nothing is left. */
export function cleanText(text: string | null | undefined): string | null {
  const result = clean(decodeEntities(text ?? ''));
  return result === '' ? null : result;
}

export function isUrlLike(text: string): boolean {
  return /^(https?:)?\/\//i.test(text.trim());
}

/** Unique values, first spelling wins, compared case-insensitively. */
export function uniqueCaseless(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const key = v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}
