import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { corpusDir } from './corpus';

/**
 * Serves corpus pages at /<name>/ on 127.0.0.1, as saved, with page scripts disabled by a
 * Content-Security-Policy header (script-src 'none'): the timings are of the extraction, not of
 * the page's own JavaScript. Everything else (stylesheets, images, other hosts mapped here) is
 * a fast 404, so no load waits on the network.
 */
export async function serveCorpus(): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const match = /^\/([^/]+)\/$/.exec((req.url ?? '/').split('?')[0] ?? '/');
    const name = match ? decodeURIComponent(match[1]!) : null;
    if (!name || name.includes('..')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(path.join(corpusDir, name, 'source.html'));
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" })
        .end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
