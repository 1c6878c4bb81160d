import type { SyncStatus } from '../../shared/model/sync';
import type { EventBus } from '../ipc/event-bus';

const latest = new WeakMap<EventBus, Map<string, SyncStatus>>();

/**
 * Remembers each account's last sync status as it goes out on the bus, so a window opened (or
 * reloaded) later shows where every account stands instead of a blank until the next event.
 */
export function rememberSyncStatuses(bus: EventBus): void {
  if (latest.has(bus)) return;
  const statuses = new Map<string, SyncStatus>();
  latest.set(bus, statuses);
  bus.subscribe((event, payload) => {
    if (event === 'sync:status') statuses.set((payload as SyncStatus).accountId, payload as SyncStatus);
    if (event === 'accounts:changed' && (payload as { change: string }).change === 'removed') {
      statuses.delete((payload as { accountId: string }).accountId);
    }
  });
}

export function syncStatuses(bus: EventBus): SyncStatus[] {
  return [...(latest.get(bus)?.values() ?? [])];
}
