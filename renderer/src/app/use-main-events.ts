import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSync } from '../features/sync/sync-store';
import { call, subscribe } from '../ipc/client';
import { openCompose } from '../features/compose/compose-store';
import { useUi } from './ui-store';

/** Keeps the UI in step with what main reports between requests. */
export function useMainEvents(): void {
  const queryClient = useQueryClient();
  const pushNotice = useUi((state) => state.pushNotice);
  const applySyncStatus = useSync((state) => state.applyStatus);
  const applySyncProgress = useSync((state) => state.applyProgress);
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
        void queryClient.invalidateQueries({ queryKey: ['search:query'] });
      }),
      // Each step of a send (scheduled → sending → sent → filed) shows as it happens.
      subscribe('outbox:changed', ({ id, state }) => {
        void queryClient.invalidateQueries({ queryKey: ['outbox:list'] });
        void queryClient.invalidateQueries({ queryKey: ['outbox:get', { id }] });
        // Undo send and Cancel put the message back among the drafts.
        if (state === 'cancelled') void queryClient.invalidateQueries({ queryKey: ['drafts:list'] });
      }),
      subscribe('drafts:changed', () => void queryClient.invalidateQueries({ queryKey: ['drafts:list'] })),
      // A mailto: link handed to the desktop app made a draft: show it to the user.
      subscribe('compose:open', ({ draftId }) => openCompose({ kind: 'draft', draftId })),
      // Per account, from the live watchers, the POP3 timer and sync:run alike.
      subscribe('sync:status', applySyncStatus),
      subscribe('sync:progress', applySyncProgress),
    ];
    // Statuses pushed before this window subscribed (a reload, a window opened later); an event
    // that arrived meanwhile is newer and wins.
    void call('sync:statuses', {})
      .then(({ statuses }) => {
        const known = useSync.getState().accounts;
        for (const status of statuses) if (!known[status.accountId]) applySyncStatus(status);
      })
      .catch(() => undefined);
    return () => stops.forEach((stop) => stop());
  }, [queryClient, pushNotice, applySyncStatus, applySyncProgress]);
}
