import { useQuery } from '@tanstack/react-query';
import { ipcQuery } from '../../ipc/ipc-query';

export function useAccounts() {
  return useQuery(ipcQuery('accounts:list', {}));
}

/** Every account's folders in one call (alongside accounts:list, not after it); the pane groups them. */
export function useAllMailboxes() {
  return useQuery(ipcQuery('mailboxes:list', { accountId: null }));
}
