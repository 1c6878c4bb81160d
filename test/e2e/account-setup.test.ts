/**
 * Account setup, editing and removal in the browser shell, against the harness's real Dovecot
 * (IMAP with STARTTLS) and SMTP submission server. The shell trusts the harness CA the way a
 * user's system trusts a real one: NODE_EXTRA_CA_CERTS on its process.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useAppSession } from './support/app-session';
import type { MailApi } from '../../shared/ipc/api';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';
import { AccountSetupPage } from './support/account-setup-page';
import { interceptIpc } from './support/ipc-interceptor';
import { filesContaining, listFiles } from '../support/profile-scan';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-setup-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

async function openApp(): Promise<void> {
  await session.page.goto(session.shell.url);
  await session.app.folders.waitFor();
}

/** Step 1, then the manual form filled for the harness servers. */
function fillManualSetup(user: TestUser, accountName: string, password = user.password) {
  return AccountSetupPage.openManualForHarness(session.app, servers, user, {
    name: 'Test Person',
    accountName,
    password,
  });
}

async function expectBothVerified(setup: AccountSetupPage): Promise<void> {
  await setup.result('Incoming mail').getByText('Connected and logged in').waitFor();
  await setup.result('Outgoing mail').getByText('Connected and logged in').waitFor();
}

