import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useUi } from '../../app/ui-store';
import { call, errorMessage } from '../../ipc/client';
import { useSync } from './sync-store';

/**
 * sync:run for one account or (null) all of them. Per-account failures come back as sync:status
 * events and show in the folder pane; a call that fails as a whole (main unreachable) is a notice.
 */
export function useRunSync() {
  const queryClient = useQueryClient();
  const applyResults = useSync((state) => state.applyResults);
  const pushNotice = useUi((state) => state.pushNotice);
  return useMutation({
    mutationKey: ['sync:run'],
    mutationFn: async (accountId: string | null) => {
      const startedAt = new Date().toISOString();
      const { accounts } = await call('sync:run', { accountId });
      return { accounts, startedAt };
    },
    onSuccess: ({ accounts, startedAt }) => applyResults(accounts, startedAt),
    onError: (error) =>
      pushNotice({ level: 'error', code: 'sync_failed', message: `Could not sync: ${errorMessage(error)}` }),
    // mailbox:changed events refresh the lists too; this covers a pass whose events were lost.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['mailboxes:list'] }),
        queryClient.invalidateQueries({ queryKey: ['messages:list'] }),
      ]),
  });
}
