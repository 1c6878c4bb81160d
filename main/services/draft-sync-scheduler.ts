import type { AppContext } from './context';
import { syncDraftCopies } from './draft-sync';

/** Quiet time after the last change before a draft is copied to the server: autosave runs every 2 s. */
export const DRAFT_SYNC_DELAY_MS = 15_000;

interface Scheduler {
  timers: Map<string, NodeJS.Timeout>;
  /** The pass running for each account: passes of one account run one after the other. */
  active: Map<string, Promise<unknown>>;
  running: Set<Promise<unknown>>;
  /** Undo what startDraftSyncTriggers subscribed. */
  cleanups: (() => void)[];
  stopped: boolean;
}

const schedulers = new WeakMap<AppContext, Scheduler>();

export function schedulerOf(ctx: AppContext): Scheduler {
  let scheduler = schedulers.get(ctx);
  if (!scheduler) {
    scheduler = { timers: new Map(), active: new Map(), running: new Set(), cleanups: [], stopped: false };
    schedulers.set(ctx, scheduler);
  }
  return scheduler;
}

/** One pass for the account, after the one already running for it (two at once would copy twice). */
function runPass(ctx: AppContext, scheduler: Scheduler, accountId: string): void {
  const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
  if (!account || scheduler.stopped) return;
  const previous = scheduler.active.get(accountId) ?? Promise.resolve();
  const run = previous
    .then(() => (scheduler.stopped ? undefined : syncDraftCopies(ctx, account)))
    .catch(() => undefined);
  scheduler.active.set(accountId, run);
  scheduler.running.add(run);
  void run.finally(() => {
    scheduler.running.delete(run);
    if (scheduler.active.get(accountId) === run) scheduler.active.delete(accountId);
  });
}

/**
 * Copies an account's changed drafts to its IMAP Drafts folder once editing pauses. Failures
 * (offline, server down) are not errors for the user: the draft is safe locally, and the next
 * change, the next start and the account's next good sync pass try again (draft-sync-triggers).
 * The CLI never schedules: a one-shot command must not leave work behind.
 */
export function scheduleDraftSync(ctx: AppContext, accountId: string | null, delayMs = DRAFT_SYNC_DELAY_MS): void {
  if (accountId === null || ctx.shell === 'cli') return;
  const scheduler = schedulerOf(ctx);
  if (scheduler.stopped) return;
  clearTimeout(scheduler.timers.get(accountId));
  const timer = setTimeout(() => {
    scheduler.timers.delete(accountId);
    runPass(ctx, scheduler, accountId);
  }, delayMs);
  timer.unref();
  scheduler.timers.set(accountId, timer);
}

/**
 * A pass now, unless one is already waiting for editing to pause (that one keeps its delay: the
 * user is typing) or running (it takes every draft not copied yet).
 */
export function catchUpDraftSync(ctx: AppContext, accountId: string): void {
  if (ctx.shell === 'cli') return;
  const scheduler = schedulerOf(ctx);
  if (scheduler.stopped || scheduler.timers.has(accountId) || scheduler.active.has(accountId)) return;
  runPass(ctx, scheduler, accountId);
}

/** Cancels waiting copies and lets a running one finish, before the store closes. */
export async function stopDraftSync(ctx: AppContext): Promise<void> {
  const scheduler = schedulers.get(ctx);
  if (!scheduler) return;
  scheduler.stopped = true;
  for (const cleanup of scheduler.cleanups.splice(0)) cleanup();
  for (const timer of scheduler.timers.values()) clearTimeout(timer);
  scheduler.timers.clear();
  await Promise.all(scheduler.running);
}
