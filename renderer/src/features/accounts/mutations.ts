import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { call } from '../../ipc/client';

/** The list and folders always; one account's details only while it still exists. */
function refreshAccounts(queryClient: QueryClient, changedId: string | null): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['accounts:list'] }),
    queryClient.invalidateQueries({ queryKey: ['mailboxes:list'] }),
    changedId === null ? null : queryClient.invalidateQueries({ queryKey: ['accounts:get', { id: changedId }] }),
  ]);
}

/**
 * accounts:save. Its variables carry the password, so the mutation is dropped from React Query's
 * cache as soon as the flow that ran it is gone (gcTime 0): the password lives no longer than the
 * setup form's own state.
 */
export function useSaveAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'accounts:save'>) => call('accounts:save', input),
    onSuccess: (summary) => refreshAccounts(queryClient, summary.id),
    gcTime: 0,
  });
}

export function useRemoveAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('accounts:remove', { id }),
    onSuccess: () => refreshAccounts(queryClient, null),
  });
}
