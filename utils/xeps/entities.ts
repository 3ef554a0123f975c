/**
 * XEP sources lean on DTD entities: `&xep0060;` (a reference with a link), `&LEGALNOTICE;`,
 * author blocks like `&mwild;`, all declared in xsf/xeps' `xep.ent`, plus a few a XEP declares
 * in its own DOCTYPE. We never let a parser load anything: declarations are read from text we
 * were given, and references are replaced in text with firm limits (no billion laughs).
 */

export type EntityTable = ReadonlyMap<string, string>;

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
/** Deeper nesting than xep.ent ever uses (it nests two levels) is an attack or a mistake. */
const MAX_DEPTH = 6;
/** Expansion may grow a header by at most this many characters. */
const MAX_GROWTH = 2_000_000;

/**
 * General entity declarations with a literal value (`<!ENTITY name "value">`). Parameter
 * entities (`<!ENTITY % …>`) and external ones (`SYSTEM`/`PUBLIC`) are ignored: nothing is
 * ever fetched. The first declaration of a name wins, as in XML. Character references in a
 * value are resolved at declaration time, as XML does.
 */
export function parseEntityDeclarations(text: string, into: Map<string, string> = new Map()): Map<string, string> {
  const declaration = /<!ENTITY\s+([A-Za-z_][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
  for (const match of withoutComments(text).matchAll(declaration)) {
    const name = match[1]!;
    if (into.has(name)) continue;
    into.set(name, resolveCharacterReferences(match[2] ?? match[3] ?? ''));
  }
  return into;
}

/** The internal DTD subset of a document (`<!DOCTYPE xep … [ here ]>`), or ''. */
export function internalSubset(text: string): string {
  const start = /<!DOCTYPE\b[^[>]*\[/.exec(text);
  if (!start) return '';
  const from = start.index + start[0].length;
  const end = text.indexOf(']>', from);
  return end === -1 ? '' : text.slice(from, end);
}

function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, ' ');
}

function resolveCharacterReferences(value: string): string {
  return value.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (ref, code: string) => {
    const n = code.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number.parseInt(code, 10);
    // "<" and "&" stay references: as characters they would start markup in the replacement.
    if (n === 0x3c) return '&lt;';
    if (n === 0x26) return '&amp;';
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ref;
  });
}

export class EntityExpansionError extends Error {
  override name = 'EntityExpansionError';
}

/**
 * Replace references to declared entities with their replacement text, recursively, outside
 * comments and CDATA sections. Predefined entities and undeclared names are left for the
 * parser. Throws EntityExpansionError on a loop, too deep a nesting or too much growth.
 */
export function expandEntities(text: string, table: EntityTable): string {
  let budget = MAX_GROWTH;
  const expand = (chunk: string, depth: number, stack: readonly string[]): string =>
    chunk.replace(/&([A-Za-z_][\w.:-]*);/g, (ref, name: string) => {
      if (PREDEFINED.has(name)) return ref;
      const value = table.get(name);
      if (value === undefined) return ref;
      if (stack.includes(name)) throw new EntityExpansionError(`entity &${name}; refers to itself`);
      if (depth >= MAX_DEPTH) throw new EntityExpansionError(`entities nested more than ${MAX_DEPTH} deep at &${name};`);
      // Line breaks become spaces (whitespace either way) so error lines stay the file's lines.
      const replaced = expand(value, depth + 1, [...stack, name]).replace(/\r?\n/g, ' ');
      budget -= replaced.length;
      if (budget < 0) throw new EntityExpansionError('entity expansion grew the header beyond 2 MB');
      return replaced;
    });
  // Split so that comments and CDATA sections pass through untouched.
  return text
    .split(/(<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) => (i % 2 === 1 ? part : expand(part, 0, [])))
    .join('');
}
