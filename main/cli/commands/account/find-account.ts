import { AppError } from '../../../../shared/errors';
import type { Account } from '../../../../shared/model/account';
import { UsageError } from '../../args';

/** NAME may be the account's id, its display name or its address; it must name exactly one. */
export function findAccount(accounts: readonly Account[], name: string | undefined): Account {
  if (!name) throw new UsageError('name the account (its display name, address or id)');
  const wanted = name.toLowerCase();
  const matches = accounts.filter(
    (account) =>
      account.id === name ||
      account.displayName.toLowerCase() === wanted ||
      account.identities.some((identity) => identity.address.toLowerCase() === wanted),
  );
  if (matches.length === 0)
    throw new AppError('not_found', `No account is called "${name}"; see letterbox account list.`);
  if (matches.length > 1)
    throw new AppError(
      'invalid_input',
      `"${name}" names ${matches.length} accounts; use the id from letterbox account list.`,
    );
  return matches[0] as Account;
}
