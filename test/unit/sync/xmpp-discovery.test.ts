import { describe, expect, it } from 'vitest';
import { discoverWebSocket, type FetchLike } from '../../../utils/sync/xmpp/discovery';

const XRD = (href: string) => `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://example.org/http-bind" />
  <Link rel="urn:xmpp:alt-connections:websocket" href="${href}" />
</XRD>`;

/** A fetch that serves fixed documents by URL and records what was asked. */
function serve(documents: Record<string, string | number>): FetchLike & { asked: string[] } {
  const asked: string[] = [];
  const fetcher: FetchLike = async (url) => {
    asked.push(url);
    const body = documents[url];
    if (body === undefined) return { ok: false, status: 404, text: async () => 'not found' };
    if (typeof body === 'number') throw new TypeError('network error');
    return { ok: true, status: 200, text: async () => body };
  };
  return Object.assign(fetcher, { asked });
}

describe('discoverWebSocket (RFC 7395 host-meta)', () => {
  it('reads the websocket link from host-meta.json', async () => {
    const fetch = serve({
      'https://example.org/.well-known/host-meta.json': JSON.stringify({ links: [{ rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://xmpp.example.org/ws' }] }),
    });
    expect(await discoverWebSocket('Example.org', { fetch })).toEqual({ found: true, url: 'wss://xmpp.example.org/ws', source: 'https://example.org/.well-known/host-meta.json' });
  });

  it('falls back to the XRD host-meta', async () => {
    const fetch = serve({ 'https://example.org/.well-known/host-meta': XRD('wss://example.org/xmpp-websocket') });
    expect(await discoverWebSocket('example.org', { fetch })).toEqual({ found: true, url: 'wss://example.org/xmpp-websocket', source: 'https://example.org/.well-known/host-meta' });
    expect(fetch.asked).toEqual(['https://example.org/.well-known/host-meta.json', 'https://example.org/.well-known/host-meta']);
  });

  it('does not accept an unencrypted ws:// link, and says so', async () => {
    const fetch = serve({ 'https://example.org/.well-known/host-meta': XRD('ws://example.org/xmpp-websocket') });
    expect(await discoverWebSocket('example.org', { fetch })).toEqual({
      found: false,
      reason: 'example.org announces only an unencrypted WebSocket (ws://example.org/xmpp-websocket), which Newsdesk does not use. Type a wss:// address instead.',
    });
  });

  it('explains when nothing is published, or the documents are broken or hostile', async () => {
    const none = { found: false, reason: 'example.org does not announce an XMPP WebSocket address (no host-meta). Type the address your provider gives, e.g. wss://example.org/xmpp-websocket.' };
    expect(await discoverWebSocket('example.org', { fetch: serve({}) })).toEqual(none);
    expect(
      await discoverWebSocket('example.org', {
        fetch: serve({
          'https://example.org/.well-known/host-meta.json': '{not json',
          'https://example.org/.well-known/host-meta': '<!DOCTYPE x [<!ENTITY a "wss://evil">]><XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="urn:xmpp:alt-connections:websocket" href="&a;"/></XRD>',
        }),
      }),
    ).toEqual(none);
    expect(await discoverWebSocket('example.org', { fetch: serve({ 'https://example.org/.well-known/host-meta.json': 500 }) })).toEqual(none);
  });

  it('asks nothing for something that is not a domain name', async () => {
    const fetch = serve({});
    expect(await discoverWebSocket('evil.org/path?x=', { fetch })).toEqual({ found: false, reason: '"evil.org/path?x=" is not a domain name.' });
    expect(await discoverWebSocket('alice@example.org', { fetch })).toMatchObject({ found: false });
    expect(fetch.asked).toEqual([]);
  });

  it('gives up on a server that does not answer, per request', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await discoverWebSocket('example.org', { fetch: hanging, timeoutMs: 20 })).toMatchObject({ found: false });
  });
});
