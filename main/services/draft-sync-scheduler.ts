import type { AppContext } from './context';
import { syncDraftCopies } from './draft-sync';

/** Quiet time after the last change before a draft is copied to the server: autosave runs every 2 s. */
export const DRAFT_SYNC_DELAY_MS = 15_000;

interface Scheduler {
  timers: Map<string, NodeJS.Timeout>;
  running: Set<Promise<unknown>>;
  stopped: boolean;
}

const schedulers = new WeakMap<AppContext, Scheduler>();

function schedulerOf(ctx: AppContext): Scheduler {
  let scheduler = schedulers.get(ctx);
  if (!scheduler) {
    scheduler = { timers: new Map(), running: new Set(), stopped: false };
    schedulers.set(ctx, scheduler);
  }
  return scheduler;
}

/**
 * Copies an account's changed drafts to its IMAP Drafts folder once editing pauses. Failures
 * (offline, server down) are not errors for the user: the draft is safe locally and the next
 * change tries again. The CLI never schedules: a one-shot command must not leave work behind.
 */
export function scheduleDraftSync(ctx: AppContext, accountId: string | null, delayMs = DRAFT_SYNC_DELAY_MS): void {
  if (accountId === null || ctx.shell === 'cli') return;
  const scheduler = schedulerOf(ctx);
  if (scheduler.stopped) return;
  clearTimeout(scheduler.timers.get(accountId));
  const timer = setTimeout(() => {
    scheduler.timers.delete(accountId);
    const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
    if (!account || scheduler.stopped) return;
    const run = syncDraftCopies(ctx, account).catch(() => undefined);
    scheduler.running.add(run);
    void run.finally(() => scheduler.running.delete(run));
  }, delayMs);
  timer.unref();
  scheduler.timers.set(accountId, timer);
}

/** Cancels waiting copies and lets a running one finish, before the store closes. */
export async function stopDraftSync(ctx: AppContext): Promise<void> {
  const scheduler = schedulers.get(ctx);
  if (!scheduler) return;
  scheduler.stopped = true;
  for (const timer of scheduler.timers.values()) clearTimeout(timer);
  scheduler.timers.clear();
  await Promise.all(scheduler.running);
}
