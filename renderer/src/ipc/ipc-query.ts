import { queryOptions } from '@tanstack/react-query';
import type { ChannelName } from '../../../shared/ipc/channels';
import type { ChannelInput } from '../../../shared/ipc/contract';
import { call } from './client';

/**
 * React Query options for a read-only channel. The key starts with the channel name, so an event
 * can invalidate everything one channel returned (`{ queryKey: ['messages:list'] }`).
 */
export function ipcQuery<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
  return queryOptions({
    queryKey: [channel, input] as const,
    queryFn: () => call(channel, input),
  });
}
