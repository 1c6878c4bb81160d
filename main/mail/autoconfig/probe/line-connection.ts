import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { describeCertificateError } from '../../tls/trust';

export interface ConnectTarget {
  /** The name we expect on the certificate (also sent as SNI). */
  host: string;
  /** Where to connect: an address from our own DNS lookup. */
  address: string;
  port: number;
  tls: boolean;
  /** Trust anchors; undefined = Node's defaults. */
  ca: string[] | undefined;
  /** Aborting destroys the socket. */
  signal: AbortSignal;
}

/** How the certificate looked, for implicit TLS; null on a plain connection. */
export type CertificateCheck = { verified: true } | { verified: false; problem: string } | null;

// A greeting or capability line is short; a server streaming megabytes at a probe is not a
// mail server we want, and must not make us buffer it.
const MAX_LINE = 8192;
const MAX_TOTAL = 64 * 1024;

/** A line-oriented conversation for probing: greeting, one capability command, goodbye. */
export class LineConnection {
  private buffer = '';
  private total = 0;
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket | TLSSocket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  /**
   * Connects; with `tls`, the certificate is checked against `host` but an unverifiable one does
   * not end the connection: the server is there, and the user may choose to pin it later. No
   * credentials are ever sent on these connections, so nothing is exposed by going on.
   */
  static open(target: ConnectTarget): Promise<{ connection: LineConnection; certificate: CertificateCheck }> {
    return new Promise((resolve, reject) => {
      const socket = target.tls
        ? tlsConnect({
            host: target.address,
            port: target.port,
            servername: target.host,
            ca: target.ca,
            rejectUnauthorized: false,
          })
        : netConnect({ host: target.address, port: target.port });
      const onAbort = (): void => {
        socket.destroy();
        reject(target.signal.reason);
      };
      if (target.signal.aborted) return onAbort();
      target.signal.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (error) => {
        target.signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      socket.once(target.tls ? 'secureConnect' : 'connect', () => {
        const connection = new LineConnection(socket);
        // From here on the connection itself watches the signal.
        target.signal.removeEventListener('abort', onAbort);
        target.signal.addEventListener('abort', () => connection.fail(toError(target.signal.reason)), { once: true });
        resolve({ connection, certificate: target.tls ? check(socket as TLSSocket) : null });
      });
    });
  }

  get localAddress(): string {
    return this.socket.localAddress ?? '127.0.0.1';
  }

  readLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  send(line: string): void {
    if (!this.failure) this.socket.write(`${line}\r\n`);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.total += chunk.length;
    this.buffer += chunk;
    if (this.total > MAX_TOTAL) return this.fail(new Error('the server sent far more than a greeting'));
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      const waiter = this.waiter;
      this.waiter = null;
      if (waiter) waiter.resolve(line);
      else this.lines.push(line);
    }
    if (this.buffer.length > MAX_LINE) this.fail(new Error('the server sent an overlong line'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
  }
}

function check(socket: TLSSocket): CertificateCheck {
  if (socket.authorized) return { verified: true };
  return { verified: false, problem: describeCertificateError(String(socket.authorizationError)) };
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
