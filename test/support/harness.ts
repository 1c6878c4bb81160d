import { join } from 'node:path';
import { createTestCa, SERVER_NAME } from './ca';
import { startDovecot, type RunningDovecot } from './dovecot';
import { dovecotMailboxes } from './dovecot-mailboxes';
import type { MailServers } from './mail-servers';
import { makeTestUser } from './mail-users';
import { LOOPBACK } from './ports';
import { startSmtpServer, type RunningSmtpServer } from './smtp';
import { SmtpRecorder } from './smtp-recorder';
import { cleanupStaleRuns, createRunDir, removeRunDir } from './run-dir';

export interface MailHarness {
  info: MailServers;
  /** In-memory view of what the SMTP servers accepted (only in the process that started them). */
  recorder: SmtpRecorder;
  /** Stops SMTP and Dovecot, waits until no process is left, removes the run folder. */
  stop(): Promise<void>;
  /** Synchronous best effort for exit/signal handlers: SIGTERM the Dovecot process tree. */
  stopNow(): void;
}

/** Starts CA + Dovecot + two SMTP servers (STARTTLS and implicit TLS) for one test run. */
export async function startMailHarness(): Promise<MailHarness> {
  await cleanupStaleRuns();
  const runDir = await createRunDir();
  const ca = await createTestCa(join(runDir, 'tls'));
  const trust = { ca: ca.caCertPem, servername: SERVER_NAME };
  const users = { alice: makeTestUser('alice'), bob: makeTestUser('bob') };

  const dovecot = await startDovecot({
    runDir,
    certPath: ca.certPath,
    keyPath: ca.keyPath,
    trust,
    users: [users.alice, users.bob],
  });
  const recorder = new SmtpRecorder(join(runDir, 'smtp-spool'));
  const smtpServers: RunningSmtpServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(smtpServers.map((server) => server.close()));
    await dovecot.stop();
    await removeRunDir(runDir);
  };
  try {
    const common = { certPem: ca.certPem, keyPem: ca.keyPem, mailboxes: dovecotMailboxes(dovecot.info), recorder };
    smtpServers.push(await startSmtpServer(common), await startSmtpServer({ ...common, implicitTls: true }));
  } catch (error) {
    await stop();
    throw error;
  }
  const [submission, implicit] = smtpServers as [RunningSmtpServer, RunningSmtpServer];
  return {
    info: connectionInfo(dovecot, ca.caCertPem, ca.caCertPath, users, submission.port, implicit.port, recorder),
    recorder,
    stop,
    stopNow: () => dovecot.stopNow(),
  };
}

function connectionInfo(
  dovecot: RunningDovecot,
  ca: string,
  caPath: string,
  users: MailServers['users'],
  smtpPort: number,
  smtpsPort: number,
  recorder: SmtpRecorder,
): MailServers {
  return {
    host: LOOPBACK,
    servername: SERVER_NAME,
    tls: { ca, caPath },
    users,
    imap: { port: dovecot.ports.imap, tlsPort: dovecot.ports.imaps },
    pop3: { port: dovecot.ports.pop3, tlsPort: dovecot.ports.pop3s },
    smtp: { port: smtpPort, tlsPort: smtpsPort, spoolDir: recorder.spoolDir ?? '' },
    dovecot: dovecot.info,
  };
}
