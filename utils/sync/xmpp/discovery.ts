/**
 * Find a domain's XMPP WebSocket endpoint (RFC 7395 §4, XEP-0156): the
 * `urn:xmpp:alt-connections:websocket` link in https://DOMAIN/.well-known/host-meta (XRD) or
 * host-meta.json. Only wss:// is accepted. Pure: fetch and the clock are injected. In an
 * extension page the request needs the server to send CORS headers (XEP-0156 asks servers to) or
 * a host permission.
 */
import { systemClock, type Clock } from './clock';
import { childElements, parseElement } from './xml';

export const WEBSOCKET_REL = 'urn:xmpp:alt-connections:websocket';
const NS_XRD = 'http://docs.oasis-open.org/ns/xri/xrd-1.0';
const MAX_HOST_META_CHARS = 64 * 1024;

export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'follow' }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export type Discovery =
  | { found: true; url: string; source: string }
  | { found: false; reason: string };

export interface DiscoverOptions {
  fetch?: FetchLike;
  clock?: Clock;
  /** Per request (default 8 s). */
  timeoutMs?: number;
}

/** Host names only: no scheme, path, port or user part (the domain comes from an XMPP address). */
function checkDomain(domain: string): string | undefined {
  const host = domain.trim().toLowerCase().replace(/\.$/, '');
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host) ? host : undefined;
}

/** Links with the WebSocket rel from an XRD document. */
export function linksFromXrd(text: string): string[] {
  const root = parseElement(text);
  if (root.name !== 'XRD' || root.xmlns !== NS_XRD) return [];
  return childElements(root, 'Link', NS_XRD)
    .filter((link) => link.attrs.rel === WEBSOCKET_REL && link.attrs.href)
    .map((link) => link.attrs.href!);
}

/** Links with the WebSocket rel from a host-meta.json (JRD) document. */
export function linksFromJrd(text: string): string[] {
  const data: unknown = JSON.parse(text);
  const links = data && typeof data === 'object' ? (data as { links?: unknown }).links : undefined;
  if (!Array.isArray(links)) return [];
  return links
    .filter((link): link is { rel: string; href: string } => !!link && typeof link === 'object' && (link as { rel?: unknown }).rel === WEBSOCKET_REL && typeof (link as { href?: unknown }).href === 'string')
    .map((link) => link.href);
}

async function get(fetcher: FetchLike, url: string, accept: string, clock: Clock, timeoutMs: number): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetcher(url, { signal: controller.signal, headers: { accept }, redirect: 'follow' });
    if (!response.ok) return undefined;
    const text = await response.text();
    return text.length > MAX_HOST_META_CHARS ? undefined : text;
  } catch {
    return undefined;
  } finally {
    clock.clearTimeout(timer);
  }
}

/**
 * The domain's published wss:// endpoint, or why there is none (in words for the options page,
 * which then asks for the address to be typed).
 */
export async function discoverWebSocket(domain: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const host = checkDomain(domain);
  if (!host) return { found: false, reason: `"${domain}" is not a domain name.` };
  const fetcher = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 8_000;
  const sources = [
    { url: `https://${host}/.well-known/host-meta.json`, accept: 'application/json', read: linksFromJrd },
    { url: `https://${host}/.well-known/host-meta`, accept: 'application/xrd+xml', read: linksFromXrd },
  ];
  const insecure: string[] = [];
  for (const source of sources) {
    const text = await get(fetcher, source.url, source.accept, clock, timeoutMs);
    if (text === undefined) continue;
    let links: string[];
    try {
      links = source.read(text);
    } catch {
      continue; // unreadable document: try the other one
    }
    for (const href of links) {
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        continue;
      }
      if (url.protocol === 'wss:') return { found: true, url: url.href, source: source.url };
      if (url.protocol === 'ws:') insecure.push(href);
    }
  }
  if (insecure.length > 0) {
    return { found: false, reason: `${host} announces only an unencrypted WebSocket (${insecure[0]}), which Newsdesk does not use. Type a wss:// address instead.` };
  }
  return { found: false, reason: `${host} does not announce an XMPP WebSocket address (no host-meta). Type the address your provider gives, e.g. wss://${host}/xmpp-websocket.` };
}
