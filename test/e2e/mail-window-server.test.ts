/**
 * The mail window against the harness's real Dovecot: a desktop notification for mail delivered
 * to the server (sender and subject as plain text), and actions from the keyboard and the context
 * menu that reach the server after replay.
 */
import { expect, inject, describe, it } from 'vitest';
import { deliverMessage } from '../support/doveadm';
import type { TestUser } from '../support/mail-servers';
import { useAppSession } from './support/app-session';
import { harnessAppOpener } from './support/harness-app';
import { recordNotifications } from './support/notifications';
import { flagsOnServer, rawMessage, syncNow as syncNowIn } from './support/server-mail';

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

const NINA = 'Nina News <nina@example.org>';
const syncNow = () => syncNowIn(session);
const onServer = (user: TestUser, mailbox: string, subject: string) => flagsOnServer(servers, user, mailbox, subject);

describe('the mail window with a real server', () => {
  it('shows a notification for new mail delivered to the server, as plain text', async () => {
    const recorded = await recordNotifications(session);
    const user = await openAppWithAccount();
    await syncNow();
    const subject = '<b>Quarterly</b> numbers & more';
    await deliverMessage(servers.dovecot, user.name, rawMessage(subject, '"Nina <i>News</i>" <nina@example.org>'));
    await syncNow();
    await expect.poll(recorded).toEqual([{ title: 'Nina <i>News</i>', body: subject }]);
    await expect.poll(() => session.page.title()).toBe('(1) Letterbox');
  });

  it('archives by key and flags from the context menu, and the server follows', async () => {
    const user = await openAppWithAccount();
    await deliverMessage(servers.dovecot, user.name, rawMessage('Archive me', NINA));
    await deliverMessage(servers.dovecot, user.name, rawMessage('Flag me', NINA));
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
