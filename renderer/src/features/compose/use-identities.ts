import { useQueries } from '@tanstack/react-query';
import { ipcQuery } from '../../ipc/ipc-query';
import { useAccounts } from '../accounts/queries';

/** One address the user can send as. */
export interface IdentityOption {
  /** Unique across accounts: the select's value. */
  key: string;
  accountId: string;
  identityId: string;
  label: string;
}

export type IdentitiesResult =
  | { status: 'pending' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; options: IdentityOption[] };

/**
 * Every identity of every account. accounts:list has no identities, so each account's details
 * are fetched alongside (the same accounts:get cache the settings dialog uses).
 */
export function useIdentities(): IdentitiesResult {
  const accounts = useAccounts();
  const list = accounts.data?.accounts ?? [];
  const details = useQueries({ queries: list.map((account) => ipcQuery('accounts:get', { id: account.id })) });
  const failed = accounts.isError ? accounts : details.find((query) => query.isError);
  if (failed) {
    return {
      status: 'error',
      error: failed.error,
      retry: () => void (accounts.isError ? accounts.refetch() : failed.refetch()),
    };
  }
  if (accounts.isPending || details.some((query) => query.isPending)) return { status: 'pending' };
  const several = list.length > 1;
  const options = details.flatMap((query) => {
    const account = query.data;
    if (account === undefined) return [];
    return account.identities.map((identity) => ({
      key: `${account.id} ${identity.id}`,
      accountId: account.id,
      identityId: identity.id,
      label: `${identity.name ? `${identity.name} <${identity.address}>` : identity.address}${several ? ` (${account.displayName})` : ''}`,
    }));
  });
  return { status: 'ready', options };
}
