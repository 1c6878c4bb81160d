import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback that holds every chunk `oneWayMs` before passing it on, each way: a
 * link with that much latency (and loopback's bandwidth), to see what round trips cost a sync
 * against a distant server. Order is kept (every chunk waits the same time).
 */
export async function startLatencyProxy(
  target: { host: string; port: number },
  oneWayMs: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const delayed = (from: Socket, to: Socket): void => {
    from.on('data', (chunk) => void setTimeout(() => to.destroyed || to.write(chunk), oneWayMs));
    from.on('end', () => void setTimeout(() => to.end(), oneWayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => void setTimeout(() => to.destroy(), oneWayMs));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the latency proxy has no port');
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
