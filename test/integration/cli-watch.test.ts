import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addHarnessAccount, runLetterbox } from '../support/cli-process';
import { deliverMessage } from '../support/doveadm';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';

const BIN = fileURLToPath(new URL('../../main/cli/bin.mjs', import.meta.url));
const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-watch-'));
const env = { ...process.env, LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'cliwatch');
  await deliverMessage(servers.dovecot, user.name, 'Subject: already there\r\n\r\nx\r\n');
  await addHarnessAccount(servers, user, profile);
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

/** `letterbox watch` as a child process, with its output readable while it runs. */
function startWatch(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'watch', '--profile', profile, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exited.then(() => clearTimeout(killer));
  return { child, out, exited };
}

async function until(what: string, out: { stdout: string; stderr: string }, check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(out)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('letterbox watch (real Dovecot)', () => {
  it('prints the initial pass and a pushed message, and exits 0 on SIGINT', async () => {
    const watch = startWatch([user.address]);
    await until('IDLE', watch.out, () => / connected; IDLE on INBOX\n/.test(watch.out.stdout));
    await until('the initial pass', watch.out, () => / INBOX: 1 new\n/.test(watch.out.stdout));

    const delivered = Date.now();
    await deliverMessage(servers.dovecot, user.name, 'Subject: live one\r\n\r\nhello\r\n');
    await until('the pushed message', watch.out, () => / INBOX: 1 new\n[\s\S]* INBOX: 1 new\n/.test(watch.out.stdout));
    console.info(`letterbox watch printed a delivered message after ${Date.now() - delivered} ms`);

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
    expect(watch.out.stderr).toBe('');
    expect(watch.out.stdout).toMatch(/: stopped after \d+ s; 2 new, 0 changed, 0 removed, 0 reconnects\n$/);

    const list = await runLetterbox(['messages', 'list', '--json', '--profile', profile], { env });
    expect(JSON.parse(list.stdout).messages.map((m: { subject: string }) => m.subject)).toContain('live one');
  }, 45_000);

  it('with --json prints exactly one summary document on SIGTERM', async () => {
    const watch = startWatch(['--json']);
    await deliverMessage(servers.dovecot, user.name, 'Subject: json one\r\n\r\nhello\r\n');
    // Nothing is printed while watching in JSON mode: wait until the message is in the store.
    const started = Date.now();
    for (;;) {
      const list = await runLetterbox(['messages', 'list', '--json', '--profile', profile], { env });
      const subjects = (JSON.parse(list.stdout) as { messages: { subject: string }[] }).messages.map((m) => m.subject);
      if (subjects.includes('json one')) break;
      if (Date.now() - started > 20_000) throw new Error(`not synced: ${JSON.stringify(watch.out)}`);
    }
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    const summary = JSON.parse(watch.out.stdout) as { accounts: { added: number; reconnects: number }[] };
    expect(summary.accounts).toHaveLength(1);
    expect(summary.accounts[0]?.added).toBe(1);
  }, 45_000);
});
