import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a local server, to break connections the way networks do:
 * `hold()` stops passing the server's bytes on (a server that went quiet), `cut()` drops every
 * connection at once (a lost network), `release()` lets held bytes through again; `block()`
 * refuses new connections until `unblock()` (a network that stays down).
 */
export interface TcpProxy {
  port: number;
  hold(): void;
  release(): void;
  cut(): void;
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; held: Buffer[] }>();
  let holding = false;
  let blocked = false;
  const server = createServer((client) => {
    if (blocked) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    const pair = { client, upstream, held: [] as Buffer[] };
    pairs.add(pair);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (holding) pair.held.push(chunk);
      else client.write(chunk);
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const pair of pairs) for (const chunk of pair.held.splice(0)) pair.client.write(chunk);
    },
    block: () => {
      blocked = true;
    },
    unblock: () => {
      blocked = false;
    },
    cut: () => {
      for (const pair of [...pairs]) {
        // resetAndDestroy sends RST like a dropped network; destroy() where it is missing.
        if (typeof pair.client.resetAndDestroy === 'function') pair.client.resetAndDestroy();
        else pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
