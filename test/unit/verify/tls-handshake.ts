import type { AddressInfo } from 'node:net';
import { connect, createServer, type ConnectionOptions, type TlsOptions } from 'node:tls';

/**
 * The error (or success) of one real TLS handshake against an in-process server, so tests
 * look at the objects Node really produces rather than hand-made look-alikes.
 */
export async function handshake(server: TlsOptions, client: ConnectionOptions): Promise<Error | 'connected'> {
  const tlsServer = createServer(server, (socket) => socket.end());
  tlsServer.on('tlsClientError', () => undefined);
  const port = await new Promise<number>((resolve) =>
    tlsServer.listen(0, '127.0.0.1', () => resolve((tlsServer.address() as AddressInfo).port)),
  );
  try {
    return await new Promise<Error | 'connected'>((resolve) => {
      const socket = connect({ ...client, host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error) => resolve(error));
    });
  } finally {
    await new Promise((resolve) => tlsServer.close(resolve));
  }
}
