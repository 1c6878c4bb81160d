/**
 * `letterbox send` killed with SIGKILL in the middle of a send: after a restart nothing is lost
 * (the message is still in the outbox, and says what happened) and nothing is delivered twice
 * (it is not resent by itself). The server takes the whole message and then never answers, so
 * the kill lands exactly in the window where the client cannot know the outcome.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxItem } from '../../shared/model/outbox';
import { runLetterbox } from '../support/cli-process';
import { privateCaAndLeaf } from '../support/fault-servers/certificates';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';
import { pollUntil } from '../support/poll';
import { startFaultySmtpServer, type RunningFaultySmtpServer } from '../support/smtp-faults';

const servers = inject('mailServers');
const BIN = fileURLToPath(new URL('../../main/cli/bin.mjs', import.meta.url));
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-kill-'));
let user: TestUser;
let server: RunningFaultySmtpServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'kill');
  const { ca, leaf } = await privateCaAndLeaf('localhost');
  // The CLI trusts the harness CA (IMAP) and the fault server's CA (SMTP), as a user would via the OS.
  const caFile = join(profile, 'cas.pem');
  writeFileSync(caFile, `${servers.tls.ca}\n${ca.certPem}\n`);
  env = { NODE_EXTRA_CA_CERTS: caFile };
  server = await startFaultySmtpServer({
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
    user: user.name,
    password: user.password,
    holdAfterData: true,
  });
  const add = await runLetterbox(
    [
      'account', 'add', '--profile', profile, '--email', user.address,
      '--imap', `${servers.host}:${servers.imap.port}`, '--incoming-security', 'starttls',
      '--smtp', `127.0.0.1:${server.port}`, '--smtp-security', 'starttls',
      '--user', user.name, '--password-stdin',
    ], // prettier-ignore
    { env, stdin: `${user.password}\n` },
  );
  if (add.code !== 0) throw new Error(`account add failed: ${add.stderr}`);
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('a send killed with SIGKILL', () => {
  it('is found again after a restart, uncertain, and is not sent a second time', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'send', '--profile', profile, '--account', user.address, '--to', 'rita@faults.test', '--subject', 'Killed'],
      { env: { ...process.env, LETTERBOX_SECRETS: 'vault', ...env }, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    child.stdin.end('Sent by a process that will not live to hear the reply.\n');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The whole message is at the server; the reply never comes.
    const received = await pollUntil(async () => server.refused.at(0), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the message data at the server',
    });
    child.kill('SIGKILL');
    await exited;

    const list = await runLetterbox(['outbox', 'list', '--json', '--profile', profile], { env });
    expect(list.code).toBe(0);
    const { items } = JSON.parse(list.stdout) as { items: OutboxItem[] };
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.messageId).toBe(received.messageId);
    expect(item?.state).toBe('uncertain');
    expect(item?.note).toMatch(/Send again or Mark as sent/);

    const flush = await runLetterbox(['outbox', 'flush', '--json', '--profile', profile], { env });
    expect(flush.code).toBe(0);
    expect(JSON.parse(flush.stdout)).toMatchObject({ attempted: 0 });
    expect(server.refused).toHaveLength(1);
    expect(server.deliveries).toHaveLength(0);
    expect(server.events.filter((e) => e === 'data')).toHaveLength(1);
  });
});
