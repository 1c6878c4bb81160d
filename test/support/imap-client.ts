import { ImapFlow } from 'imapflow';
import type { MailServers, TestUser } from './mail-servers';

/**
 * A plain imapflow connection to the harness Dovecot as `user` (STARTTLS, the run's CA trusted):
 * "another client" in sync tests, and the baseline in benchmarks. Not connected yet.
 */
export function harnessImapClient(servers: MailServers, user: TestUser): ImapFlow {
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imap.port,
    secure: false,
    doSTARTTLS: true,
    auth: { user: user.name, pass: user.password },
    tls: { ca: servers.tls.ca, servername: servers.servername },
    logger: false,
    disableAutoIdle: true,
  });
  // Failures reject the running command; without a listener an 'error' event would throw.
  client.on('error', () => undefined);
  return client;
}
