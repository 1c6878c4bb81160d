import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelName } from '../../../../shared/ipc/channels';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { call } from '../../ipc/client';

/**
 * Every outbox action ends in an outbox:changed event that refreshes the view; invalidating here
 * as well makes the result show even if that event is lost (a browser-shell socket reconnecting).
 */
function useOutboxMutation<C extends ChannelName>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['outbox:list'] }),
        queryClient.invalidateQueries({ queryKey: ['outbox:get'] }),
      ]),
  });
}

export const useSendMessage = () => useOutboxMutation('outbox:send');
/** Undo send, or cancel a waiting or failed message: it becomes a local draft. */
export const useCancelSend = () => useOutboxMutation('outbox:cancel');
export const useRetrySend = () => useOutboxMutation('outbox:retry');
export const useMarkSent = () => useOutboxMutation('outbox:markSent');
export const useFlushOutbox = () => useOutboxMutation('outbox:flush');
