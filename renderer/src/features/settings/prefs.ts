import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { call } from '../../ipc/client';
import { ipcQuery } from '../../ipc/ipc-query';

const PREFS = ipcQuery('prefs:get', {});

export function usePrefs() {
  return useQuery(PREFS);
}

/** prefs:update answers with the whole saved preferences: they replace the cached copy as is. */
export function useUpdatePrefs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChannelInput<'prefs:update'>) => call('prefs:update', patch),
    onSuccess: (prefs) => queryClient.setQueryData(PREFS.queryKey, prefs),
  });
}
