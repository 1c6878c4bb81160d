import type { EventName } from '../../shared/ipc/channels';
import { contract, type EventPayload } from '../../shared/ipc/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fans events out to every transport (Electron windows, WebSocket clients). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      // Validate on the way out: a malformed event is a bug in main, not something to forward.
      const checked = contract.events[event].parse(payload) as typeof payload;
      for (const listener of listeners) listener(event, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
