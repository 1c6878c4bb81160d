import type { AccountSummary } from '../../../../shared/model/account';

/** What the user called the account, else its address. */
export function accountName(account: AccountSummary): string {
  return account.displayName || account.email;
}
