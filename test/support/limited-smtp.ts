import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dovecotMailboxes } from './dovecot-mailboxes';
import type { MailServers } from './mail-servers';
import { startSmtpServer, type RunningSmtpServer } from './smtp';
import { SmtpRecorder } from './smtp-recorder';

export interface LimitedSmtpServer extends RunningSmtpServer {
  /** What this server accepted (in memory: it runs in the test's own process). */
  recorder: SmtpRecorder;
}

/**
 * Another submission server like the harness's (STARTTLS, the harness certificate, delivery to
 * the test Dovecot) that advertises and enforces its own SIZE, for tests about message limits.
 */
export async function startLimitedSmtpServer(servers: MailServers, maxBytes: number): Promise<LimitedSmtpServer> {
  const tls = join(servers.dovecot.runDir, 'tls');
  const [certPem, keyPem] = await Promise.all([
    readFile(join(tls, 'cert.pem'), 'utf8'),
    readFile(join(tls, 'key.pem'), 'utf8'),
  ]);
  const recorder = new SmtpRecorder();
  const server = await startSmtpServer({
    certPem,
    keyPem,
    mailboxes: dovecotMailboxes(servers.dovecot),
    recorder,
    maxBytes,
  });
  return { ...server, recorder };
}
