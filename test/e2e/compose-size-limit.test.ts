/**
 * The size warning while composing names the real limit of the sending server: the SIZE its
 * EHLO advertised when the account was checked in the setup dialog.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLimitedSmtpServer, type LimitedSmtpServer } from '../support/limited-smtp';
import type { MailServers } from '../support/mail-servers';
import { useAppSession } from './support/app-session';
import { ComposePage } from './support/compose-page';
import { harnessAppOpener } from './support/harness-app';

const servers = inject('mailServers');
const LIMIT = 300_000;
const session = useAppSession({
  prefix: 'letterbox-size-limit-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

let limited: LimitedSmtpServer;
// The account's outgoing server is the limited one; its port is known once it listens.
const viaLimited: MailServers = { ...servers, smtp: { ...servers.smtp } };

beforeAll(async () => {
  limited = await startLimitedSmtpServer(servers, LIMIT);
  viaLimited.smtp.port = limited.port;
});
afterAll(async () => {
  await limited?.close();
});

const openAppWithAccount = harnessAppOpener(session, viaLimited, {
  userPrefix: 'sizelim',
  name: 'Lima Limit',
  accountName: 'Size limit test',
});

const file = (name: string, bytes: number) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: randomBytes(bytes),
});

describe('the message size warning in compose', () => {
  it('names the sending server and the limit it advertised, and goes when the message fits again', async () => {
    await openAppWithAccount();
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: 'someone@example.test', subject: 'Big files', body: 'Two files.' });
    const warning = compose.attachments.getByRole('alert');

    await compose.attach([file('small.bin', 100_000)]);
    expect(await warning.count()).toBe(0);

    // 100 KB + 150 KB of files are about 340 KB once base64-encoded: over the 300 KB limit.
    await compose.attach([file('more.bin', 150_000)]);
    await expect
      .poll(() => warning.textContent())
      .toMatch(
        /^This message is about 3\d\d KB; 127\.0\.0\.1 accepts up to 300 KB\. It will probably be refused; share a link instead or remove an attachment\.$/,
      );
    await session.page.screenshot({ path: '/tmp/letterbox-compose-size-warning.png' });

    await compose.attachments.getByRole('button', { name: 'Remove more.bin', exact: true }).click();
    await warning.waitFor({ state: 'detached' });
  });
});
