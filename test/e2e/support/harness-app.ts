import type { MailServers, TestUser } from '../../support/mail-servers';
import { addMailUser } from '../../support/mail-users';
import { AccountSetupPage } from './account-setup-page';
import type { AppSession } from './app-session';

export interface HarnessAppOptions {
  /** Prefix of the mail user created for the account. */
  userPrefix: string;
  /** The sender's display name and the account's name in the folder pane. */
  name: string;
  accountName: string;
  /** Userdb fields for the mail user (e.g. storageQuota from mail-users.ts). */
  userdbFields?: readonly string[];
  /** Runs once, after the account is saved (e.g. to set preferences the whole file relies on). */
  afterSetup?: () => Promise<void>;
}

/**
 * Opens the app and, the first time in a test file, adds one harness account through the setup
 * dialog (a real user's path). Later calls only open the app and wait for the account.
 */
export function harnessAppOpener(
  session: AppSession,
  servers: MailServers,
  options: HarnessAppOptions,
): () => Promise<TestUser> {
  let user: TestUser | undefined;
  return async () => {
    await session.page.goto(session.shell.url);
    await session.app.folders.waitFor();
    if (user === undefined) {
      const created = await addMailUser(servers.dovecot, options.userPrefix, {
        ...(options.userdbFields ? { userdbFields: options.userdbFields } : {}),
      });
      user = created;
      const setup = await AccountSetupPage.openManualForHarness(session.app, servers, created, {
        name: options.name,
        accountName: options.accountName,
      });
      await setup.verify();
      await setup.result('Outgoing mail').getByText('Connected and logged in').waitFor();
      await setup.saveAndClose();
      await options.afterSetup?.();
    }
    await session.app.folders.getByRole('heading', { name: options.accountName, exact: true }).waitFor();
    return user;
  };
}
