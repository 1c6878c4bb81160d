import { lookup } from 'node:dns/promises';
import { connect, isIP, type Socket } from 'node:net';
import { socketHost } from '../tls/options';
import { StoppedError, type Deadline } from './deadline';

/** The addresses of a host, in the resolver's order; an IP literal is its own answer. */
export async function resolveHost(host: string): Promise<string[]> {
  const name = socketHost(host);
  if (isIP(name) !== 0) return [name];
  const results = await lookup(name, { all: true, verbatim: true });
  return results.map((result) => result.address);
}

function timeoutError(address: string, port: number): Error {
  // The shape libuv gives a connect timeout, so it is classified like one.
  return Object.assign(new Error(`connect ETIMEDOUT ${address}:${port}`), {
    code: 'ETIMEDOUT',
    syscall: 'connect',
    address,
    port,
  });
}

function connectOnce(address: string, port: number, attemptMs: number | null, deadline: Deadline): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    const timer =
      attemptMs === null ? undefined : setTimeout(() => socket.destroy(timeoutError(address, port)), attemptMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', onError);
    deadline.onStop(() => socket.destroy());
  });
}

/**
 * TCP to the first address that answers. With several addresses (IPv6 and IPv4, say) each gets
 * a fair share of the remaining time, so one black-holed address cannot use up the whole budget.
 */
export async function connectTcp(
  addresses: readonly string[],
  port: number,
  deadline: Deadline,
): Promise<{ socket: Socket; address: string; failed: number }> {
  let lastError: unknown = new Error('no address to connect to');
  for (const [index, address] of addresses.entries()) {
    const left = addresses.length - index;
    const attemptMs = left > 1 ? Math.max(250, Math.floor(deadline.remainingMs() / left)) : null;
    try {
      const socket = await deadline.race(connectOnce(address, port, attemptMs, deadline));
      return { socket, address, failed: index };
    } catch (error) {
      if (error instanceof StoppedError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
