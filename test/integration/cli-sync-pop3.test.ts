import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addHarnessAccount, runLetterbox } from '../support/cli-process';
import { deliverMessage } from '../support/doveadm';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-cli-pop3-'));
const env = { NODE_EXTRA_CA_CERTS: servers.tls.caPath };
let user: TestUser;

const message = (subject: string) =>
  `From: Pat <pat@example.test>\r\nTo: x@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@example.test>\r\n` +
  `Date: Tue, 03 Feb 2026 09:00:00 +0000\r\n\r\nBody of ${subject}\r\n`;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'pop3cli');
  await addHarnessAccount(servers, user, profile, 'pop3');
});
afterAll(() => rmSync(profile, { recursive: true, force: true }));

describe('letterbox sync with a POP3 account (real Dovecot over STLS)', () => {
  it('retrieves new mail into the local Inbox, once', async () => {
    await deliverMessage(servers.dovecot, user.name, message('first'));
    await deliverMessage(servers.dovecot, user.name, message('second'));
    const first = await runLetterbox(['sync', '--json', '--profile', profile], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).accounts[0].folders[0]).toMatchObject({ strategy: 'pop3', added: 2, total: 2 });

    await deliverMessage(servers.dovecot, user.name, message('third'));
    const second = await runLetterbox(['sync', '--profile', profile], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/INBOX +pop3 +3 messages +\+1 /);

    const list = await runLetterbox(['messages', 'list', '--json', '--profile', profile]);
    const subjects = JSON.parse(list.stdout).messages.map((m: { subject: string }) => m.subject);
    expect(subjects.sort()).toEqual(['first', 'second', 'third']);
  });
});
