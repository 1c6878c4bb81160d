/**
 * The mail window against the harness's real Dovecot: a desktop notification for mail delivered
 * to the server (sender and subject as plain text), and actions from the keyboard and the context
 * menu that reach the server after replay.
 */
import { expect, inject, describe, it } from 'vitest';
import { deliverMessage } from '../support/doveadm';
import { harnessImapClient } from '../support/imap-client';
import type { TestUser } from '../support/mail-servers';
import { useAppSession } from './support/app-session';
import { harnessAppOpener } from './support/harness-app';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-window-server-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});
const ACCOUNT = 'Window test';
const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'window',
  name: 'Wendy Window',
  accountName: ACCOUNT,
});

function rawMessage(subject: string, from = 'Nina News <nina@example.org>'): string {
  return [
    `From: ${from}`,
    'To: wendy@example.org',
    `Subject: ${subject}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.org>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Body.',
    '',
  ].join('\r\n');
}

async function syncNow(): Promise<void> {
  const button = session.app.toolbar.getByRole('button', { name: 'Sync now', exact: true });
  await button.click();
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** Flags of the messages with this subject in one server folder (empty when none is there). */
async function onServer(user: TestUser, mailbox: string, subject: string): Promise<string[][]> {
  const client = harnessImapClient(servers, user);
  await client.connect();
  try {
    await client.mailboxOpen(mailbox);
    const found: string[][] = [];
    for await (const message of client.fetch({ subject }, { flags: true, envelope: true })) {
      if (message.envelope?.subject === subject) found.push([...(message.flags ?? [])].sort());
    }
    return found;
  } finally {
    await client.logout();
  }
}

describe('the mail window with a real server', () => {
  it('shows a notification for new mail delivered to the server, as plain text', async () => {
    await session.context.grantPermissions(['notifications']);
    await session.context.addInitScript(() => {
      const calls: { title: string; body: string }[] = [];
      (window as unknown as { __notifications: typeof calls }).__notifications = calls;
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          calls.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      window.Notification = Recorded;
    });
    const user = await openAppWithAccount();
    await syncNow();
    const subject = '<b>Quarterly</b> numbers & more';
    await deliverMessage(servers.dovecot, user.name, rawMessage(subject, '"Nina <i>News</i>" <nina@example.org>'));
    await syncNow();
    const recorded = () =>
      session.page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications);
    await expect.poll(recorded).toEqual([{ title: 'Nina <i>News</i>', body: subject }]);
    await expect.poll(() => session.page.title()).toBe('(1) Letterbox');
  });

  it('archives by key and flags from the context menu, and the server follows', async () => {
    const user = await openAppWithAccount();
    await deliverMessage(servers.dovecot, user.name, rawMessage('Archive me'));
    await deliverMessage(servers.dovecot, user.name, rawMessage('Flag me'));
    await syncNow();

    await session.app.messageRow('Archive me').click();
    await session.page.keyboard.press('e');
    await session.app.messageRow('Archive me').waitFor({ state: 'detached' });
    await expect.poll(() => onServer(user, 'Archive', 'Archive me'), { timeout: 20_000 }).toHaveLength(1);
    expect(await onServer(user, 'INBOX', 'Archive me')).toEqual([]);

    await session.app.messageRow('Flag me').click({ button: 'right' });
    await session.page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: /^Flag/ }).click();
    await session.app.messageRow('Flag me').getByText('Flagged').waitFor();
    await expect
      .poll(async () => (await onServer(user, 'INBOX', 'Flag me'))[0] ?? [], { timeout: 20_000 })
      .toContain('\\Flagged');
  });
});
