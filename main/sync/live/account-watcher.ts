import type { StatusObject } from 'imapflow';
import type { Account } from '../../../shared/model/account';
import { toSessionError, type ImapSessionErrorCode } from '../../mail/imap/errors';
import { openImapSession, type ImapSession } from '../../mail/imap/session';
import type { AccountSyncDeps, SyncEvents } from '../account-sync';
import { inboxFirst, syncFolderList, type SyncedFolder } from '../folders';
import { backoffDelay, type BackoffOptions } from './backoff';
import { syncFolderBodies, syncFolderHeaders, type FolderChange, type LiveFolder } from './folder-pass';
import { markSyncedIfUnchanged, readKnownStatus, statusChanged } from '../status-check';
import type { SyncWriter } from '../writer/writes';

export const DEFAULT_POLL_INTERVAL_MS = 3 * 60_000;
/** Servers may drop an IDLE after 30 min (RFC 2177); re-issue it well before. */
export const DEFAULT_MAX_IDLE_MS = 27 * 60_000;
/** IDLE events come in bursts (EXISTS then FETCH); one pass serves the burst. */
export const DEFAULT_DEBOUNCE_MS = 100;

export interface ConnectionEvent {
  accountId: string;
  state: 'connected' | 'lost';
  /** Failed attempts in a row (0 once connected). */
  attempt: number;
  /** When state is 'lost': the wait before the next attempt. */
  retryInMs: number | null;
  error: string | null;
}

export interface LiveEvents extends SyncEvents {
  /** A pass changed a folder (only called when something changed). */
  change?(change: FolderChange): void;
  connection?(event: ConnectionEvent): void;
}

export interface LiveOptions {
  pollIntervalMs?: number;
  maxIdleMs?: number;
  debounceMs?: number;
  backoff?: BackoffOptions;
}

export interface LiveDeps extends AccountSyncDeps {
  events: LiveEvents;
  /**
   * A writer for a catch-up pass (after connecting, and each poll), which may bring a whole new
   * account or a long absence: thread-writer.ts, whose thread starts only if the pass writes.
   * Passes for a change IDLE reported write on this thread (`writer`, else through `db`).
   */
  catchUpWriter?: () => SyncWriter & { close(): Promise<void> };
}

export interface AccountWatcher {
  readonly accountId: string;
  /** Resolves once every folder was checked (the same work as one STATUS poll, Inbox included). */
  checkNow(): Promise<void>;
  /**
   * After a failure only the user can fix (wrong password) the watcher waits; this lets it try
   * again, e.g. because a pass the user asked for has just logged in fine.
   */
  resume(): void;
  /** Closes both connections and every timer; resolves when nothing of the watcher is left. */
  stop(): Promise<void>;
}

const INBOX = 'INBOX';

/**
 * Keeps one account in step with the server: a long-lived connection IDLEs on the Inbox and only
 * listens; every change it reports, the STATUS poll of the other folders and the catch-up after
 * (re)connecting run serially on a short-lived command connection (DESIGN §5), so IDLE never has
 * to be broken to do work and a slow pass never delays the next notification.
 */
