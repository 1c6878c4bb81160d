import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribe } from '../ipc/client';
import { useUi } from './ui-store';

/** Keeps the UI in step with what main reports between requests. */
export function useMainEvents(): void {
  const queryClient = useQueryClient();
  const pushNotice = useUi((state) => state.pushNotice);
  useEffect(() => {
    const stops = [
      subscribe('app:notice', pushNotice),
      subscribe('accounts:changed', ({ accountId, change }) => {
        void queryClient.invalidateQueries({ queryKey: ['accounts:list'] });
        void queryClient.invalidateQueries({ queryKey: ['mailboxes:list'] });
        // A removed account's details are not fetched again (that could only fail).
        if (change === 'updated') void queryClient.invalidateQueries({ queryKey: ['accounts:get', { id: accountId }] });
      }),
      subscribe('mailbox:changed', () => {
        void queryClient.invalidateQueries({ queryKey: ['mailboxes:list'] });
        void queryClient.invalidateQueries({ queryKey: ['messages:list'] });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [queryClient, pushNotice]);
}
