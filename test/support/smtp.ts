import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { LOOPBACK } from './ports';
import type { SmtpRecorder } from './smtp-recorder';

/** Where the SMTP server looks up users and puts mail; see dovecotMailboxes for the real one. */
export interface Mailboxes {
  checkPassword(user: string, password: string): Promise<boolean>;
  /**
   * The local user an address belongs to; `undefined` for a non-local address (accepted and
   * only recorded, as a relay would), `null` for an unknown user of the local domain (rejected).
   */
  localUser(address: string): Promise<string | null | undefined>;
  deliver(user: string, raw: Buffer): Promise<void>;
}

export interface SmtpServerOptions {
  certPem: string;
  keyPem: string;
  /** Implicit TLS (port 465 style). Otherwise plain with STARTTLS offered (587 style). */
  implicitTls?: boolean;
  mailboxes: Mailboxes;
  recorder: SmtpRecorder;
  /** Default 0: the kernel picks a free port, so there is no race with other processes. */
  port?: number;
  /** Largest accepted message; advertised as SIZE. Default 25 MB. */
  maxBytes?: number;
}

export interface RunningSmtpServer {
  port: number;
  server: SMTPServer;
  close(): Promise<void>;
}

export function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/** The AUTH identity; onAuth below only ever stores a string there. */
function authUser(session: SMTPServerSession): string {
  return typeof session.user === 'string' ? session.user : '';
}

/**
 * A submission server for tests: AUTH PLAIN/LOGIN required and refused before TLS, every accepted
 * message recorded byte-for-byte and delivered to the local recipients' mailboxes before the
 * 250 reply (so once a client's send resolves, the mail is already in Dovecot).
 */
export async function startSmtpServer(options: SmtpServerOptions): Promise<RunningSmtpServer> {
  const { mailboxes, recorder } = options;
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    name: 'localhost',
    banner: 'Letterbox test submission server',
    secure: options.implicitTls ?? false,
    key: options.keyPem,
    cert: options.certPem,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    // Loopback is not an excuse: the client under test must not send credentials in clear.
    allowInsecureAuth: false,
    disableReverseLookup: true,
    size: maxBytes,
    closeTimeout: 500,
    logger: false,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      mailboxes.checkPassword(user, auth.password ?? '').then(
        (ok) => (ok ? callback(null, { user }) : callback(smtpError(535, 'Authentication credentials invalid'))),
        (error: unknown) => callback(smtpError(454, `Temporary authentication failure: ${String(error)}`)),
      );
    },
    onRcptTo(address, _session, callback) {
      mailboxes.localUser(address.address).then(
        (user) => callback(user === null ? smtpError(550, `No such user here: ${address.address}`) : null),
        (error: unknown) => callback(smtpError(451, `Recipient lookup failed: ${String(error)}`)),
      );
    },
    onData(stream, session, callback) {
      accept(stream, session, options.mailboxes, recorder).then(
        (seq) => callback(null, `Message accepted as #${seq}`),
        (error: unknown) => callback(error instanceof Error ? error : smtpError(451, String(error))),
      );
    },
  });
  // Client resets and bad TLS handshakes are part of what tests provoke; they must not crash vitest.
  server.on('error', () => undefined);

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve((server.server.address() as AddressInfo).port));
  });
  return { port, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function accept(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  mailboxes: Mailboxes,
  recorder: SmtpRecorder,
): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) throw smtpError(552, 'Message exceeds the size limit');
  const raw = Buffer.concat(chunks);
  const { mailFrom, rcptTo } = session.envelope;
  const recipients = rcptTo.map((rcpt) => rcpt.address);

  const deliveredTo: string[] = [];
  for (const address of recipients) {
    const user = await mailboxes.localUser(address);
    if (user === null || user === undefined || deliveredTo.includes(user)) continue;
    try {
      await mailboxes.deliver(user, raw);
    } catch (error) {
      // 451 (try again later) rather than 5xx: a delivery failure here is the harness's fault.
      throw smtpError(
        451,
        `Local delivery to ${user} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    deliveredTo.push(user);
  }

  const recorded = await recorder.record({
    envelope: { mailFrom: mailFrom === false ? '' : mailFrom.address, rcptTo: recipients },
    authUser: authUser(session),
    secure: session.secure,
    deliveredTo,
    receivedAt: new Date().toISOString(),
    raw,
  });
  return recorded.seq;
}
