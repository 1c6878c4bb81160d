import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import type { AppContext } from './context';
import { createHandlers } from './handlers';
import { rememberSyncStatuses } from './sync-statuses';

export type AppParts = Omit<AppContext, 'bus'>;

export interface ComposedApp {
  ctx: AppContext;
  dispatcher: Dispatcher;
  bus: EventBus;
}

/** The one place services are wired to the dispatcher, shared by the Electron and Node roots. */
export function composeApp(parts: AppParts, onInternalError?: (channel: string, error: unknown) => void): ComposedApp {
  const bus = createEventBus();
  rememberSyncStatuses(bus);
  const ctx: AppContext = { ...parts, bus };
  const dispatcher = createDispatcher(createHandlers(ctx), onInternalError ? { onInternalError } : {});
  return { ctx, dispatcher, bus };
}
