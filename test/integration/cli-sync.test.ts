import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addHarnessAccount, runLetterbox } from '../support/cli-process';
import { deliverMessage } from '../support/doveadm';
import { addMailUser } from '../support/mail-users';
import type { TestUser } from '../support/mail-servers';
import { filesContaining } from '../support/profile-scan';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-sync-'));
const env = { NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;
// Bytes a text-mode pipeline would mangle: CRLF, a lone LF, 8-bit and a trailing line without CRLF.
const raw = Buffer.concat([
  Buffer.from(
    'From: "Zoë" <zoe@example.test>\r\nTo: cli@example.test\r\nSubject: =?UTF-8?Q?Caf=C3=A9?=\r\n' +
      'Date: Tue, 03 Feb 2026 10:00:00 +0100\r\nMessage-ID: <cli-1@example.test>\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCafé au lait\r\nline two\n',
    'utf8',
  ),
  Buffer.from([0xc3, 0xa9, 0x0d, 0x0a]),
]);

// IMAP serves messages with CRLF line ends (RFC 3501 §4.3): Dovecot turns the lone LF into CRLF,
// so that — not the delivered file — is the exact message a client can ever see.
const served = Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'clisync');
  await deliverMessage(servers.dovecot, user.name, raw);
  await deliverMessage(
    servers.dovecot,
    user.name,
    'Subject: second\r\nDate: Wed, 04 Feb 2026 10:00:00 +0000\r\n\r\nx\r\n',
  );
  await addHarnessAccount(servers, user, profile);
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

describe('letterbox sync / messages / message (real Dovecot)', () => {
  it('syncs once, printing per-folder counts and timings', async () => {
    const run = await runLetterbox(['sync', user.address, '--profile', profile], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}INBOX +reseed +2 messages +\+2 ~0 -0 +bodies 2 +\d+ ms$/m);
    expect(run.stdout).toMatch(/^ {2}Sent +reseed +0 messages/m);

    const again = await runLetterbox(['sync', '--json', '--profile', profile], { env });
    expect(again.code).toBe(0);
    const { accounts } = JSON.parse(again.stdout);
    expect(accounts[0].folders.find((f: { path: string }) => f.path === 'INBOX')).toMatchObject({
      strategy: 'unchanged',
      total: 2,
    });
    expect(filesContaining(profile, user.password)).toEqual([]);
  });

  it('lists messages newest first and shows one, text and exact raw bytes', async () => {
    const list = await runLetterbox(['messages', 'list', '--folder', 'INBOX', '--json', '--profile', profile]);
    expect(list.code).toBe(0);
    const { messages } = JSON.parse(list.stdout);
    expect(messages.map((m: { subject: string }) => m.subject)).toEqual(['second', 'Café']);
    expect(messages[1]).toMatchObject({
      uid: 1,
      from: 'Zoë <zoe@example.test>',
      date: '2026-02-03T09:00:00.000Z',
      flags: [],
    });
    expect(messages[1].size).toBe(served.length);
    expect(messages[0].flags).toEqual([]); // \Recent is per session, never stored

    const text = await runLetterbox(['messages', 'list', '--limit', '1', '--profile', profile]);
    expect(text.stdout.trim().split('\n')).toHaveLength(1);
    expect(text.stdout).toMatch(/uid 2 .*"second"/);

    const show = await runLetterbox(['message', 'show', messages[1].id, '--profile', profile]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Subject: Café$/m);
    expect(show.stdout).toMatch(/Café au lait/);

    const bytes = await rawOf(messages[1].id);
    expect(bytes.equals(served)).toBe(true);
    expect(served.length).toBe(raw.length + 1);
  });

  it('fails clearly for an unknown message id', async () => {
    const run = await runLetterbox(['message', 'show', 'nope', '--raw', '--profile', profile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/No message has the id nope/);
  });
});

/** stdout as bytes: runLetterbox decodes to a string, which would hide a mangled byte. */
async function rawOf(id: string): Promise<Buffer> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const bin = fileURLToPath(new URL('../../main/cli/bin.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'message', 'show', id, '--raw', '--profile', profile], {
    env: { ...process.env, LETTERBOX_SECRETS: 'vault' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  return Buffer.concat(chunks);
}
