import type { SyncStatus } from '../../shared/model/sync';
import type { AppContext } from './context';
import { catchUpDraftSync, schedulerOf } from './draft-sync-scheduler';

/** Whether the account has a draft whose server copy is missing or older, or a copy left to remove. */
function hasWork(ctx: AppContext, accountId: string): boolean {
  const row = ctx.store.db.get<{ one: number }>(
    `SELECT 1 AS one FROM drafts WHERE account_id = ? AND (server_version IS NULL OR server_version <> version)
     UNION ALL SELECT 1 FROM draft_server_removals WHERE account_id = ? LIMIT 1`,
    [accountId, accountId],
  );
  return row !== undefined;
}

function catchUp(ctx: AppContext, accountId: string): void {
  const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
  if (account?.incoming.protocol === 'imap' && hasWork(ctx, accountId)) catchUpDraftSync(ctx, accountId);
}

/**
 * The copies to the IMAP Drafts folder that the 15 s after an edit could not make: drafts edited
 * offline, in a session that ended first, or by the CLI. For the shells that stay open: a pass
 * at start-up, and one after each of an account's good sync passes (the live watcher's catch-up
 * once the account is reachable again, a poll, Sync now), which is when its server answers.
 * Stopped by stopDraftSync.
 */
export function startDraftSyncTriggers(ctx: AppContext): void {
  const scheduler = schedulerOf(ctx);
  if (ctx.shell === 'cli' || scheduler.stopped) return;
  for (const account of ctx.settings.get('accounts')) catchUp(ctx, account.id);
  const unsubscribe = ctx.bus.subscribe((event, payload) => {
    if (event !== 'sync:status') return;
    const status = payload as SyncStatus;
    if (status.state === 'idle') catchUp(ctx, status.accountId);
  });
  scheduler.cleanups.push(unsubscribe);
}