export function watchAccount(
  deps: LiveDeps,
  account: Account,
  password: string | null,
  options: LiveOptions = {},
): AccountWatcher {
  const accountId = account.id;
  const { events } = deps;
  let stopped = false;
  let idleSession: ImapSession | null = null;
  let commandSession: ImapSession | null = null;
  let folders: SyncedFolder[] = [];
  // Work waiting for the command connection; coalesced, so a burst of events is one pass.
  const dirty = new Set<string>();
  let fullCheck = false;
  let draining: Promise<void> | null = null;
  let debounceTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  // Set after a failure that retrying cannot fix (wrong password, untrusted certificate): no more
  // logins until the account is edited (the watcher is replaced) or the user asks (checkNow).
  // Servers and fail2ban lock accounts that keep logging in with a wrong password.
  let blocked = false;

  const schedule = (path: string): void => {
    dirty.add(path);
    if (debounceTimer || stopped || blocked) return;
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      void drain();
    }, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  };

  function drain(): Promise<void> {
    draining ??= (async () => {
      try {
        while (!stopped && !blocked && (fullCheck || dirty.size > 0)) await runBatch();
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  function runBatch(): Promise<void> {
    return deps.lock ? deps.lock.run(accountId, batch) : batch();
  }

  async function batch(): Promise<void> {
    if (stopped) return; // stopped while another pass held the account
    const full = fullCheck;
    fullCheck = false;
    const paths = new Set(dirty);
    dirty.clear();
    events.status({ accountId, state: 'syncing', message: null });
    let session: ImapSession | null = null;
    const bulk = full ? (deps.catchUpWriter?.() ?? null) : null;
    const passDeps = bulk ? { ...deps, writer: bulk } : deps;
    try {
      session = commandSession = await openImapSession(account, password, deps.session);
      if (stopped) throw new Error('stopped');
      // A full check lists the folders with their STATUS (LIST-STATUS) where the server can.
      let listedStatus: ReadonlyMap<string, StatusObject> = new Map();
      if (full || folders.length === 0) {
        const listed = await syncFolderList(session.client, deps.db, accountId, { status: session.condstore });
        listedStatus = listed.statuses;
        folders = listed.folders.filter((f) => f.selectable);
        // Folders appeared, went or were renamed (a new account, or another client): the folder pane must know
        // even when no message changed.
        if (listed.added + listed.removed + listed.renamed > 0) {
          for (const folder of listed.folders) events.mailboxChanged(accountId, folder.id);
        }
      }
      const targets = full
        ? await foldersToCheck(session, paths, listedStatus)
        : folders.filter((f) => paths.has(f.path)).map((folder) => ({ folder, headers: true }));
      const changes: FolderChange[] = [];
      for (const { folder, headers } of targets) {
        changes.push(
          headers ? await syncFolderHeaders(passDeps, session, accountId, folder) : unchanged(accountId, folder),
        );
      }
      for (const change of changes) {
        await syncFolderBodies(passDeps, session, account.imap.offlineWindowDays, change);
        if (change.added + change.updated + change.removed > 0) events.change?.(change);
      }
      await session.close();
      events.status({ accountId, state: 'idle', message: null });
    } catch (error) {
      session?.client.close();
      if (stopped) return;
      // The work is not lost: the next poll or reconnect catch-up redoes it from the store's state.
      const failure = toSessionError(error, account, 'sync');
      if (PERMANENT.has(failure.code)) block(failure.message);
      else events.status({ accountId, state: failure.offline ? 'offline' : 'error', message: failure.message });
    } finally {
      commandSession = null;
      await bulk?.close();
    }
  }

  /**
   * What a full check looks at. A folder the listing's STATUS proves unchanged is not examined,
   * though bodies an interrupted pass left are still fetched. Otherwise the Inbox and anything
   * IDLE flagged are examined always, other folders when STATUS shows a change.
   */
  async function foldersToCheck(
    session: ImapSession,
    always: Set<string>,
    listed: ReadonlyMap<string, StatusObject>,
  ): Promise<{ folder: LiveFolder; headers: boolean }[]> {
    const wanted: { folder: LiveFolder; headers: boolean }[] = [];
    for (const folder of inboxFirst(folders)) {
      const listedStatus = listed.get(folder.id);
      if (!always.has(folder.path) && listedStatus && markSyncedIfUnchanged(deps.db, folder.id, listedStatus)) {
        wanted.push({ folder, headers: false });
        continue;
      }
      if (folder.specialUse === 'inbox' || always.has(folder.path)) {
        wanted.push({ folder, headers: true });
        continue;
      }
      const status =
        listedStatus ??
        (await session.client.status(folder.path, {
          messages: true,
          uidNext: true,
          uidValidity: true,
          ...(session.condstore ? { highestModseq: true } : {}),
        }));
      if (status === false || statusChanged(readKnownStatus(deps.db, folder.id), status)) {
        wanted.push({ folder, headers: true });
      }
    }
    return wanted;
  }

  function armPoll(): void {
    pollTimer = setInterval(() => {
      if (blocked) return;
      fullCheck = true;
      void drain();
    }, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  }

  /** Opens the IDLE connection on the Inbox; resolves when that connection is gone. */
  async function connectAndIdle(): Promise<void> {
    const session = await openImapSession(account, password, deps.session);
    idleSession = session;
    const { client } = session;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    if (stopped) {
      client.close();
      return;
    }
    client.maxIdleTime = options.maxIdleMs ?? DEFAULT_MAX_IDLE_MS;
    // Which event is irrelevant: the folder's incremental sync finds out what changed.
    const onChange = (event: { path: string }): void => schedule(event.path);
    client.on('exists', onChange).on('flags', onChange).on('expunge', onChange);
    try {
      await client.mailboxOpen(INBOX, { readOnly: true });
      events.connection?.({ accountId, state: 'connected', attempt: 0, retryInMs: null, error: null });
      // Catch up on whatever happened while we were away (or since the last run).
      fullCheck = true;
      void drain();
      while (client.usable && !stopped) {
        const started = Date.now();
        // Breaks only on a command or a dead connection; maxIdleTime restarts are internal.
        await client.idle();
        if (Date.now() - started < 1_000) await Promise.race([closed, delay(1_000)]);
      }
      await closed;
    } finally {
      client.off('exists', onChange).off('flags', onChange).off('expunge', onChange);
      client.close();
      idleSession = null;
    }
  }

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        if (wake === finish) wake = null;
        resolve();
      }
      wake = finish;
    });

  function block(message: string): void {
    if (blocked) return;
    blocked = true;
    dirty.clear();
    fullCheck = false;
    events.status({
      accountId,
      state: 'error',
      message: `${message} Letterbox stops trying until you edit the account or choose Retry.`,
    });
    // The IDLE connection may be waiting to reconnect: it waits for the user now as well.
    wake?.();
  }

  function resume(): void {
    if (!blocked) return;
    blocked = false;
    wake?.();
  }

  /** Waits for checkNow() or stop(), however long that takes. */
  const untilWoken = (): Promise<void> =>
    new Promise((resolve) => {
      function finish(): void {
        if (wake === finish) wake = null;
        resolve();
      }
      wake = finish;
    });

  const loop = (async () => {
    armPoll();
    let attempt = 0;
    while (!stopped) {
      if (blocked) {
        await untilWoken();
        attempt = 0;
        continue;
      }
      let error: string | null = null;
      const started = Date.now();
      try {
        await connectAndIdle();
      } catch (failure) {
        const sessionError = toSessionError(failure, account);
        error = sessionError.message;
        if (PERMANENT.has(sessionError.code)) block(sessionError.message);
      }
      if (stopped) break;
      if (blocked) {
        events.connection?.({ accountId, state: 'lost', attempt: attempt + 1, retryInMs: null, error });
        continue;
      }
      // A connection that held for a while was a success: start the backoff from the beginning.
      attempt = Date.now() - started > 60_000 ? 1 : attempt + 1;
      const retryInMs = backoffDelay(attempt, options.backoff);
      events.connection?.({ accountId, state: 'lost', attempt, retryInMs, error });
      events.status({
        accountId,
        state: 'offline',
        message: `${error ?? 'Connection lost'}; reconnecting in ${Math.ceil(retryInMs / 1000)} s.`,
      });
      await delay(retryInMs);
    }
  })();

  return {
    accountId,
    checkNow: () => {
      fullCheck = true;
      resume();
      return drain();
    },
    resume,
    stop: async () => {
      stopped = true;
      if (debounceTimer) clearTimeout(debounceTimer);
      if (pollTimer) clearInterval(pollTimer);
      debounceTimer = pollTimer = null;
      wake?.();
      idleSession?.client.close();
      commandSession?.client.close();
      await loop;
      await draining;
    },
  };
}

/** Failures a reconnect cannot fix; only the user can (new password, trusting the certificate). */
const PERMANENT: ReadonlySet<ImapSessionErrorCode> = new Set([
  'auth_failed',
  'no_password',
  'certificate_untrusted',
  'starttls_missing',
  'tls_failed',
]);

/** A folder whose headers a pass left alone: only its bodies may still come. */
function unchanged(accountId: string, folder: LiveFolder): FolderChange {
  return { accountId, mailboxId: folder.id, path: folder.path, added: 0, updated: 0, removed: 0, bodies: 0 };
}
