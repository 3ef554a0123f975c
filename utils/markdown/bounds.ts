/**
 * Cheap checks that run before any Markdown parser sees a text. Parsers recurse on nested
 * quotes and lists (marked overflows the stack on `'>'.repeat(2000)`, micromark on 4,000 list
 * markers) and slow down more than linearly on long runs of emphasis or brackets, so a text
 * is parsed only within these bounds; outside them it is shown as plain text, with a notice.
 * No dependencies: the Desk's preview uses this without loading a parser.
 */

/** Longest entry that is parsed as Markdown (the published entries' 90th percentile is ~480). */
export const MAX_PARSED_CHARS = 8000;
/** Deepest nesting of quotes and lists that is parsed (real entries use two or three). */
export const MAX_NESTING = 32;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isBlankOrEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * An upper bound of how deep quotes and lists nest in `text`, in one pass. Per line: the
 * container markers at its start (">", "-", "+", "*", "1." …) plus half its leading
 * indentation (a nested list needs at least two more columns per level). Over-estimates on
 * purpose; stops counting once the result exceeds `stopAbove`.
 */
export function nestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let max = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let markers = 0;
    let columns = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        columns += 1;
        i += 1;
      } else if (c === TAB) {
        columns += 4;
        i += 1;
      } else if (c === 62 /* > */) {
        markers += 1;
        i += 1;
      } else if ((c === 45 /* - */ || c === 43 /* + */ || c === 42) /* * */ && isBlankOrEnd(text, i + 1)) {
        markers += 1;
        i += 1;
      } else if (isDigit(c)) {
        let j = i;
        while (j < n && j - i < 9 && isDigit(text.charCodeAt(j))) j += 1;
        const d = text.charCodeAt(j);
        if ((d !== 46 /* . */ && d !== 41) /* ) */ || !isBlankOrEnd(text, j + 1)) break;
        markers += 1;
        i = j + 1;
      } else {
        break;
      }
    }
    const depth = markers + (columns >> 1);
    if (depth > max) {
      max = depth;
      if (max > stopAbove) return max;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      i += 1;
      if (c === LF || c === CR) break;
    }
  }
  return max;
}

/** Why `text` is not parsed as Markdown, in plain words, or null when it is within bounds. */
export function boundsProblem(text: string, maxChars = MAX_PARSED_CHARS, maxNesting = MAX_NESTING): string | null {
  if (text.length > maxChars) {
    return `it is longer than ${maxChars.toLocaleString('en')} characters (${text.length.toLocaleString('en')})`;
  }
  if (nestingDepth(text, maxNesting) > maxNesting) return `it nests quotes or lists more than ${maxNesting} deep`;
  return null;
}
