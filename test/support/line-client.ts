import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/** TLS settings for talking to the harness servers: the CA must be given, nothing else trusts it. */
export interface TlsTrust {
  ca: string;
  servername: string;
}

/**
 * A raw line-oriented conversation (POP3, IMAP greeting, SMTP) over TCP or TLS, with an
 * in-place STARTTLS/STLS upgrade. For probing servers and for protocol-level assertions where a
 * real client library would hide what happened on the wire.
 */
export class LineClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(
    private socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  /** Connects over plain TCP, or with TLS (verified against `tls.ca`) when `tls` is given. */
  static connect(host: string, port: number, tls?: TlsTrust, timeoutMs = 5000): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = tls
        ? tlsConnect({ host, port, ...trustOptions(tls) }, () => resolve(new LineClient(socket, timeoutMs)))
        : netConnect({ host, port }, () => resolve(new LineClient(socket, timeoutMs)));
      socket.once('error', reject);
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`connect to ${host}:${port} timed out`)));
    });
  }

  get encrypted(): boolean {
    return 'encrypted' in this.socket && this.socket.encrypted;
  }

  /** The next line from the server, without its CRLF. */
  readLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no line from server within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiter = {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
  }

  /** Sends one line (CRLF added) without waiting for a reply, for multi-line replies. */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Sends one command line and returns the first line of the reply. */
  async command(line: string): Promise<string> {
    this.send(line);
    return this.readLine();
  }

  /** Upgrades the connection in place (after the server's go-ahead for STARTTLS/STLS). */
  upgrade(tls: TlsTrust): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    return new Promise((resolve, reject) => {
      const secure = tlsConnect({ socket: plain, ...trustOptions(tls) }, () => {
        this.socket = secure;
        this.attach(secure);
        resolve();
      });
      secure.once('error', reject);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setTimeout(0);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n')) >= 0) {
        this.push(this.buffer.slice(0, end).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(end + 1);
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by server')));
  }

  private push(line: string): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(line);
    else this.lines.push(line);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

function trustOptions(tls: TlsTrust): ConnectionOptions {
  return { ca: tls.ca, servername: tls.servername, rejectUnauthorized: true };
}