/** The text of everything a control's aria-describedby points at. */
function description(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

const isFocused = (control: Locator) => control.evaluate((element) => element === document.activeElement);

describe('account setup', () => {
  it('sets up an account by hand, verifies both real servers, saves it, and keeps no password in the profile', async () => {
    const user = await addMailUser(servers.dovecot, 'setup');
    await openApp();
    const setup = await fillManualSetup(user, 'Harness mail');
    await setup.screenshot('3-settings');
    expect(await setup.isSaveEnabled()).toBe(false);

    await setup.verify();
    await expectBothVerified(setup);
    await setup.dialog.getByRole('status').getByText('Both servers accepted your login.', { exact: false }).waitFor();
    await setup.screenshot('4-verified');
    expect(await setup.isSaveEnabled()).toBe(true);
    await setup.saveAndClose();

    await session.app.folders.getByRole('heading', { name: 'Harness mail', exact: true }).waitFor();
    const saved = await session.page.evaluate(async () => {
      const { mail } = window as unknown as { mail: MailApi };
      const list = await mail.invoke('accounts:list', {});
      const id = list.ok ? list.value.accounts.find((a) => a.displayName === 'Harness mail')?.id : undefined;
      return id === undefined ? null : mail.invoke('accounts:get', { id });
    });
    expect(saved?.ok && saved.value).toMatchObject({
      incoming: {
        protocol: 'imap',
        host: servers.host,
        port: servers.imap.port,
        security: 'starttls',
        username: user.name,
      },
      outgoing: { host: servers.host, port: servers.smtp.port, security: 'starttls', sameCredentialsAsIncoming: true },
      identities: [{ name: 'Test Person', address: user.address }],
      imap: { offlineWindowDays: 365 },
      includeInUnified: true,
      insecureAcknowledged: false,
    });

    const files = listFiles(session.profileDir);
    expect(files.length).toBeGreaterThan(0);
    expect(filesContaining(session.profileDir, user.password)).toEqual([]);
  });

  it('shows Dovecot’s own words for a wrong password and keeps Save disabled', async () => {
    const user = await addMailUser(servers.dovecot, 'wrongpw');
    await openApp();
    const setup = await fillManualSetup(user, 'Wrong password', `not-${user.password}`);
    await setup.verify();
    const incoming = setup.result('Incoming mail');
    await incoming.getByText('Login refused').waitFor();
    const words = await incoming.getByRole('figure').locator('pre').textContent();
    expect(words).toContain('Authentication failed');
    await setup.result('Outgoing mail').getByText('Login refused').waitFor();
    await setup.screenshot('4-auth-failed');
    expect(await setup.isSaveEnabled()).toBe(false);
    expect(await description(setup.save)).toContain('Save is available once both servers accept these settings.');

    // Back to the form: the password is still there to correct, Save still waits for a new check.
    await setup.button('Edit settings').click();
    await setup.heading('Server settings').waitFor();
    expect(await setup.field('Password').inputValue()).toBe(`not-${user.password}`);
    expect(await setup.isSaveEnabled()).toBe(false);
  });

  it('finds Gmail in the provider table, showing each step live and the app-password advice', async () => {
    const ipc = await interceptIpc(session.page, (call) =>
      call.channel === 'setup:discover' ? { hold: true } : { pass: true },
    );
    await openApp();
    await session.app.addAccount.click();
    const setup = new AccountSetupPage(session.app, session.app.dialog('Add account'));
    await setup.heading('Your name, address and password').waitFor();
    await setup.screenshot('1-details');

    // Keyboard only: focus starts in the first field and Enter continues.
    await session.page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'name');
    await session.page.keyboard.type('Ada Lovelace');
    await session.page.keyboard.press('Tab');
    await session.page.keyboard.type('ada.lovelace@gmail.com');
    await session.page.keyboard.press('Tab');
    await session.page.keyboard.type('an-app-password');
    await session.page.keyboard.press('Enter');
    await setup.heading('Looking for your mail servers').waitFor();
    expect(await isFocused(setup.button('Cancel'))).toBe(true);

    // While main works, each progress event shows at once.
    const held = ipc.seen.find((call) => call.channel === 'setup:discover');
    const { requestId, email } = held?.input as { requestId: string; email: string };
    expect(email).toBe('ada.lovelace@gmail.com');
    const detail = 'Checking gmail.com against the providers Letterbox knows';
    ipc.push({
      type: 'event',
      event: 'setup:progress',
      payload: { requestId, step: { source: 'provider-table', status: 'running', detail, durationMs: 0 } },
    });
    await setup.autoconfigSteps.getByText(detail).waitFor();
    await setup.screenshot('2-discovering');

    ipc.release('setup:discover');
    await setup.heading('Check the settings Letterbox found').waitFor();
    const known = setup.autoconfigSteps.getByRole('listitem').filter({ hasText: 'Known providers' });
    await known.getByText('Found', { exact: false }).waitFor();
    await setup.dialog
      .getByRole('note')
      .getByText(/app password/i)
      .waitFor();
    await setup.dialog
      .getByRole('definition')
      .getByText(/^IMAP · imap\.gmail\.com port 993 · TLS/)
      .waitFor();
    await setup.screenshot('2-found');

    // Never applied silently: the form gets the found settings only when the user asks for them.
    await setup.button('Edit settings manually').click();
    await setup.heading('Server settings').waitFor();
    expect(await setup.field('Incoming server').inputValue()).toBe('imap.gmail.com');
    expect(await setup.field('Incoming port').inputValue()).toBe('993');
    expect(await setup.field('Outgoing server').inputValue()).toBe('smtp.gmail.com');
  });

  it('cancels a running search in main and offers manual setup', async () => {
    const ipc = await interceptIpc(session.page, (call) =>
      call.channel === 'setup:discover' ? { hold: true } : { pass: true },
    );
    await openApp();
    const setup = await AccountSetupPage.openAdd(session.app);
    await setup.fillIdentity({ name: 'Grace', email: 'grace@example.invalid', password: 'secret' });
    await setup.button('Continue').click();
    await setup.heading('Looking for your mail servers').waitFor();
    await setup.button('Cancel').click();
    await setup.heading('Search stopped').waitFor();
    const discover = ipc.seen.find((call) => call.channel === 'setup:discover')?.input as { requestId: string };
    expect(ipc.seen.find((call) => call.channel === 'setup:cancel')?.input).toEqual({ requestId: discover.requestId });
    expect(await setup.button('Edit settings manually').getAttribute('class')).toBe('primary');
  });

  it('edits an account’s name without re-verifying, requires a check after a server change, and removes it', async () => {
    const user = await addMailUser(servers.dovecot, 'edit');
    await openApp();
    const setup = await fillManualSetup(user, 'Before rename');
    await setup.verify();
    await expectBothVerified(setup);
    await setup.saveAndClose();
    await session.app.folders.getByRole('heading', { name: 'Before rename', exact: true }).waitFor();

    const settings = await AccountSetupPage.openSettings(session.app, 'Before rename');
    expect(await settings.field('Account name').inputValue()).toBe('Before rename');
    expect(await settings.field('Password').inputValue()).toBe('');
    expect(await description(settings.field('Password'))).toContain('Leave empty to keep the saved password.');
    expect(await settings.field('Incoming username').inputValue()).toBe(user.name);
    expect(await settings.field('Incoming port').inputValue()).toBe(String(servers.imap.port));
    await settings.field('Account name').fill('After rename');
    await settings.screenshot('5-edit');
    expect(await settings.isSaveEnabled()).toBe(true);
    await settings.saveAndClose();
    await session.app.folders.getByRole('heading', { name: 'After rename', exact: true }).waitFor();
    expect(await session.app.folders.getByRole('heading', { name: 'Before rename', exact: true }).count()).toBe(0);

    const again = await AccountSetupPage.openSettings(session.app, 'After rename');
    // An empty password field checks with the saved password.
    await again.verify();
    await expectBothVerified(again);
    await again.button('Edit settings').click();
    await again.field('Incoming port').fill(String(servers.imap.tlsPort));
    expect(await again.isSaveEnabled()).toBe(false);

    await again.button('Remove account…').click();
    const confirm = session.app.dialog('Remove “After rename”?');
    await confirm.getByText('its downloaded mail and its saved passwords will be deleted', { exact: false }).waitFor();
    expect(await isFocused(confirm.getByRole('button', { name: 'Cancel', exact: true }))).toBe(true);
    await again.screenshot('6-remove');
    await confirm.getByRole('button', { name: 'Remove account', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await again.dialog.waitFor({ state: 'detached' });
    await session.app.folders
      .getByRole('heading', { name: 'After rename', exact: true })
      .waitFor({ state: 'detached' });
  });

  it('shows the download options of the chosen protocol and ties each error to its field', async () => {
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    await openApp();
    const setup = await AccountSetupPage.openAdd(session.app);
    await setup.fillIdentity({ name: 'Pat', email: 'pat@example.org', password: 'secret' });
    await setup.setUpManually();
    const offline = setup.dialog.getByRole('group', { name: 'Keep messages for offline reading' });
    const leaveOnServer = setup.field('Leave messages on the server');
    expect(await offline.isVisible()).toBe(true);
    expect(await setup.field('Days of mail to keep offline').inputValue()).toBe('365');
    expect(await leaveOnServer.count()).toBe(0);

    await setup.dialog.getByRole('radio', { name: /^POP3/ }).check();
    expect(await setup.field('Incoming port').inputValue()).toBe('995');
    expect(await offline.count()).toBe(0);
    expect(await leaveOnServer.isChecked()).toBe(true);
    await setup.field('Delete them from the server after a number of days').check();
    await setup.field('Days before deleting from the server').fill('0');
    await setup.field('Incoming server').fill('');
    await setup.field('Outgoing port').fill('smtp');
    await setup.button('Verify').click();

    const expectations: [string, string][] = [
      ['Incoming server', 'Enter the server name'],
      ['Outgoing port', 'Enter a port number from 1 to 65535'],
      ['Days before deleting from the server', 'Enter a number of days from 1 to 3650'],
    ];
    for (const [label, error] of expectations) {
      expect(await setup.field(label).getAttribute('aria-invalid'), label).toBe('true');
      expect(await description(setup.field(label)), label).toContain(error);
    }
    await setup.dialog.getByRole('alert').getByText('Some settings need attention').waitFor();
    await session.page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await isFocused(setup.field('Incoming server'))).toBe(true);
    expect(ipc.seen.filter((call) => call.channel === 'setup:verify')).toEqual([]);

    // Corrected fields lose their error as the user types.
    await setup.field('Incoming server').fill('pop.example.org');
    expect(await setup.field('Incoming server').getAttribute('aria-invalid')).toBeNull();
    expect(await setup.field('Outgoing port').getAttribute('aria-invalid')).toBe('true');
  });

  it('warns about an unencrypted connection and will not check or save it without the acknowledgement', async () => {
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    const user = servers.users.alice;
    await openApp();
    const setup = await AccountSetupPage.openAdd(session.app);
    await setup.fillIdentity({ name: 'Alice', email: user.address, password: user.password });
    await setup.setUpManually();
    const security = setup.field('Incoming connection security');
    await security.selectOption({ label: 'None (unencrypted)' });
    expect(await setup.field('Incoming port').inputValue()).toBe('143');
    expect(await description(security)).toContain('your password and your mail cross the network in plain text');
    const warning = setup.dialog.getByRole('region', { name: 'Unencrypted connection' });
    await warning.getByText('Your password and your messages will be sent in plain text', { exact: false }).waitFor();
    const acknowledge = setup.field('I understand that my password will be sent unencrypted');
    expect(await acknowledge.isChecked()).toBe(false);

    await setup.fillServer('Incoming', {
      host: servers.host,
      port: servers.imap.port,
      security: 'None (unencrypted)',
      username: user.name,
    });
    await setup.fillServer('Outgoing', { host: servers.host, port: servers.smtp.port, security: 'STARTTLS' });
    await setup.button('Verify').click();
    expect(await acknowledge.getAttribute('aria-invalid')).toBe('true');
    expect(await description(acknowledge)).toContain('Tick this box to use an unencrypted connection');
    await session.page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'checkbox');
    expect(await isFocused(acknowledge)).toBe(true);
    await warning.scrollIntoViewIfNeeded();
    await setup.screenshot('3-unencrypted');
    expect(ipc.seen.filter((call) => call.channel === 'setup:verify')).toEqual([]);
    expect(await setup.isSaveEnabled()).toBe(false);

    await acknowledge.check();
    expect(await acknowledge.getAttribute('aria-invalid')).toBeNull();
    await setup.verify();
    const sent = ipc.seen.find((call) => call.channel === 'setup:verify')?.input as {
      account: { insecureAcknowledged: boolean; incoming: { security: string; port: number } };
    };
    expect(sent.account.insecureAcknowledged).toBe(true);
    expect(sent.account.incoming).toMatchObject({ security: 'none', port: servers.imap.port });
    await setup.result('Incoming mail').getByRole('list').waitFor();
  });
});
