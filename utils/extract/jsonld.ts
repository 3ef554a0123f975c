/**
 * JSON-LD blocks as plain nodes. Pages embed broken JSON often enough that a block which fails
 * to parse is skipped, never fatal.
 */

export type JsonLdNode = Record<string, unknown>;

function isNode(value: unknown): value is JsonLdNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Some CMSs wrap the JSON in HTML comments or CDATA markers. */
function unwrap(text: string): string {
  return text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, '')
    .trim();
}

function collect(value: unknown, out: JsonLdNode[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
  } else if (isNode(value)) {
    const graph = value['@graph'];
    if (graph !== undefined) collect(graph, out);
    if (value['@type'] !== undefined) out.push(value);
  }
}

/**
 * CMSs often emit almost-JSON: raw line breaks and tabs inside strings, a comma before "}".
 * Both are repaired (whitespace between tokens means nothing in JSON, so turning every raw
 * line break into a space is safe); anything else stays invalid.
 */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
  }
}

/** Every typed top-level node of every JSON-LD block, @graph members included, in page order. */
export function readJsonLd(doc: Document): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      collect(parseLenient(unwrap(script.textContent ?? '')), nodes);
    } catch {
      // Invalid JSON-LD: ignore this block, keep the others.
    }
  }
  return nodes;
}

/** The node's @type values without the schema.org prefix ("https://schema.org/Article" → "Article"). */
export function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => t.trim().replace(/^https?:\/\/schema\.org\//i, ''));
}

/** Follow {"@id": …} references to the node of that id in the same page, if any. */
export function resolveRef(value: unknown, nodes: readonly JsonLdNode[]): unknown {
  if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return nodes.find((n) => n['@id'] === value['@id']) ?? value;
  }
  return value;
}

/** A string property, or the `name` of an object property; trimmed; null when absent. */
export function textOf(value: unknown, nodes: readonly JsonLdNode[] = []): string | null {
  const resolved = resolveRef(Array.isArray(value) ? value[0] : value, nodes);
  if (typeof resolved === 'string') return resolved.trim() || null;
  if (typeof resolved === 'number') return String(resolved);
  if (isNode(resolved)) {
    const name = resolved['name'] ?? resolved['@value'];
    if (typeof name === 'string') return name.trim() || null;
  }
  return null;
}

/** A property that may be one value or a list, as a list of resolved values. */
export function listOf(value: unknown, nodes: readonly JsonLdNode[] = []): unknown[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => resolveRef(v, nodes));
}

export function asNode(value: unknown): JsonLdNode | null {
  return isNode(value) ? value : null;
}
