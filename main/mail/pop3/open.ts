import { connect, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Pop3Connection, type Pop3ConnectionOptions } from './connection';
import { Pop3TimeoutError } from './errors';

/**
 * Opens TCP to host:port and wraps it in a Pop3Connection, with TLS right away when `tls` is
 * given (POP3S, port 995; options from tlsOptionsFor). The greeting is left to the caller.
 */
export async function openPop3(
  host: string,
  port: number,
  options: Pop3ConnectionOptions & { tls?: ConnectionOptions } = {},
): Promise<Pop3Connection> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const socket = await new Promise<Socket>((resolve, reject) => {
    const tcp = connect({ host, port, timeout: timeoutMs });
    tcp.once('connect', () => {
      tcp.setTimeout(0);
      tcp.off('error', reject);
      resolve(tcp);
    });
    tcp.once('timeout', () => tcp.destroy(new Pop3TimeoutError(null, timeoutMs)));
    tcp.once('error', reject);
  });
  const connection = new Pop3Connection(socket, options);
  if (options.tls) await connection.startTls(options.tls);
  return connection;
}
