/**
 * An SMTP submission server (the real smtp-server library) that misbehaves on purpose, one policy
 * per test: greylisting, refused recipients, a refusal at the end of DATA, a connection dropped
 * after the final dot, a small SIZE. Everything it accepted is recorded, so a test can assert
 * that a message arrived exactly once.
 */
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { LOOPBACK } from './ports';
import { smtpError } from './smtp';

export interface SmtpFaultPolicy {
  certPem: string;
  keyPem: string;
  /** The one login that is accepted (AUTH PLAIN/LOGIN, only over TLS). */
  user: string;
  password: string;
  /** Implicit TLS (465 style); otherwise STARTTLS (587 style). */
  implicitTls?: boolean;
  /** Accept AUTH without TLS, for clients configured with security "none". */
  allowInsecureAuth?: boolean;
  /** The first N messages get "451 4.7.1" at the end of DATA (greylisting); later ones are accepted. */
  tempFailData?: number;
  /** RCPT TO for these addresses gets "550 5.1.1". */
  rejectRecipients?: readonly string[];
  /** Every message gets this reply at the end of DATA instead of 250, e.g. 554 "5.7.1 …". */
  rejectData?: { code: number; text: string };
  /** The socket is destroyed once the full message (with its final dot) arrived; no reply. */
  dropAfterData?: boolean;
  /** The socket is destroyed on the first bytes of message data, long before the final dot. */
  dropDuringData?: boolean;
  /** The full message is received and then no reply ever comes (a client killed meanwhile). */
  holdAfterData?: boolean;
  /** Advertised as SIZE (and enforced by smtp-server). */
  maxSize?: number;
  /** The server closes a session idle this long (smtp-server says 421 and hangs up). */
  idleTimeoutMs?: number;
}

/** A message as the server received it. */
export interface FaultDelivery {
  messageId: string | null;
  mailFrom: string;
  rcptTo: string[];
  /** The DATA bytes after dot-unstuffing, without the terminating dot. */
  raw: Buffer;
  /** The queue id given in the 250 reply (null for a message that was not accepted). */
  queueId: string | null;
}

export interface RunningFaultySmtpServer {
  port: number;
  /** Accepted messages (250 sent), in order. */
  deliveries: FaultDelivery[];
  /** Messages received in full but not accepted (temp-failed, refused, or dropped). */
  refused: FaultDelivery[];
  /** What clients did, in order: "connect", "auth <user>", "mail <from>", "rcpt <to>", "data". */
  events: string[];
  close(): Promise<void>;
}

function messageIdOf(raw: Buffer): string | null {
  const headers = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  return /^Message-ID:\s*(<[^>]+>)/im.exec(headers)?.[1] ?? null;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultySmtpServer(policy: SmtpFaultPolicy): Promise<RunningFaultySmtpServer> {
  const deliveries: FaultDelivery[] = [];
  const refused: FaultDelivery[] = [];
  const events: string[] = [];
  // TCP sockets by client port, so a policy can cut a session's connection from below.
  const sockets = new Map<number, Socket>();
  const rejected = new Set((policy.rejectRecipients ?? []).map((address) => address.toLowerCase()));
  let dataCount = 0;
  let queueSeq = 0;

  const record = (session: SMTPServerSession, raw: Buffer, queueId: string | null): FaultDelivery => {
    const { mailFrom, rcptTo } = session.envelope;
    return {
      messageId: messageIdOf(raw),
      mailFrom: mailFrom === false ? '' : mailFrom.address,
      rcptTo: rcptTo.map((rcpt) => rcpt.address),
      raw,
      queueId,
    };
  };

  const server = new SMTPServer({
    name: 'faults.localhost',
    banner: 'Letterbox fault submission server',
    secure: policy.implicitTls ?? false,
    key: policy.keyPem,
    cert: policy.certPem,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: policy.allowInsecureAuth ?? false,
    disableReverseLookup: true,
    size: policy.maxSize,
    ...(policy.idleTimeoutMs === undefined ? {} : { socketTimeout: policy.idleTimeoutMs }),
    closeTimeout: 200,
    logger: false,
    onConnect(_session, callback) {
      events.push('connect');
      callback();
    },
    onAuth(auth, session, callback) {
      events.push(`auth ${auth.username ?? ''}${session.secure ? '' : ' (plaintext)'}`);
      const ok = auth.username === policy.user && auth.password === policy.password;
      callback(
        ok ? null : smtpError(535, '5.7.8 Authentication credentials invalid'),
        ok ? { user: policy.user } : undefined,
      );
    },
    onMailFrom(address, _session, callback) {
      events.push(`mail ${address.address}`);
      callback();
    },
    onRcptTo(address, _session, callback) {
      events.push(`rcpt ${address.address}`);
      const refuse = rejected.has(address.address.toLowerCase());
      callback(refuse ? smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`) : null);
    },
    onData(stream, session, callback) {
      events.push('data');
      if (policy.dropDuringData) {
        stream.once('data', () => sockets.get(session.remotePort)?.destroy());
      }
      dataCount += 1;
      const count = dataCount;
      readAll(stream).then(
        (raw) => {
          if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 Message size exceeds fixed limit'));
          if (policy.holdAfterData) {
            refused.push(record(session, raw, null));
            return;
          }
          if (policy.dropAfterData) {
            refused.push(record(session, raw, null));
            // No reply at all: the client has sent everything and hears nothing back.
            sockets.get(session.remotePort)?.destroy();
            return;
          }
          if (count <= (policy.tempFailData ?? 0)) {
            refused.push(record(session, raw, null));
            return callback(smtpError(451, '4.7.1 Greylisted, please try again later'));
          }
          if (policy.rejectData) {
            refused.push(record(session, raw, null));
            return callback(smtpError(policy.rejectData.code, policy.rejectData.text));
          }
          queueSeq += 1;
          const queueId = `FQ${String(queueSeq).padStart(6, '0')}`;
          deliveries.push(record(session, raw, queueId));
          callback(null, `2.0.0 Ok: queued as ${queueId}`);
        },
        (error: unknown) => callback(smtpError(451, `4.3.0 ${String(error)}`)),
      );
    },
  });
  // Clients that give up mid-handshake or mid-session are what these tests provoke.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    port,
    deliveries,
    refused,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
