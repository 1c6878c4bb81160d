import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OutboxItem } from '../../../../shared/model/outbox';
import { call } from '../../ipc/client';
import { momentText } from '../inbox/format';
import { useToasts } from '../outbox/toast-store';

/**
 * drafts:send after the last autosave has landed (main builds the message from the stored draft),
 * then the same snackbar as any send: the undo countdown, or when a scheduled one will go.
 */
export function useSendDraft(draftId: string, flush: () => Promise<void>) {
  const queryClient = useQueryClient();
  const showUndo = useToasts((state) => state.showUndo);
  const showNote = useToasts((state) => state.showNote);
  return useMutation({
    mutationFn: async (sendAt: string | null) => {
      await flush();
      return call('drafts:send', { id: draftId, sendAt });
    },
    onSuccess: (item: OutboxItem) => {
      if (item.sendLater) showNote(`Scheduled for ${momentText(item.sendAt)}. It waits in the Outbox until then.`);
      // Undo send set to Off: main queues it at once and there is nothing to take back.
      else if (item.state === 'scheduled') showUndo(item.id, item.sendAt);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['outbox:list'] }),
        queryClient.invalidateQueries({ queryKey: ['drafts:list'] }),
      ]),
  });
}
