import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, TLSSocket } from 'node:tls';
import { LOOPBACK } from '../ports';

/** One client connection of a scripted server, as its script sees it. */
export interface ScriptedConnection {
  /** Sends one line; CRLF is added. */
  send(line: string): void;
  /** Server side of STARTTLS/STLS: upgrades this connection in place with the server's certificate. */
  startTls(): Promise<void>;
  close(): void;
  readonly encrypted: boolean;
}

export interface Script {
  onConnect(connection: ScriptedConnection): void;
  onLine(line: string, connection: ScriptedConnection): void | Promise<void>;
}

export interface LineServerOptions {
  script: Script;
  /** The certificate for TLS: from the first byte with `implicitTls`, else for startTls(). */
  certificate?: { certPem: string; keyPem: string };
  implicitTls?: boolean;
}

export interface RunningLineServer {
  port: number;
  /**
   * Every byte any client sent, in order: plaintext as it came off the wire, and after a
   * STARTTLS what the client sent inside TLS. For asserting what a client did or did not send.
   */
  received(): Buffer;
  receivedText(): string;
  close(): Promise<void>;
}

/**
 * A TCP (or TLS) server that speaks a scripted line protocol and records everything it is sent.
 * Fault scenarios — a server hiding STARTTLS, one that never answers, one with a self-signed
 * certificate — are scripts on top of it.
 */
export async function startLineServer(options: LineServerOptions): Promise<RunningLineServer> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const context = options.certificate
    ? createSecureContext({ cert: options.certificate.certPem, key: options.certificate.keyPem })
    : undefined;

  const serve = (first: Socket): void => {
    sockets.add(first);
    let socket: Socket = first;
    let buffer = '';
    let queue = Promise.resolve();
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        // One line at a time, in order, even when a handler awaits (a TLS upgrade).
        queue = queue.then(() => options.script.onLine(line, connection)).catch(() => void socket.destroy());
      }
    };
    const attach = (target: Socket): void => {
      target.on('data', onData);
      target.on('error', () => undefined); // clients that give up mid-handshake are part of the tests
      target.on('close', () => sockets.delete(target));
    };
    const connection: ScriptedConnection = {
      send: (line) => void (socket.writable && socket.write(`${line}\r\n`)),
      close: () => void socket.end(),
      get encrypted() {
        return socket instanceof TLSSocket;
      },
      startTls: () =>
        new Promise<void>((resolve, reject) => {
          if (!context) return reject(new Error('this server has no certificate'));
          socket.off('data', onData);
          const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
          sockets.add(secure);
          secure.once('secure', () => resolve());
          secure.once('error', reject);
          attach(secure);
          socket = secure;
        }),
    };
    attach(first);
    options.script.onConnect(connection);
  };

  const server: Server =
    options.implicitTls && options.certificate
      ? createTlsServer({ cert: options.certificate.certPem, key: options.certificate.keyPem }, serve)
      : createTcpServer(serve);
  server.on('tlsClientError', () => undefined); // a client refusing our certificate is expected
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    received: () => Buffer.concat(chunks),
    receivedText: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that accepts connections and never says a word (for timeouts). */
export function startSilentServer(): Promise<RunningLineServer> {
  return startLineServer({ script: { onConnect: () => undefined, onLine: () => undefined } });
}
