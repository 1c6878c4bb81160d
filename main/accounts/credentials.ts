import type { Account } from '../../shared/model/account';
import type { SecretStore } from '../secrets/secret-store';

/** Secret names: one per server login, so an identity's own SMTP server has its own password. */
export const secretKeys = {
  incoming: (accountId: string) => `account:${accountId}:incoming`,
  outgoing: (accountId: string) => `account:${accountId}:outgoing`,
  identitySmtp: (identityId: string) => `identity:${identityId}:smtp`,
};

export interface AccountPasswords {
  incoming: string | null;
  outgoing: string | null;
}

export async function readPasswords(secrets: SecretStore, account: Account): Promise<AccountPasswords> {
  const incoming = await secrets.get(secretKeys.incoming(account.id));
  const outgoing = account.outgoing.sameCredentialsAsIncoming
    ? incoming
    : await secrets.get(secretKeys.outgoing(account.id));
  return { incoming, outgoing };
}

/** Writes only what was given: null means "keep the saved one". */
export async function writePasswords(
  secrets: SecretStore,
  accountId: string,
  passwords: AccountPasswords,
): Promise<void> {
  if (passwords.incoming !== null) await secrets.set(secretKeys.incoming(accountId), passwords.incoming);
  if (passwords.outgoing !== null) await secrets.set(secretKeys.outgoing(accountId), passwords.outgoing);
}

export async function deletePasswords(secrets: SecretStore, account: Account): Promise<void> {
  await secrets.delete(secretKeys.incoming(account.id));
  await secrets.delete(secretKeys.outgoing(account.id));
  for (const identity of account.identities) await secrets.delete(secretKeys.identitySmtp(identity.id));
}
