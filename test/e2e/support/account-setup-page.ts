import type { Locator, Page } from 'playwright-core';
import type { MailServers, TestUser } from '../../support/mail-servers';
import type { AppPage } from './app-page';

export type SecurityLabel = 'TLS' | 'STARTTLS' | 'None (unencrypted)';

export interface ServerSettings {
  host: string;
  port: number;
  security: SecurityLabel;
  /** Incoming only (the outgoing server reuses the incoming login unless told otherwise). */
  username?: string;
}

/**
 * The account setup / settings dialog, found the way a user finds it: by labels, headings and
 * button names. One instance per open dialog ("Add account" or "Account settings").
 */
export class AccountSetupPage {
  readonly page: Page;

  constructor(
    readonly app: AppPage,
    readonly dialog: Locator,
  ) {
    this.page = app.page;
  }

  static async openAdd(app: AppPage): Promise<AccountSetupPage> {
    await app.addAccount.click();
    const setup = new AccountSetupPage(app, app.dialog('Add account'));
    await setup.heading('Your name, address and password').waitFor();
    return setup;
  }

  /** Step 1, then the manual form filled for the harness servers (STARTTLS on both, on 127.0.0.1). */
  static async openManualForHarness(
    app: AppPage,
    servers: MailServers,
    user: TestUser,
    options: { name: string; accountName: string; password?: string },
  ): Promise<AccountSetupPage> {
    const setup = await AccountSetupPage.openAdd(app);
    await setup.fillIdentity({ name: options.name, email: user.address, password: options.password ?? user.password });
    await setup.setUpManually();
    await setup.field('Account name').fill(options.accountName);
    await setup.fillServer('Incoming', {
      host: servers.host,
      port: servers.imap.port,
      security: 'STARTTLS',
      username: user.name,
    });
    await setup.fillServer('Outgoing', { host: servers.host, port: servers.smtp.port, security: 'STARTTLS' });
    return setup;
  }

  static async openSettings(app: AppPage, accountName: string): Promise<AccountSetupPage> {
    await app.folders.getByRole('button', { name: `Account settings for ${accountName}`, exact: true }).click();
    const setup = new AccountSetupPage(app, app.dialog('Account settings'));
    await setup.heading('Settings').waitFor();
    return setup;
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  button(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.dialog.getByRole('heading', { name, exact: true });
  }

  /** The list of places autoconfig asked. */
  get autoconfigSteps(): Locator {
    return this.dialog.getByRole('list', { name: 'Where Letterbox looked' });
  }

  result(server: 'Incoming mail' | 'Outgoing mail'): Locator {
    return this.dialog.getByRole('region', { name: `${server} result`, exact: true });
  }

  get save(): Locator {
    return this.button('Save');
  }

  async fillIdentity(identity: { name: string; email: string; password: string }): Promise<void> {
    await this.field('Your name').fill(identity.name);
    await this.field('Email address').fill(identity.email);
    await this.field('Password').fill(identity.password);
  }

  /** From step 1 straight to the full settings form. */
  async setUpManually(): Promise<void> {
    await this.button('Set up manually').click();
    await this.heading('Server settings').waitFor();
  }

  async fillServer(which: 'Incoming' | 'Outgoing', server: ServerSettings): Promise<void> {
    // Security first: choosing it moves a port the user has not typed.
    await this.field(`${which} connection security`).selectOption({ label: server.security });
    await this.field(`${which} server`).fill(server.host);
    await this.field(`${which} port`).fill(String(server.port));
    if (server.username !== undefined) await this.field(`${which} username`).fill(server.username);
  }

  /** Runs the check and waits until both servers have an answer. */
  async verify(): Promise<void> {
    await this.button('Verify').click();
    await this.heading('Check results').waitFor({ timeout: 30_000 });
  }

  async isSaveEnabled(): Promise<boolean> {
    return this.save.isEnabled();
  }

  async saveAndClose(): Promise<void> {
    await this.save.click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `/tmp/letterbox-setup-${name}.png` });
  }
}
