import { join } from 'node:path';
import type { ChannelOutput } from '../../shared/ipc/contract';
import type { Account } from '../../shared/model/account';
import type { AccountSyncSummary } from '../../shared/model/sync';
import { AppError } from '../../shared/errors';
import { readPasswords } from '../accounts/credentials';
import type { ImapSessionOptions } from '../mail/imap/session';
import { createAccountLock, type AccountLock } from '../sync/account-lock';
import { syncAccount, type AccountSyncDeps, type SyncEvents } from '../sync/account-sync';
import { createParserPool } from '../mail/mime/parser-pool';
import { checkpointInBackground, type BackgroundCheckpoint } from '../store/background-checkpoint';
import { createBlobStore } from '../store/blobs/blob-store';
import { createRawMessageStore } from '../store/raw-messages';
import type { MessageParser, RawStore } from '../sync/ports';
import { createThreadWriter } from '../sync/writer/thread-writer';
import type { SyncWriter } from '../sync/writer/writes';
import type { AppContext } from './context';
import { syncPop3 } from './sync-pop3';

/** What a composition root may set for sync (tests: the harness CA, a command counter). */
export interface SyncOptions {
  session?: ImapSessionOptions;
  parser?: MessageParser;
  raw?: RawStore;
  maxBodyBytes?: number;
}

/** Where older versions kept raw messages as files (content-addressed, see main/store/blobs). */
export const RAW_DIR = 'blobs';

// One pass per account at a time: a second request for a busy account joins the running pass.
const running = new WeakMap<AppContext, Map<string, Promise<AccountSyncSummary>>>();
const locks = new WeakMap<AppContext, AccountLock>();

/** The lock every sync pass over an account takes in this app: sync:run's and the live watcher's. */
export function accountLock(ctx: AppContext): AccountLock {
  let lock = locks.get(ctx);
  if (!lock) locks.set(ctx, (lock = createAccountLock()));
  return lock;
}

export async function runSync(ctx: AppContext, accountId: string | null): Promise<ChannelOutput<'sync:run'>> {
  const accounts = ctx.settings.get('accounts');
  const chosen = accountId === null ? accounts : accounts.filter((a) => a.id === accountId);
  if (accountId !== null && chosen.length === 0) throw new AppError('not_found', 'That account does not exist.');
  // A parser pool per request: its worker threads exist only while a pass needs them.
  const pool = lazyParserPool();
  // A POP3 download may write hundreds of MB of raw messages: from the moment one starts, the WAL
  // is checkpointed off this thread. A pass with nothing to download never starts that worker.
  const bulk: { checkpoints: BackgroundCheckpoint | null } = { checkpoints: null };
  const bulkWrite = (): void => void (bulk.checkpoints ??= checkpointInBackground(ctx.store.db));
  // IMAP rows and bytes are written on a thread of their own (which also checkpoints what it
  // wrote), started at the first write: a no-change pass never starts it.
  const writer = createThreadWriter(ctx.store.db);
  try {
    const deps = syncDeps(ctx, ctx.sync?.parser ?? pool, writer);
    const summaries = await Promise.all(chosen.map((account) => syncOnce(ctx, deps, account, bulkWrite)));
    return { accounts: summaries };
  } finally {
    await Promise.all([pool.close(), writer.close(), bulk.checkpoints?.stop()]);
  }
}

/** Starts the worker pool on the first parse, so a pass with no new bodies pays no start-up. */
function lazyParserPool(): MessageParser & { close(): Promise<void> } {
  let pool: ReturnType<typeof createParserPool> | null = null;
  return {
    // Sync stores text, snippet and attachments, never the HTML: it is not copied back from the worker.
    parse: (raw, options) => (pool ??= createParserPool()).parse(raw, { ...options, html: false }),
    close: async () => {
      await pool?.close();
    },
  };
}

function syncOnce(
  ctx: AppContext,
  deps: AccountSyncDeps,
  account: Account,
  bulkWrite: () => void,
): Promise<AccountSyncSummary> {
  let perApp = running.get(ctx);
  if (!perApp) running.set(ctx, (perApp = new Map()));
  const busy = perApp.get(account.id);
  if (busy) return busy;
  const pass = accountLock(ctx)
    .run(account.id, async () => {
      if (account.incoming.protocol === 'pop3') return syncPop3(ctx, account, deps.parser, rawStore(ctx), bulkWrite);
      const { incoming } = await readPasswords(ctx.secrets, account);
      return syncAccount(deps, account, incoming);
    })
    .finally(() => perApp.delete(account.id));
  perApp.set(account.id, pass);
  return pass;
}

function syncDeps(ctx: AppContext, parser: MessageParser, writer: SyncWriter): AccountSyncDeps {
  const options = ctx.sync ?? {};
  return {
    db: ctx.store.db,
    parser,
    writer,
    events: busEvents(ctx),
    ...(options.session ? { session: options.session } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  };
}

function busEvents(ctx: AppContext): SyncEvents {
  return {
    progress: (p) => ctx.bus.emit('sync:progress', p),
    status: (s) => ctx.bus.emit('sync:status', { ...s, at: new Date().toISOString() }),
    mailboxChanged: (accountId, mailboxId) => ctx.bus.emit('mailbox:changed', { accountId, mailboxId }),
    notice: (_accountId, message) => ctx.bus.emit('app:notice', { level: 'warning', code: 'sync_reset', message }),
  };
}

/** The raw bytes of one stored message, or null when its body was never downloaded. */
export async function readRawMessage(ctx: AppContext, rawHash: string): Promise<Buffer | null> {
  return rawStore(ctx).get(rawHash);
}

/** Raw bytes in the store's raw_messages table, falling back to the files older versions wrote. */
export function rawStore(ctx: AppContext): RawStore {
  return ctx.sync?.raw ?? createRawMessageStore(ctx.store.db, createBlobStore(join(ctx.profileDir, RAW_DIR)));
}
