import { isIPv6 } from 'node:net';
import { errorText } from '../dns-resolver';
import { LineConnection, type CertificateCheck } from './line-connection';

export type ProbeProtocol = 'imap' | 'pop3' | 'smtp';

export interface ProbeRequest {
  protocol: ProbeProtocol;
  host: string;
  address: string;
  port: number;
  security: 'implicit' | 'starttls';
  ca: string[] | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface ProbeResult {
  /** A server of this protocol answered (and, on a STARTTLS port, offers STARTTLS/STLS). */
  ok: boolean;
  /** In words: "imap.example.com:993 IMAP, certificate verified" / "… no STARTTLS offered". */
  detail: string;
  certificate: CertificateCheck;
}

/** IMAP: "* OK" greeting, then CAPABILITY (the greeting may already carry it). */
async function imapCapabilities(connection: LineConnection): Promise<string[]> {
  const greeting = await connection.readLine();
  if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new Error(`not an IMAP greeting: ${greeting.slice(0, 80)}`);
  connection.send('P1 CAPABILITY');
  const capabilities: string[] = [];
  for (let line = await connection.readLine(); !/^P1 /i.test(line); line = await connection.readLine()) {
    const match = /^\* CAPABILITY (.*)$/i.exec(line);
    if (match?.[1]) capabilities.push(...match[1].split(' '));
  }
  connection.send('P2 LOGOUT');
  return capabilities;
}

/** POP3: "+OK" greeting, then CAPA (RFC 2449); a server without CAPA offers no STLS we can see. */
async function pop3Capabilities(connection: LineConnection): Promise<string[]> {
  const greeting = await connection.readLine();
  if (!/^\+OK\b/i.test(greeting)) throw new Error(`not a POP3 greeting: ${greeting.slice(0, 80)}`);
  connection.send('CAPA');
  const capabilities: string[] = [];
  if (/^\+OK\b/i.test(await connection.readLine())) {
    for (let line = await connection.readLine(); line !== '.'; line = await connection.readLine()) {
      capabilities.push(line.split(' ')[0] ?? '');
    }
  }
  connection.send('QUIT');
  return capabilities;
}

/** One SMTP reply (possibly multi-line): its code and text lines. */
async function smtpReply(connection: LineConnection): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  for (;;) {
    const line = await connection.readLine();
    if (!/^\d{3}[ -]?/.test(line)) throw new Error(`not an SMTP reply: ${line.slice(0, 80)}`);
    lines.push(line.slice(4));
    if (line[3] !== '-') return { code: Number(line.slice(0, 3)), lines };
  }
}

/** SMTP: 220 greeting, then EHLO; its reply lines after the first are the extensions. */
async function smtpCapabilities(connection: LineConnection): Promise<string[]> {
  const greeting = await smtpReply(connection);
  if (greeting.code !== 220) throw new Error(`SMTP server refused the session: ${greeting.code}`);
  // An address literal is what RFC 5321 asks for from a client without a proper host name.
  const local = connection.localAddress;
  connection.send(`EHLO ${isIPv6(local) ? `[IPv6:${local}]` : `[${local}]`}`);
  const ehlo = await smtpReply(connection);
  if (ehlo.code !== 250) throw new Error(`EHLO refused: ${ehlo.code}`);
  connection.send('QUIT');
  return ehlo.lines.slice(1).map((line) => line.split(' ')[0] ?? '');
}

const DIALOGUE = { imap: imapCapabilities, pop3: pop3Capabilities, smtp: smtpCapabilities };
const STARTTLS_WORD = { imap: 'STARTTLS', pop3: 'STLS', smtp: 'STARTTLS' };
const NAME = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };

/**
 * Connects, reads the greeting and asks for capabilities; never authenticates, never sends a
 * credential. A STARTTLS port only counts when the server offers the upgrade: we never
 * suggest a server that would carry the password in clear.
 */
export async function probeServer(request: ProbeRequest): Promise<ProbeResult> {
  const where = `${request.host}:${request.port}`;
  const timer = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timer]);
  let certificate: CertificateCheck = null;
  let connection: LineConnection | undefined;
  try {
    const opened = await LineConnection.open({
      host: request.host,
      address: request.address,
      port: request.port,
      tls: request.security === 'implicit',
      ca: request.ca,
      signal,
    });
    connection = opened.connection;
    certificate = opened.certificate;
    const capabilities = (await DIALOGUE[request.protocol](connection)).map((word) => word.toUpperCase());
    const name = NAME[request.protocol];
    if (request.security === 'starttls' && !capabilities.includes(STARTTLS_WORD[request.protocol])) {
      return { ok: false, detail: `${where} ${name} without ${STARTTLS_WORD[request.protocol]}`, certificate };
    }
    const tlsNote =
      certificate === null
        ? `, ${STARTTLS_WORD[request.protocol]} offered`
        : certificate.verified
          ? ', certificate verified'
          : `, ${certificate.problem}`;
    return { ok: true, detail: `${where} ${name}${tlsNote}`, certificate };
  } catch (error) {
    if (request.signal.aborted) throw error;
    const why = timer.aborted ? `no answer within ${request.timeoutMs} ms` : errorText(error);
    return { ok: false, detail: `${where} ${why}`, certificate };
  } finally {
    connection?.close();
  }
}
