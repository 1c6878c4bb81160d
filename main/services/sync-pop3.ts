import type { Account } from '../../shared/model/account';
import type { AccountSyncSummary, SyncPhase } from '../../shared/model/sync';
import { readPasswords } from '../accounts/credentials';
import { spoolDirFor } from '../sync/pop3/spool';
import { syncPop3Account, type Pop3SyncDeps, type Pop3SyncPhase } from '../sync/pop3/sync';
import type { MessageParser, RawStore } from '../sync/ports';
import type { AppContext } from './context';

// POP3's steps in the phases the UI already shows for IMAP: downloading and storing fills the
// list (as IMAP's header phase does), parsing fills in the bodies.
const PHASE: Record<Pop3SyncPhase, SyncPhase> = {
  connect: 'folders',
  list: 'folders',
  retrieve: 'headers',
  delete: 'headers',
  parse: 'bodies',
  done: 'done',
};

/** One POP3 check, reported in the same shape and events as an IMAP pass. */
export async function syncPop3(
  ctx: AppContext,
  account: Account,
  parser: MessageParser,
  raw: RawStore,
  /** Called once stored messages are about to be parsed and listed (rows written in bulk). */
  bulkWrite: () => void = () => undefined,
): Promise<AccountSyncSummary> {
  const emitStatus = (state: 'syncing' | 'idle' | 'error' | 'offline', message: string | null) =>
    ctx.bus.emit('sync:status', { accountId: account.id, state, message, at: new Date().toISOString() });
  emitStatus('syncing', null);
  const deps: Pop3SyncDeps = {
    db: ctx.store.db,
    raw,
    spoolDir: spoolDirFor(ctx.store.db.path),
    // The parser pool's result carries every field POP3 stores (subject, from, date …).
    parser: parser as Pop3SyncDeps['parser'],
    password: async (a) => (await readPasswords(ctx.secrets, a)).incoming,
    ...(ctx.sync?.session?.trust ? { trust: ctx.sync.session.trust } : {}),
  };
  const result = await syncPop3Account(deps, account, {
    onProgress: ({ phase, done, total }) => {
      // The parse writes in bulk (rows and the bytes it moves into the store), so its
      // checkpoints move to a worker.
      if (phase === 'parse' && total > 0) bulkWrite();
      ctx.bus.emit('sync:progress', { accountId: account.id, mailboxId: null, phase: PHASE[phase], done, total });
    },
    // New mail is listed as it is parsed, in batches: the list can show the first ones then.
    onListed: (mailboxId) => ctx.bus.emit('mailbox:changed', { accountId: account.id, mailboxId }),
  });
  const firstError = result.errors[0]?.message ?? null;
  if (result.retrieved > 0 || result.parsed > 0) {
    ctx.bus.emit('mailbox:changed', { accountId: account.id, mailboxId: result.inboxId });
  }
  emitStatus(
    result.ok ? 'idle' : result.errors[0]?.kind === 'connection' ? 'offline' : 'error',
    result.ok ? null : firstError,
  );
  const total =
    ctx.store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE mailbox_id = ?', [result.inboxId])?.n ??
    0;
  return {
    accountId: account.id,
    ok: result.ok,
    error: result.ok ? null : firstError,
    folders: [
      {
        mailboxId: result.inboxId,
        path: 'INBOX',
        strategy: 'pop3',
        added: result.retrieved,
        updated: 0,
        removed: 0,
        // Parsed bodies: this run's, and any an interrupted run left (so it may exceed `added`).
        bodies: result.parsed,
        total,
        durationMs: result.timings.totalMs,
        error: firstError,
      },
    ],
    durationMs: result.timings.totalMs,
  };
}
