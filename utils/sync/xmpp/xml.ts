/**
 * The XML that XMPP needs, and no more: an element tree, a builder, a serializer, and a parser
 * for one complete element (RFC 7395 frames one stanza per WebSocket message). No DOMParser
 * (absent in MV3 service workers). The parser is safe on hostile input: it refuses what RFC 6120
 * §11.1 forbids in XMPP (DTDs, entity declarations and references other than the five predefined
 * ones, comments, processing instructions), so nothing can expand; its input size is bounded by
 * the caller and its nesting depth here.
 */

export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** The element's namespace URI, resolved from `xmlns` / prefixes ('' for none). */
  xmlns: string;
  /** Attributes as written (qualified names), without namespace declarations. */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  override name = 'XmlError';
}

export type XmlChild = XmlNode | null | undefined | false | XmlChild[];

/** Build an element: `xml('iq', { type: 'get', id }, xml('ping', { xmlns: NS_PING }))`. */
export function xml(name: string, attrs: Record<string, string | number | undefined> = {}, ...children: XmlChild[]): XmlElement {
  const { xmlns = '', ...rest } = attrs;
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) clean[key] = String(value);
  const flat: XmlNode[] = [];
  const add = (child: XmlChild) => {
    if (Array.isArray(child)) child.forEach(add);
    else if (child !== null && child !== undefined && child !== false) flat.push(child);
  };
  children.forEach(add);
  return { name, xmlns: String(xmlns), attrs: clean, children: flat };
}

export function childElements(element: XmlElement, name?: string, xmlns?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      typeof child !== 'string' && (name === undefined || child.name === name) && (xmlns === undefined || child.xmlns === xmlns),
  );
}

export function childElement(element: XmlElement, name?: string, xmlns?: string): XmlElement | undefined {
  return childElements(element, name, xmlns)[0];
}

/** Concatenated text content of the element's direct text children. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}

// \r (and in attributes \t and \n) as references: XML parsers normalize them when literal.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' };

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c]!);
}

export function escapeAttr(text: string): string {
  return text.replace(/[&<>"'\r\n\t]/g, (c) => ESCAPES[c]!);
}

/**
 * Serialize; `xmlns` is written where an element's namespace differs from its parent's. An
 * element built with no namespace ('') inherits its parent's, as in the XML it is written as.
 */
export function serialize(element: XmlElement, parentXmlns = ''): string {
  let out = `<${element.name}`;
  const xmlns = element.xmlns === '' ? parentXmlns : element.xmlns;
  if (xmlns !== parentXmlns) out += ` xmlns="${escapeAttr(xmlns)}"`;
  for (const [key, value] of Object.entries(element.attrs)) out += ` ${key}="${escapeAttr(value)}"`;
  if (element.children.length === 0) return `${out}/>`;
  out += '>';
  for (const child of element.children) out += typeof child === 'string' ? escapeText(child) : serialize(child, xmlns);
  return `${out}</${element.name}>`;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[^\s<>/="'&!?]+$/;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let at = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', at)) {
    out += raw.slice(at, amp);
    const semi = raw.indexOf(';', amp);
    if (semi === -1 || semi - amp > 10) throw new XmlError('A "&" that starts no valid character reference.');
    const name = raw.slice(amp + 1, semi);
    if (name.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
      if (!isXmlChar(code)) throw new XmlError(`An invalid character reference "&${name};".`);
      out += String.fromCodePoint(code);
    } else {
      const value = PREDEFINED[name];
      // Any other entity would need a DTD, which XMPP forbids: refuse rather than expand.
      if (value === undefined) throw new XmlError(`An entity reference "&${name};" (only the five predefined ones are allowed in XMPP).`);
      out += value;
    }
    at = semi + 1;
  }
  return out + raw.slice(at);
}

interface OpenElement {
  element: XmlElement;
  qname: string;
  prefixes: Map<string, string>;
}

export interface ParseOptions {
  /** Deepest nesting accepted (default 64; XMPP stanzas are shallow). */
  maxDepth?: number;
}

/**
 * Parse one complete element (with optional whitespace around it). Throws XmlError on anything
 * that is not well-formed or that XMPP forbids.
 */
