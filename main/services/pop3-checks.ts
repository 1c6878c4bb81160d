import type { AppContext } from './context';
import { runSync } from './sync';

export const DEFAULT_POP3_INTERVAL_MS = 10 * 60_000;

export interface Pop3Checks {
  stop(): Promise<void>;
}

/**
 * POP3 has no push: the shells that stay open check each POP3 account now and then on a timer.
 * The account list is read at every tick, so added and removed accounts need no bookkeeping.
 */
export function startPop3Checks(
  ctx: AppContext,
  options: { intervalMs?: number; accountId?: string | null } = {},
): Pop3Checks {
  let busy: Promise<unknown> | null = null;
  const tick = (): void => {
    // A slow server must not pile checks up: skip the tick while the last one runs.
    if (busy) return;
    const ids = ctx.settings
      .get('accounts')
      .filter((a) => a.incoming.protocol === 'pop3' && (options.accountId == null || a.id === options.accountId))
      .map((a) => a.id);
    if (ids.length === 0) return;
    // runSync reports failures as sync:status events; nothing to catch but the unexpected.
    busy = Promise.all(ids.map((id) => runSync(ctx, id).catch(() => undefined))).finally(() => (busy = null));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? DEFAULT_POP3_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await busy;
    },
  };
}
