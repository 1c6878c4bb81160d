import type { Account } from '../../shared/model/account';
import { readPasswords } from '../accounts/credentials';
import { createParserPool, type ParserPool } from '../mail/mime/parser-pool';
import {
  watchAccount,
  type AccountWatcher,
  type LiveDeps,
  type LiveEvents,
  type LiveOptions,
} from '../sync/live/account-watcher';
import type { AppContext } from './context';
import { watchNewMail } from './new-mail';
import { startPop3Checks } from './pop3-checks';
import { createThreadWriter } from '../sync/writer/thread-writer';
import { accountLock } from './sync';

export interface LiveSyncOptions extends LiveOptions {
  /** Only this account (`letterbox watch ACCOUNT`); null or absent: every IMAP account. */
  accountId?: string | null;
  /** How often POP3 accounts are checked (they have no push); default 10 minutes. */
  pop3IntervalMs?: number;
  /** Extra listeners next to the event bus (the CLI prints changes and reconnects). */
  listeners?: Partial<Pick<LiveEvents, 'change' | 'connection' | 'status'>>;
}

export interface LiveSync {
  /** Account ids being watched right now. */
  watching(): string[];
  /** A STATUS pass over every folder of these accounts (all when null). */
  checkNow(accountId?: string | null): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Live sync for the shells that stay open (Electron, browser shell, `letterbox watch`): POP3
 * accounts checked on a timer, and a watcher per IMAP account, started at once and restarted when `accounts:changed` says an account was
 * added, edited (new server or password) or removed. Status goes out as the same bus events as
 * `sync:run`, so the renderer needs nothing new.
 */
export function startLiveSync(ctx: AppContext, options: LiveSyncOptions = {}): LiveSync {
  const watchers = new Map<string, AccountWatcher>();
  // Starting needs the keychain (async): changes to one account are applied in order.
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  // One pool for the service's life; its idle workers are unref'd and closed in stop().
  const pool = ctx.sync?.parser ? null : createParserPool();
  const deps: LiveDeps = {
    db: ctx.store.db,
    // Sync never stores the HTML body: it is not copied back from the worker.
    parser: ctx.sync?.parser ?? {
      parse: (raw, options) => (pool as ParserPool).parse(raw, { ...options, html: false }),
    },
    lock: accountLock(ctx),
    catchUpWriter: () => createThreadWriter(ctx.store.db),
    events: liveEvents(ctx, options.listeners),
    ...(ctx.sync?.session ? { session: ctx.sync.session } : {}),
    ...(ctx.sync?.maxBodyBytes ? { maxBodyBytes: ctx.sync.maxBodyBytes } : {}),
  };

  const wanted = (account: Account): boolean =>
    account.incoming.protocol === 'imap' && (options.accountId == null || account.id === options.accountId);

  const restart = (accountId: string): void => {
    queue = queue
      .then(async () => {
        await watchers.get(accountId)?.stop();
        watchers.delete(accountId);
        const account = ctx.settings.get('accounts').find((a) => a.id === accountId);
        if (stopped || !account || !wanted(account)) return;
        const { incoming } = await readPasswords(ctx.secrets, account);
        watchers.set(accountId, watchAccount(deps, account, incoming, options));
      })
      .catch((error: unknown) => {
        // An unreadable keychain must not stop the other accounts; the status says why.
        const message = error instanceof Error ? error.message : String(error);
        deps.events.status({ accountId, state: 'error', message });
      });
  };

  const unsubscribe = ctx.bus.subscribe((event, payload) => {
    if (event === 'accounts:changed') restart((payload as { accountId: string }).accountId);
    // A pass the user asked for (sync:run) logged in fine: a watcher waiting after a refused
    // login tries again.
    if (event === 'sync:status' && (payload as { state: string }).state === 'idle') {
      watchers.get((payload as { accountId: string }).accountId)?.resume();
    }
  });
  // New mail is told from whatever stored it, so the watcher sits beside the sync it listens to.
  const stopNewMail = watchNewMail(ctx);
  for (const account of ctx.settings.get('accounts')) if (wanted(account)) restart(account.id);
  const pop3 = startPop3Checks(ctx, {
    accountId: options.accountId ?? null,
    ...(options.pop3IntervalMs ? { intervalMs: options.pop3IntervalMs } : {}),
  });

  return {
    watching: () => [...watchers.keys()],
    checkNow: async (accountId = null) => {
      await queue;
      await Promise.all(
        [...watchers.values()].filter((w) => accountId === null || w.accountId === accountId).map((w) => w.checkNow()),
      );
    },
    stop: async () => {
      stopped = true;
      unsubscribe();
      stopNewMail();
      await pop3.stop();
      await queue.catch(() => undefined);
      await Promise.all([...watchers.values()].map((w) => w.stop()));
      watchers.clear();
      await pool?.close();
    },
  };
}

function liveEvents(ctx: AppContext, listeners: LiveSyncOptions['listeners'] = {}): LiveEvents {
  return {
    progress: (p) => ctx.bus.emit('sync:progress', p),
    status: (s) => {
      ctx.bus.emit('sync:status', { ...s, at: new Date().toISOString() });
      listeners.status?.(s);
    },
    mailboxChanged: (accountId, mailboxId) => ctx.bus.emit('mailbox:changed', { accountId, mailboxId }),
    notice: (_accountId, message) => ctx.bus.emit('app:notice', { level: 'warning', code: 'sync_reset', message }),
    ...(listeners.change ? { change: listeners.change } : {}),
    ...(listeners.connection ? { connection: listeners.connection } : {}),
  };
}
