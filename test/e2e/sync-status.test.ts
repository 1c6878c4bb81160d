/**
 * Each account's sync status in the folder pane, Sync now and Retry, in the browser shell against
 * the harness's real Dovecot. The failures are real too: accounts saved through accounts:save
 * (which, unlike the setup dialog, does not check the servers first) with a wrong password or
 * with IMAP on a closed loopback port, so the words on screen are main's own.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { MailApi } from '../../shared/ipc/api';
import type { AccountSyncSummary } from '../../shared/model/sync';
import { deliverMessage } from '../support/doveadm';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';
import { AccountSetupPage } from './support/account-setup-page';
import { useAppSession } from './support/app-session';
import { interceptIpc } from './support/ipc-interceptor';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-sync-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

const ACCOUNT = 'Sync test';
let owner: TestUser | undefined;

/** Opens the app; the first test to get here adds the working account through the setup dialog. */
async function openAppWithAccount(): Promise<{ user: TestUser; id: string }> {
  await session.page.goto(session.shell.url);
  await session.app.folders.waitFor();
  if (owner === undefined) {
    const user = await addMailUser(servers.dovecot, 'sync');
    owner = user;
    const setup = await AccountSetupPage.openManualForHarness(session.app, servers, user, {
      name: 'Sam Sync',
      accountName: ACCOUNT,
    });
    await setup.verify();
    await setup.result('Incoming mail').getByText('Connected and logged in').waitFor();
    await setup.saveAndClose();
  }
  await session.app.folders.getByRole('heading', { name: ACCOUNT, exact: true }).waitFor();
  return { user: owner, id: await accountId(ACCOUNT) };
}

function syncStatus(accountName: string): Locator {
  return session.app.folders.getByRole('group', { name: `Sync status of ${accountName}`, exact: true });
}

const syncNow = () => session.app.toolbar.getByRole('button', { name: 'Sync now', exact: true });

async function accountId(displayName: string): Promise<string> {
  const id = await session.page.evaluate(async (name) => {
    const list = await (window as unknown as { mail: MailApi }).mail.invoke('accounts:list', {});
    return list.ok ? (list.value.accounts.find((a) => a.displayName === name)?.id ?? null) : null;
  }, displayName);
  if (id === null) throw new Error(`no account named ${displayName}`);
  return id;
}

/** A copy of an account under a new name, with another password and IMAP port, saved unchecked. */
async function saveBrokenCopy(of: string, change: { name: string; password: string; port: number }): Promise<string> {
  return session.page.evaluate(
    async ({ of, name, password, port }) => {
      const { mail } = window as unknown as { mail: MailApi };
      const got = await mail.invoke('accounts:get', { id: of });
      if (!got.ok) throw new Error(got.error.message);
      const incoming = { ...got.value.incoming, port };
      const account = { ...got.value, id: null, displayName: name, incoming };
      const saved = await mail.invoke('accounts:save', { account, password, outgoingPassword: null });
      if (!saved.ok) throw new Error(saved.error.message);
      return saved.value.id;
    },
    { of, ...change },
  );
}

function removeAccount(id: string): Promise<void> {
  return session.page.evaluate(async (accountId) => {
    await (window as unknown as { mail: MailApi }).mail.invoke('accounts:remove', { id: accountId });
  }, id);
}

function runSync(id: string): Promise<AccountSyncSummary | undefined> {
  return session.page.evaluate(async (accountId) => {
    const result = await (window as unknown as { mail: MailApi }).mail.invoke('sync:run', { accountId });
    return result.ok ? result.value.accounts[0] : undefined;
  }, id);
}

