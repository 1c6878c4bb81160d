import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { CertificateInfo } from '../../../shared/model/setup';
import { certificateInfo } from './certificate';
import { socketHost } from './options';

export interface ProbeTarget {
  host: string;
  port: number;
  protocol: 'imap' | 'pop3' | 'smtp';
  /** Direct TLS, or the protocol's STARTTLS/STLS command first. */
  security: 'implicit' | 'starttls';
}

/** Reads CRLF lines from a plaintext socket, for the few exchanges before a STARTTLS. */
function lineSource(socket: Socket): { readLine: () => Promise<string>; detach: () => void } {
  let buffer = '';
  let waiter: ((line: string) => void) | undefined;
  let failure: Error | undefined;
  let fail: ((error: Error) => void) | undefined;
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('latin1');
    if (buffer.length > 65_536) socket.destroy(new Error('reply too long'));
    deliver();
  };
  const deliver = (): void => {
    const end = buffer.indexOf('\n');
    if (end < 0 || !waiter) return;
    const line = buffer.slice(0, end).replace(/\r$/, '');
    buffer = buffer.slice(end + 1);
    const resolve = waiter;
    waiter = undefined;
    resolve(line);
  };
  const onClose = (): void => {
    failure ??= new Error('connection closed');
    fail?.(failure);
  };
  socket.on('data', onData);
  socket.on('close', onClose);
  const readLine = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      if (failure) return reject(failure);
      waiter = (line) => resolve(line);
      fail = reject;
      deliver();
    });
  const detach = (): void => {
    socket.off('data', onData);
    socket.off('close', onClose);
  };
  return { readLine, detach };
}

/** The plaintext part of STARTTLS (IMAP, RFC 9051 §6.2.1), STLS (POP3, RFC 2595) or STARTTLS (SMTP, RFC 3207). */
async function negotiateUpgrade(socket: Socket, protocol: ProbeTarget['protocol']): Promise<void> {
  const { readLine, detach } = lineSource(socket);
  const send = (line: string): void => void socket.write(`${line}\r\n`);
  const expect = (ok: boolean, line: string): void => {
    if (!ok) throw new Error(`unexpected reply: ${line}`);
  };
  /** The last line of a reply whose other lines match `more` (IMAP untagged, SMTP "250-"). */
  const finalLine = async (more: RegExp): Promise<string> => {
    for (;;) {
      const line = await readLine();
      if (!more.test(line)) return line;
    }
  };
  if (protocol === 'imap') {
    expect(/^\* OK/i.test(await readLine()), 'greeting');
    send('P1 STARTTLS');
    const line = await finalLine(/^(?!P1 )/);
    expect(/^P1 OK/i.test(line), line);
  } else if (protocol === 'pop3') {
    expect((await readLine()).startsWith('+OK'), 'greeting');
    send('STLS');
    const line = await readLine();
    expect(line.startsWith('+OK'), line);
  } else {
    const greeting = await finalLine(/^220-/);
    expect(greeting.startsWith('220'), greeting);
    send('EHLO [127.0.0.1]');
    await finalLine(/^250-/);
    send('STARTTLS');
    const line = await readLine();
    expect(line.startsWith('220'), line);
  }
  detach();
}

function readCertificate(socket: TLSSocket): CertificateInfo | null {
  try {
    const peer = socket.getPeerCertificate(true);
    return peer.raw ? certificateInfo(peer.raw) : null;
  } catch {
    return null;
  }
}

/**
 * Reads the certificate a server presents, ONLY to show it after a verified connection failed
 * on it (so the user can decide to pin it). The handshake here deliberately skips verification
 * (`rejectUnauthorized: false`); nothing is sent after it — no login, no command — and the
 * connection is closed at once. Resolves null when the certificate cannot be read.
 */
export function probeCertificate(
  target: ProbeTarget,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<CertificateInfo | null> {
  const host = socketHost(target.host);
  return new Promise((resolve) => {
    const socket = netConnect({ host, port: target.port });
    let done = false;
    const finish = (info: CertificateInfo | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      socket.destroy();
      resolve(info);
    };
    const abort = (): void => finish(null);
    const timer = setTimeout(abort, options.timeoutMs ?? 5000);
    options.signal?.addEventListener('abort', abort);
    if (options.signal?.aborted) return abort();
    socket.on('error', abort);
    socket.once('connect', () => {
      const upgrade = target.security === 'starttls' ? negotiateUpgrade(socket, target.protocol) : Promise.resolve();
      upgrade.then(() => {
        if (done) return;
        const secure = tlsConnect({
          socket,
          host,
          ...(isIP(host) === 0 ? { servername: host } : {}),
          minVersion: 'TLSv1.2',
          rejectUnauthorized: false, // read-only probe, see above
        });
        secure.on('error', abort);
        secure.once('secureConnect', () => {
          const info = readCertificate(secure);
          secure.destroy();
          finish(info);
        });
      }, abort);
    });
  });
}
