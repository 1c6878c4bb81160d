import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runLetterbox } from '../support/cli-process';
import { startDnsServer } from '../support/dns-server';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';
import { filesContaining } from '../support/profile-scan';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-account-'));
// The harness CA is trusted the way a user trusts a company CA: through Node's own variable.
const env = { NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'cli');
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

function addArgs(extra: string[] = []): string[] {
  return [
    'account', 'add', '--profile', profile, '--json',
    '--email', user.address, '--name', 'CLI Tester',
    '--imap', `${servers.host}:${servers.imap.port}`, '--incoming-security', 'starttls',
    '--smtp', `${servers.host}:${servers.smtp.port}`, '--smtp-security', 'starttls',
    '--user', user.name, '--password-stdin', ...extra,
  ]; // prettier-ignore
}

describe('letterbox account (real Dovecot and SMTP)', () => {
  it('refuses to save an account whose password the server rejects, quoting the server', async () => {
    const run = await runLetterbox(addArgs(), { env, stdin: 'wrong-password\n' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(run.stdout);
    expect(result.saved).toBe(false);
    expect(result.verification[0].failure.code).toBe('auth_failed');
    expect(result.verification[0].failure.serverText).toMatch(/AUTHENTICATIONFAILED|Authentication failed/i);
    const list = await runLetterbox(['account', 'list', '--profile', profile, '--json']);
    expect(JSON.parse(list.stdout).accounts).toEqual([]);
  });

  it('adds, lists and tests an account, keeping the password out of every file in the profile', async () => {
    const add = await runLetterbox(addArgs(), { env, stdin: `${user.password}\n` });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ saved: true, account: { email: user.address, incoming: 'imap' } });

    const list = await runLetterbox(['account', 'list', '--json', '--profile', profile]);
    expect(JSON.parse(list.stdout).accounts).toMatchObject([{ email: user.address }]);

    const test = await runLetterbox(['account', 'test', user.address, '--profile', profile], { env });
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^Incoming \(IMAP 127\.0\.0\.1:\d+\)$/m);
    expect(test.stdout).toMatch(/^Outgoing \(SMTP 127\.0\.0\.1:\d+\)$/m);
    expect(test.stdout).toMatch(/✓ auth/);

    expect(filesContaining(profile, user.password)).toEqual([]);
  });

  it('fails `account test` at the TLS step when the server certificate is no longer trusted', async () => {
    const profile2 = mkdtempSync(join(tmpdir(), 'letterbox-cli-gone-'));
    try {
      const add = await runLetterbox([...addArgs(), '--profile', profile2], { env, stdin: user.password });
      expect(add.code).toBe(0);
      const run = await runLetterbox(['account', 'test', user.address, '--profile', profile2], {
        env: { ...env, NODE_EXTRA_CA_CERTS: '/nonexistent-ca.pem' },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/✗ /);
      expect(run.stderr).toMatch(/^letterbox: .*certificate/im);
    } finally {
      rmSync(profile2, { recursive: true, force: true });
    }
  });

  it('will not remove without --yes when there is no terminal, then removes with it', async () => {
    const refused = await runLetterbox(['account', 'remove', user.address, '--profile', profile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    const removed = await runLetterbox(['account', 'remove', user.address, '--yes', '--json', '--profile', profile]);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ removed: true });
    const list = await runLetterbox(['account', 'list', '--json', '--profile', profile]);
    expect(JSON.parse(list.stdout).accounts).toEqual([]);
  });
});

describe('letterbox account add --auto', () => {
  it('finds the servers from SRV records, prints each step, verifies and saves', async () => {
    const dns = await startDnsServer({
      srv: [
        { name: '_imaps._tcp.srv-auto.test' },
        { name: '_imap._tcp.srv-auto.test', target: 'localhost', port: servers.imap.port },
        { name: '_submissions._tcp.srv-auto.test' },
        { name: '_submission._tcp.srv-auto.test', target: 'localhost', port: servers.smtp.port },
      ],
      localDomains: ['test', 'net'],
    });
    const autoProfile = mkdtempSync(join(tmpdir(), 'letterbox-cli-auto-'));
    try {
      const email = `${user.name}@srv-auto.test`;
      const run = await runLetterbox(
        [
          'account',
          'add',
          '--auto',
          '--email',
          email,
          '--user',
          user.name,
          '--password-stdin',
          '--profile',
          autoProfile,
        ],
        { env: { ...env, LETTERBOX_DNS_SERVERS: dns.server }, stdin: user.password },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/provider-table +not-found/);
      expect(run.stdout).toMatch(/srv +found/);
      expect(run.stdout).toMatch(/incoming IMAP localhost:\d+ starttls/);
      expect(run.stdout).toMatch(/Saved account/);
    } finally {
      rmSync(autoProfile, { recursive: true, force: true });
      await dns.stop();
    }
  });
});
