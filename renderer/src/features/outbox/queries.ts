import { useQuery } from '@tanstack/react-query';
import type { OutboxItem } from '../../../../shared/model/outbox';
import { ipcQuery } from '../../ipc/ipc-query';

/**
 * outbox:list. Kept fresh by outbox:changed events (use-main-events), not by polling; a cancelled
 * message is a draft again, so the outbox view leaves it out.
 */
export function useOutbox() {
  return useQuery({
    ...ipcQuery('outbox:list', {}),
    select: ({ items }) => items.filter((item) => item.state !== 'cancelled'),
  });
}

/** One message with its attempts, for the delivery details in the reader pane. */
export function useOutboxDetails(id: string) {
  return useQuery(ipcQuery('outbox:get', { id }));
}

const NOT_SENT: ReadonlySet<OutboxItem['state']> = new Set(['scheduled', 'queued', 'sending', 'failed', 'uncertain']);
const NEEDS_USER: ReadonlySet<OutboxItem['state']> = new Set(['failed', 'uncertain']);

export const isNotSent = (item: OutboxItem): boolean => NOT_SENT.has(item.state);
export const needsUser = (item: OutboxItem): boolean => NEEDS_USER.has(item.state);