export function parseElement(source: string, options: ParseOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? 64;
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const fail = (what: string): never => {
    throw new XmlError(`${what} (at character ${at}).`);
  };
  const resolve = (prefix: string, frames: OpenElement[], own: Map<string, string>): string | undefined => {
    if (prefix === 'xml') return XML_NS;
    if (own.has(prefix)) return own.get(prefix);
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.prefixes.has(prefix)) return frames[i]!.prefixes.get(prefix);
    return prefix === '' ? '' : undefined;
  };

  // An XML declaration may lead the document; nothing else of the kind may appear.
  const lead = source.match(/^\s*<\?xml\s[^<>]*\?>/);
  if (lead) at = lead[0].length;

  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > at) {
      const raw = source.slice(at, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== '') fail('Text outside the element');
      } else {
        stack[stack.length - 1]!.element.children.push(decodeEntities(raw));
      }
      at = textEnd;
      continue;
    }
    if (root && stack.length === 0) fail('A second element after the first');
    if (source.startsWith('<![CDATA[', at)) {
      if (stack.length === 0) fail('CDATA outside the element');
      const end = source.indexOf(']]>', at);
      if (end === -1) fail('Unterminated CDATA section');
      stack[stack.length - 1]!.element.children.push(source.slice(at + 9, end));
      at = end + 3;
      continue;
    }
    const next = source[at + 1];
    if (next === '!') fail(source.startsWith('<!--', at) ? 'An XML comment, which XMPP forbids' : 'A document type declaration, which XMPP forbids');
    if (next === '?') fail('A processing instruction, which XMPP forbids');
    const gt = source.indexOf('>', at);
    if (gt === -1) fail('Unterminated tag');
    if (next === '/') {
      const qname = source.slice(at + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) fail(`Closing tag </${qname}> does not match`);
      at = gt + 1;
      continue;
    }
    // Start tag: name, attributes (values may contain ">" only when quoted, so scan by hand).
    let i = at + 1;
    const nameMatch = /^[^\s/>]+/.exec(source.slice(i, Math.min(source.length, i + 256)));
    if (!nameMatch || !NAME.test(nameMatch[0])) fail('A malformed tag name');
    const qname = nameMatch![0];
    i += qname.length;
    const rawAttrs: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (i >= source.length) fail('Unterminated tag');
      if (source[i] === '>') {
        i++;
        break;
      }
      if (source.startsWith('/>', i)) {
        selfClosing = true;
        i += 2;
        break;
      }
      const eq = source.indexOf('=', i);
      if (eq === -1) fail('An attribute without a value');
      const attrName = source.slice(i, eq).trim();
      if (!NAME.test(attrName)) fail('A malformed attribute name');
      i = eq + 1;
      while (/\s/.test(source[i] ?? '')) i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('An attribute value without quotes');
      const close = source.indexOf(quote!, i + 1);
      if (close === -1) fail('Unterminated attribute value');
      const rawValue = source.slice(i + 1, close);
      if (rawValue.includes('<')) fail('A "<" inside an attribute value');
      if (rawAttrs.some(([name]) => name === attrName)) fail(`The attribute "${attrName}" twice`);
      rawAttrs.push([attrName, decodeEntities(rawValue)]);
      i = close + 1;
    }
    if (stack.length >= maxDepth) fail(`Elements nested deeper than ${maxDepth}`);
    const prefixes = new Map<string, string>();
    const attrs: Record<string, string> = {};
    for (const [name, value] of rawAttrs) {
      if (name === 'xmlns') prefixes.set('', value);
      else if (name.startsWith('xmlns:')) prefixes.set(name.slice(6), value);
      else attrs[name] = value;
    }
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const xmlns = resolve(prefix, stack, prefixes);
    if (xmlns === undefined) fail(`The undeclared namespace prefix "${prefix}"`);
    for (const name of Object.keys(attrs)) {
      const attrColon = name.indexOf(':');
      if (attrColon !== -1 && resolve(name.slice(0, attrColon), stack, prefixes) === undefined) fail(`The undeclared namespace prefix in "${name}"`);
    }
    const element: XmlElement = { name: colon === -1 ? qname : qname.slice(colon + 1), xmlns: xmlns!, attrs, children: [] };
    if (stack.length > 0) stack[stack.length - 1]!.element.children.push(element);
    else root = element;
    if (!selfClosing) stack.push({ element, qname, prefixes });
    at = i;
  }
  if (stack.length > 0) fail(`Unclosed element <${stack[stack.length - 1]!.qname}>`);
  if (!root) fail('No element');
  return root!;
}
