import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract';
import { AppError } from '../../shared/errors';
import { readPasswords } from '../accounts/credentials';
import { openImapSession } from '../mail/imap/session';
import {
  expungeLocally,
  loadRows,
  moveLocally,
  setFlagsLocally,
  type ActionRow,
  type LocalOutcome,
} from '../sync/actions/apply-local';
import { deleteTarget, groupBy, IMAP_FLAG } from '../sync/actions/plan';
import { replayPendingActions, type ReplayResult } from '../sync/actions/replay';
import type { AppContext } from './context';

type Result = ChannelOutput<'messages:setFlags'>;

export function setFlags(ctx: AppContext, input: ChannelParsedInput<'messages:setFlags'>): Result {
  const rows = rowsFor(ctx, input.ids);
  const outcome = setFlagsLocally(
    ctx.store.db,
    rows,
    input.add.map((f) => IMAP_FLAG[f]),
    input.remove.map((f) => IMAP_FLAG[f]),
  );
  return afterLocal(ctx, outcome);
}

export function moveMessages(ctx: AppContext, input: ChannelParsedInput<'messages:move'>): Result {
  const rows = rowsFor(ctx, input.ids);
  const target = ctx.store.db.get<{ account_id: string }>('SELECT account_id FROM mailboxes WHERE id = ?', [
    input.toMailboxId,
  ]);
  if (!target) throw new AppError('not_found', 'The destination folder does not exist.');
  if (rows.some((r) => r.accountId !== target.account_id)) {
    throw new AppError('invalid_input', 'Messages can only be moved to a folder of their own account.');
  }
  return afterLocal(ctx, moveLocally(ctx.store.db, rows, input.toMailboxId));
}

export function archiveMessages(ctx: AppContext, input: ChannelParsedInput<'messages:archive'>): Result {
  const rows = rowsFor(ctx, input.ids);
  const outcomes: LocalOutcome[] = [];
  for (const [accountId, group] of groupBy(rows, (r) => r.accountId)) {
    const archive = specialFolder(ctx, accountId, 'archive');
    if (archive === null) {
      throw new AppError('not_found', 'This account has no Archive folder; create one or choose a folder to move to.');
    }
    outcomes.push(moveLocally(ctx.store.db, group, archive));
  }
  return afterLocal(ctx, merge(outcomes));
}

/** To Trash; what is already in Trash is deleted for good (expunged). */
export function deleteMessages(ctx: AppContext, input: ChannelParsedInput<'messages:delete'>): Result {
  const rows = rowsFor(ctx, input.ids);
  const outcomes: LocalOutcome[] = [];
  for (const [accountId, group] of groupBy(rows, (r) => r.accountId)) {
    const trash = specialFolder(ctx, accountId, 'trash');
    const toExpunge: ActionRow[] = [];
    const toTrash: ActionRow[] = [];
    for (const row of group) {
      const target = deleteTarget(row.specialUse, trash);
      if (target.kind === 'no_trash') {
        throw new AppError('not_found', 'This account has no Trash folder, so messages cannot be moved there.');
      }
      (target.kind === 'expunge' ? toExpunge : toTrash).push(row);
    }
    if (toTrash.length > 0 && trash !== null) outcomes.push(moveLocally(ctx.store.db, toTrash, trash));
    if (toExpunge.length > 0) outcomes.push(expungeLocally(ctx.store.db, toExpunge));
  }
  return afterLocal(ctx, merge(outcomes));
}

function rowsFor(ctx: AppContext, ids: readonly string[]): ActionRow[] {
  const rows = loadRows(ctx.store.db, ids);
  if (rows.length !== new Set(ids).size) {
    throw new AppError('not_found', 'Some of these messages no longer exist; reload the list.');
  }
  return rows;
}

function specialFolder(ctx: AppContext, accountId: string, use: 'archive' | 'trash'): string | null {
  return (
    ctx.store.db.get<{ id: string }>('SELECT id FROM mailboxes WHERE account_id = ? AND special_use = ?', [
      accountId,
      use,
    ])?.id ?? null
  );
}

function merge(outcomes: readonly LocalOutcome[]): LocalOutcome {
  return {
    changed: outcomes.reduce((n, o) => n + o.changed, 0),
    queued: outcomes.reduce((n, o) => n + o.queued, 0),
    touched: outcomes.flatMap((o) => o.touched),
  };
}

function afterLocal(ctx: AppContext, outcome: LocalOutcome): Result {
  const seen = new Set<string>();
  for (const { accountId, mailboxId } of outcome.touched) {
    if (seen.has(mailboxId)) continue;
    seen.add(mailboxId);
    ctx.bus.emit('mailbox:changed', { accountId, mailboxId });
  }
  if (outcome.queued > 0) {
    for (const accountId of new Set(outcome.touched.map((t) => t.accountId))) startReplay(ctx, accountId);
  }
  return { changed: outcome.changed, queued: outcome.queued };
}

// Background replays in flight, so a test (or shutdown) can wait for them.
const inFlight = new WeakMap<AppContext, Set<Promise<unknown>>>();

function startReplay(ctx: AppContext, accountId: string): void {
  let set = inFlight.get(ctx);
  if (!set) inFlight.set(ctx, (set = new Set()));
  // Offline is the normal case here: the action stays queued and the next sync pass replays it.
  const job = replayAccountNow(ctx, accountId).catch(() => null);
  set.add(job);
  void job.finally(() => set.delete(job));
}

/** Resolves when every background replay started so far has finished. */
export async function settleReplays(ctx: AppContext): Promise<void> {
  await Promise.all([...(inFlight.get(ctx) ?? [])]);
}

/** Opens a session for the account and replays its queue; throws when the server is out of reach. */
export async function replayAccountNow(ctx: AppContext, accountId: string): Promise<ReplayResult> {
  const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
  if (!account || account.incoming.protocol !== 'imap') {
    throw new AppError('not_found', 'That account does not exist or does not use IMAP.');
  }
  const { incoming } = await readPasswords(ctx.secrets, account);
  const session = await openImapSession(account, incoming, ctx.sync?.session);
  try {
    return await replayPendingActions(
      {
        db: ctx.store.db,
        client: session.client,
        condstore: session.condstore,
        notice: (_id, message) => ctx.bus.emit('app:notice', { level: 'warning', code: 'action_dropped', message }),
        mailboxChanged: (id, mailboxId) => ctx.bus.emit('mailbox:changed', { accountId: id, mailboxId }),
      },
      accountId,
    );
  } finally {
    await session.close();
  }
}
