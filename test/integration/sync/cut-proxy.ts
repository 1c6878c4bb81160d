import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface CutProxy {
  port: number;
  /** Cut every connection once this many bytes came from the server (null: never). */
  cutAfterBytes: number | null;
  cuts: number;
  /** Connections relayed right now. */
  open(): number;
  /** Drops every open connection now (an idle one too, which no byte limit would catch). */
  cutAll(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay to the real server that can drop the line mid-response, as a dying server or a
 * lost Wi-Fi would. TLS passes through untouched (end to end with Dovecot).
 */
export async function startCutProxy(targetPort: number, host = '127.0.0.1'): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const proxy: CutProxy = {
    port: 0,
    cutAfterBytes: null,
    cuts: 0,
    open: () => clients.size,
    cutAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => undefined,
  };
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host, port: targetPort });
    sockets.add(client).add(upstream);
    clients.add(client);
    let relayed = 0;
    const cut = (): void => {
      proxy.cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    upstream.on('data', (chunk: Buffer) => {
      relayed += chunk.length;
      if (proxy.cutAfterBytes !== null && relayed > proxy.cutAfterBytes) return cut();
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      clients.delete(client);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  proxy.port = typeof address === 'object' && address ? address.port : 0;
  proxy.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
