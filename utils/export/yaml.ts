/**
 * Scalars for the draft's YAML front matter. Titles come from newsletter names, which users
 * write and share, so a title may hold anything: control characters, NEL, line or paragraph
 * separators, U+FFFE, a BOM, quotes, "#", ": ", or a word YAML 1.1 reads as true or null.
 * Hugo 0.111 reads front matter with a YAML 1.1 parser, so both YAML versions must agree.
 */

/**
 * Plain (unquoted) only when nothing can misread it, as the site writes titles ("The XMPP
 * Newsletter October 2023"): it starts with a letter (so it is no number, date, indicator or
 * alias) and holds letters, digits, single spaces and punctuation that means nothing in YAML
 * after the first character.
 */
const PLAIN = /^\p{L}[\p{L}\p{M}\p{N}.,()'’&+/–—-]*(?: [\p{L}\p{M}\p{N}.,()'’&+/–—-]+)*$/u;
/**
 * Plain words some parser resolves to something else: YAML 1.1 booleans and null (1.2 keeps
 * only true/false/null), and number-like words ("e0" is a float to parsers with a loose 1.1
 * float pattern).
 */
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|nan|inf|infinity|[eE][-+]?[\d_]+)$/i;

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0x2028: '\\L',
  0x2029: '\\P',
};

/**
 * Characters a double-quoted scalar must not hold raw: C0 controls, DEL, C1 controls (NEL
 * included), the line and paragraph separators, the BOM and the non-characters U+FFFE/U+FFFF
 * (outside YAML's printable set), and the quote and backslash themselves.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  const named = NAMED_ESCAPES[code];
  if (named) return named;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `value` as a YAML scalar that any YAML 1.2 or 1.1 parser reads back as the same string.
 * A lone surrogate (half of a UTF-16 pair, not a character) cannot be written to a UTF-8 file
 * and becomes U+FFFD, as it would when the file is saved.
 */
export function yamlScalar(value: string): string {
  const text = value.toWellFormed();
  if (PLAIN.test(text) && !RESERVED.test(text)) return text;
  return `"${text.replace(NEEDS_ESCAPE, escapeChar)}"`;
}
