/**
 * Entry templates: how a newsletter writes an entry of each kind, as data the editor can change
 * in the options page. A small logic-less language, interpreted (no eval, so it runs under the
 * extension's CSP):
 *
 *   {name}              the value of `name`
 *   {?name}…{/name}     the part between, only when `name` has a value
 *   {!name}…{/name}     the part between, only when `name` has none
 *
 * Values are Markdown fragments already escaped by whoever computed them (links built with
 * utils/markdown/escape.ts), so a page's text can never add syntax through a template. A name
 * the template does not know is kept as written, so a typo shows in the draft instead of
 * vanishing. Example (the XMPP Newsletter's release entries since 2025):
 *
 *   {projectLink} has released {versions}{?description} of its {description}{/description}.{?summary} {summary}{/summary}
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string; raw: string }
  | { kind: 'if'; name: string; negated: boolean; body: Node[] };

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const TOKEN = /\{([?!/]?)([A-Za-z][\w]*)\}/g;

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; body: Node[] }> = [];
  let body = root;
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    const [raw, sigil, name] = m as unknown as [string, string, string];
    if (m.index! > last) body.push({ kind: 'text', text: template.slice(last, m.index) });
    last = m.index! + raw.length;
    if (sigil === '') {
      body.push({ kind: 'value', name, raw });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new TemplateError(open ? `{/${name}} closes {?${open.name}}: close {${open.name}} first.` : `{/${name}} closes nothing.`);
      }
      body = stack.length ? stack[stack.length - 1]!.body : root;
    } else {
      const node: Node = { kind: 'if', name, negated: sigil === '!', body: [] };
      body.push(node);
      stack.push({ name, body: node.body });
      body = node.body;
    }
  }
  if (last < template.length) body.push({ kind: 'text', text: template.slice(last) });
  if (stack.length) throw new TemplateError(`{?${stack[stack.length - 1]!.name}} is never closed (add {/${stack[stack.length - 1]!.name}}).`);
  return root;
}

const cache = new Map<string, Node[]>();

function compiled(template: string): Node[] {
  let nodes = cache.get(template);
  if (!nodes) {
    nodes = parse(template);
    if (cache.size > 200) cache.clear();
    cache.set(template, nodes);
  }
  return nodes;
}

/** Whether `template` is well formed; the error in words otherwise (for the newsletter editor). */
export function checkTemplate(template: string): string | null {
  try {
    parse(template);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type TemplateValues = Readonly<Record<string, string | null | undefined>>;

function has(values: TemplateValues, name: string): boolean {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' && value.trim() !== '';
}

function render(nodes: readonly Node[], values: TemplateValues, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') out.push(node.text);
    else if (node.kind === 'value') {
      // Own properties only: "{constructor}" must not print Object internals.
      const value = Object.hasOwn(values, node.name) ? values[node.name] : undefined;
      out.push(typeof value === 'string' ? value : value === null ? '' : node.raw);
    } else if (has(values, node.name) !== node.negated) {
      render(node.body, values, out);
    }
  }
}

/** The template with its values. Throws TemplateError for a malformed template. */
export function renderEntryTemplate(template: string, values: TemplateValues): string {
  const out: string[] = [];
  render(compiled(template), values, out);
  return out.join('');
}

/** The names a template uses (to list them in the editor, or check them). */
export function templateNames(template: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'value') names.add(node.name);
      if (node.kind === 'if') {
        names.add(node.name);
        walk(node.body);
      }
    }
  };
  walk(compiled(template));
  return [...names];
}