/** A loopback port nothing listens on: the connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('sync status', () => {
  it('shows Up to date, shows progress, and Sync now (disabled while it runs) brings new mail', async () => {
    const ipc = await interceptIpc(session.page, (call) =>
      call.channel === 'sync:run' ? { hold: true } : { pass: true },
    );
    const { user, id } = await openAppWithAccount();
    const status = syncStatus(ACCOUNT);
    // The live watcher's first pass after the account was added (or after this page loaded it).
    await expect.poll(() => status.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Up to date · \d/);

    await syncNow().click();
    await expect
      .poll(() => ipc.seen.filter((call) => call.channel === 'sync:run').map((call) => call.input))
      .toEqual([{ accountId: null }]);
    // React Query reports the pending state on a later tick than the call goes out.
    await expect.poll(() => syncNow().getAttribute('aria-disabled')).toBe('true');
    // It keeps keyboard focus while it runs (aria-disabled, not disabled): Enter again starts nothing.
    await syncNow().press('Enter');
    expect(ipc.seen.filter((call) => call.channel === 'sync:run')).toHaveLength(1);

    // Progress as main reports it (pushed here: a real pass over a small mailbox is over in a
    // blink): the state is the live part, the counts are beside it.
    const at = new Date().toISOString();
    ipc.push({ type: 'event', event: 'sync:status', payload: { accountId: id, state: 'syncing', message: null, at } });
    const progress = { accountId: id, mailboxId: null, phase: 'headers', done: 200, total: 1200 };
    ipc.push({ type: 'event', event: 'sync:progress', payload: progress });
    await status.getByRole('status').getByText('Syncing…', { exact: true }).waitFor();
    await status.getByText('headers 200/1200', { exact: true }).waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox-sync-progress.png' });

    // New mail arrives while the pass waits to start, so the pass finds it.
    const subject = `Synced ${randomBytes(4).toString('hex')}`;
    const raw = `From: Pat <pat@example.test>\r\nTo: ${user.address}\r\nSubject: ${subject}\r\n\r\nHello.\r\n`;
    await deliverMessage(servers.dovecot, user.name, raw);
    ipc.release('sync:run');
    // The pass over every account ends: Sync now is back, the new mail is listed (the IDLE
    // watcher may have fetched it first; either way it is there once the pass is done).
    await expect.poll(() => syncNow().getAttribute('aria-disabled'), { timeout: 30_000 }).toBe('false');
    // The subject's element also holds "Unread: " for screen readers.
    await session.app.messages.getByText(subject).waitFor();
    await expect.poll(() => status.getByRole('status').textContent()).toMatch(/^Up to date · \d/);
    expect(await status.getByText('headers 200/1200').count()).toBe(0);
    expect(await session.app.statusBar.filter({ hasText: 'could not sync' }).count()).toBe(0);
  });

  it('shows a wrong password as main words it, says it in the status bar, and retries on Retry', async () => {
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    const { id } = await openAppWithAccount();
    const name = 'Wrong password';
    const wrongId = await saveBrokenCopy(id, { name, password: 'not-the-password', port: servers.imap.port });
    const status = syncStatus(name);
    try {
      // First the live watcher's login fails; it then waits for Retry (no login loop on a bad password).
      await status.getByText('Sync failed', { exact: true }).waitFor({ timeout: 30_000 });

      const summary = await runSync(wrongId);
      expect(summary?.ok).toBe(false);
      const message = summary?.error ?? '';
      expect(message).not.toBe('');
      const line = status.getByText(message, { exact: true });
      await line.waitFor();
      await session.app.statusBar.filter({ hasText: `${name} could not sync: ${message}` }).waitFor();
      expect(await status.getByRole('status').textContent()).toBe('');

      // One line until opened, then all of it.
      await line.click();
      expect(await line.evaluate((element) => element.closest('details')?.open)).toBe(true);
      await session.page.screenshot({ path: '/tmp/letterbox-sync-error.png' });

      const runs = () => ipc.seen.filter((call) => call.channel === 'sync:run').map((call) => call.input);
      const before = runs().length;
      await status.getByRole('button', { name: `Retry sync for ${name}`, exact: true }).click();
      await expect.poll(() => runs().slice(before)).toEqual([{ accountId: wrongId }]);
      await status.getByText(message, { exact: true }).waitFor();
      await session.app.statusBar.filter({ hasText: `${name} could not sync: ${message}` }).waitFor();
      // The working account is untouched by its neighbour's failure.
      expect(await syncStatus(ACCOUNT).getByText('Sync failed').count()).toBe(0);
    } finally {
      await removeAccount(wrongId);
    }
  });

  it('says an unreachable server is offline and will reconnect, with main’s reason and Retry', async () => {
    const { id } = await openAppWithAccount();
    const name = 'Unreachable';
    const port = await closedPort();
    const brokenId = await saveBrokenCopy(id, { name, password: 'any-password', port });
    const status = syncStatus(name);
    try {
      await status
        .getByRole('status')
        .getByText('Offline — will reconnect', { exact: true })
        .waitFor({ timeout: 30_000 });
      await status.getByText(`${servers.host}:${port}`, { exact: false }).waitFor();
      await status.getByText('reconnecting in', { exact: false }).waitFor();
      await status.getByRole('button', { name: `Retry sync for ${name}`, exact: true }).waitFor();
      // Offline is not a failure to announce: the watcher keeps trying by itself.
      expect(await session.app.statusBar.filter({ hasText: `${name} could not sync` }).count()).toBe(0);
    } finally {
      await removeAccount(brokenId);
    }
  });
});
