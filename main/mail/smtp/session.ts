import { TLSSocket } from 'node:tls';
import SMTPConnection, {
  type SMTPConnectionOptions,
  type SMTPConnectionSendInfo,
  type SMTPEnvelope,
} from 'nodemailer/lib/smtp-connection';

/** nodemailer's error for a connection that ended while a command waited (its own words and code). */
function closedError(): Error {
  return Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' });
}

/**
 * One SMTP connection (nodemailer's SMTPConnection) with promises that always settle.
 *
 * nodemailer reports a failure of the connection as an 'error' event and then forgets the
 * callbacks of login() and reset() (only send() gets its callback called), so each call here
 * also ends on 'error' and 'end'. An 'end' waits a turn before it counts: after a 421 nodemailer
 * closes first and hands the 421 to the pending callback right after, and that reply is the
 * better error.
 */
export class SmtpSession {
  private readonly connection: SMTPConnection;
  private ended = false;

  constructor(options: SMTPConnectionOptions) {
    this.connection = new SMTPConnection(options);
    // Without a listener an 'error' of an idle connection (a reset, a server timeout) would throw.
    this.connection.on('error', () => undefined);
    this.connection.once('end', () => (this.ended = true));
  }

  /** True while the connection is open and can take another command. */
  get alive(): boolean {
    return !this.ended && !this.connection.destroyed;
  }

  /** Greeting, EHLO and (for STARTTLS) the upgrade and the second EHLO. */
  async connect(): Promise<void> {
    await this.settle<true>((done) => this.connection.connect((error) => done(error ?? null, true)));
  }

  async login(user: string, pass: string, method: string | undefined): Promise<void> {
    await this.settle<boolean | undefined>((done) =>
      this.connection.login({ user, pass, method }, (error, ok) => done(error, ok)),
    );
  }

  /** RSET: a clean transaction state on a reused connection. */
  async reset(): Promise<void> {
    await this.settle<boolean | undefined>((done) => this.connection.reset((error, ok) => done(error, ok)));
  }

  send(envelope: SMTPEnvelope, raw: Buffer): Promise<SMTPConnectionSendInfo> {
    return this.settle<SMTPConnectionSendInfo>((done) =>
      this.connection.send(envelope, raw, (error, info) => done(error, info)),
    );
  }

  /** Protocol and cipher of the connection, null without TLS. */
  tls(): { protocol: string; cipher: string } | null {
    const socket = this.connection._socket;
    if (!(socket instanceof TLSSocket) || !socket.encrypted) return null;
    return { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher().name };
  }

  /** QUIT, waiting at most `waitMs` for the server to close, then close regardless. */
  async quit(waitMs: number): Promise<void> {
    if (!this.alive) return this.connection.close();
    const ended = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      this.connection.once('end', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.quit();
    await ended;
    this.connection.close();
  }

  close(): void {
    this.connection.close();
  }

  private settle<T>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null | undefined, value?: T): void => {
        if (settled) return;
        settled = true;
        this.connection.off('error', onError);
        this.connection.off('end', onEnd);
        if (error) reject(error);
        else resolve(value as T);
      };
      const onError = (error: Error): void => finish(error);
      const onEnd = (): void => void setImmediate(() => finish(closedError()));
      this.connection.on('error', onError);
      this.connection.once('end', onEnd);
      if (!this.alive) return finish(closedError());
      start(finish);
    });
  }
}
