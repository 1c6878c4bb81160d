import type { Account } from '../../shared/model/account';
import type { AccountLock } from './account-lock';
import type { AccountSyncSummary, FolderSyncSummary, SyncPhase } from '../../shared/model/sync';
import { toSessionError, type ImapSessionError } from '../mail/imap/errors';
import { openImapSession, type ImapSessionOptions } from '../mail/imap/session';
import type { WritableDb } from '../store/driver';
import { replayBeforeSync } from './actions/pass';
import { syncMailboxBodies } from './bodies';
import { recordFolderError } from './folder-state';
import { inboxFirst, syncFolderList, type SyncedFolder } from './folders';
import { syncMailboxHeaders } from './mailbox-sync';
import type { MessageParser } from './ports';
import { hasHeldRows, searchDeferral } from './search-pending';
import { markSyncedIfUnchanged } from './status-check';
import { inlineWriter, type SyncWriter } from './writer/writes';

export interface SyncEvents {
  progress(p: { accountId: string; mailboxId: string | null; phase: SyncPhase; done: number; total: number }): void;
  status(s: { accountId: string; state: 'syncing' | 'idle' | 'error' | 'offline'; message: string | null }): void;
  mailboxChanged(accountId: string, mailboxId: string): void;
  /** A UIDVALIDITY change dropped a folder's cache (and any queued actions against it). */
  notice(accountId: string, message: string): void;
}

export interface AccountSyncDeps {
  db: WritableDb;
  parser: MessageParser;
  /** Where sync's bulk writes go (thread-writer.ts); default: on this thread, through `db`. */
  writer?: SyncWriter;
  events: SyncEvents;
  session?: ImapSessionOptions;
  /** Default 25 MB: attachments beyond that are fetched on demand, not for offline use. */
  maxBodyBytes?: number;
  /** Shared by every pass over an account (sync:run and the live watcher); none: no other passes. */
  lock?: AccountLock;
}

export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * One complete pass over an account: folder list, then headers of every folder (INBOX first, so
 * the window that matters fills first), then bodies within the offline window. A folder that
 * fails is recorded (mailboxes.sync_error) and the pass goes on; a lost connection ends the pass
 * with the store consistent at the last committed batch.
 */
export async function syncAccount(
  deps: AccountSyncDeps,
  account: Account,
  password: string | null,
): Promise<AccountSyncSummary> {
  const started = Date.now();
  const accountId = account.id;
  const { events } = deps;
  events.status({ accountId, state: 'syncing', message: null });
  const summaries = new Map<string, FolderSyncSummary>();
  let session;
  try {
    session = await openImapSession(account, password, deps.session);
  } catch (error) {
    // Offline too, rows a pass that did not finish (a killed app) held back become searchable.
    await releaseSearch(deps, accountId);
    return finish(deps, account, started, summaries, toSessionError(error, account));
  }
  const { client } = session;
  const maxBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // A new message whose body this pass downloads enters the search index once, with its body.
  const deferral = searchDeferral(account.imap.offlineWindowDays, maxBytes, new Date());
  try {
    await replayBeforeSync(deps, session, accountId);
    events.progress({ accountId, mailboxId: null, phase: 'folders', done: 0, total: 0 });
    // With CONDSTORE, LIST-STATUS tells in the same round trip which folders changed at all.
    const { folders, statuses } = await syncFolderList(client, deps.db, accountId, { status: session.condstore });
    const selectable = inboxFirst(folders.filter((f) => f.selectable));
    events.progress({ accountId, mailboxId: null, phase: 'folders', done: folders.length, total: folders.length });

    for (const folder of selectable) {
      const folderStarted = Date.now();
      const summary: FolderSyncSummary = {
        mailboxId: folder.id,
        path: folder.path,
        strategy: 'unchanged',
        added: 0,
        updated: 0,
        removed: 0,
        bodies: 0,
        total: 0,
        durationMs: 0,
        error: null,
      };
      summaries.set(folder.id, summary);
      const status = statuses.get(folder.id);
      if (status && markSyncedIfUnchanged(deps.db, folder.id, status)) {
        summary.total = status.messages ?? 0;
        summary.durationMs = Date.now() - folderStarted;
        continue;
      }
      try {
        const result = await syncMailboxHeaders({
          db: deps.db,
          client,
          accountId,
          mailboxId: folder.id,
          path: folder.path,
          condstore: session.condstore,
          qresync: session.qresync,
          serverThreads: session.serverThreads,
          ...(deps.writer ? { writer: deps.writer } : {}),
          searchDeferral: deferral,
          onProgress: (done, total) =>
            events.progress({ accountId, mailboxId: folder.id, phase: 'headers', done, total }),
          onReseed: ({ messages }) =>
            events.notice(
              accountId,
              `The server renumbered "${folder.path}" (UIDVALIDITY changed); its ${messages} cached messages are downloaded again.`,
            ),
        });
        Object.assign(summary, result);
        if (result.added + result.updated + result.removed > 0) events.mailboxChanged(accountId, folder.id);
      } catch (error) {
        if (!client.usable) throw error;
        summary.error = folderError(deps.db, folder, error);
      }
      summary.durationMs = Date.now() - folderStarted;
    }

    for (const folder of selectable) {
      const summary = summaries.get(folder.id);
      if (!summary || summary.error) continue;
      const folderStarted = Date.now();
      try {
        summary.bodies = await syncMailboxBodies({
          db: deps.db,
          client,
          mailboxId: folder.id,
          path: folder.path,
          parser: deps.parser,
          ...(deps.writer ? { writer: deps.writer } : {}),
          windowDays: account.imap.offlineWindowDays,
          maxBytes,
          onProgress: (done, total) =>
            events.progress({ accountId, mailboxId: folder.id, phase: 'bodies', done, total }),
        });
        if (summary.bodies > 0) events.mailboxChanged(accountId, folder.id);
      } catch (error) {
        if (!client.usable) throw error;
        summary.error = folderError(deps.db, folder, error);
      }
      summary.durationMs += Date.now() - folderStarted;
    }
    await session.close();
    return finish(deps, account, started, summaries, null);
  } catch (error) {
    client.close();
    return finish(deps, account, started, summaries, toSessionError(error, account, 'sync'));
  } finally {
    await releaseSearch(deps, accountId);
  }
}

/**
 * Whatever ended the pass, rows still held back from search (their body did not come) are indexed
 * now by their headers. A store that cannot write now keeps them held for the next pass to release.
 */
async function releaseSearch(deps: AccountSyncDeps, accountId: string): Promise<void> {
  try {
    // Most passes hold nothing back by the end: they need not start the writer thread to say so.
    if (!hasHeldRows(deps.db, accountId)) return;
    await (deps.writer ?? inlineWriter(deps.db)).releaseSearch(accountId);
  } catch {
    // They stay held and the next pass releases them; this pass's own outcome is what it reports.
  }
}

function folderError(db: WritableDb, folder: SyncedFolder, error: unknown): string {
  const message = `Could not sync "${folder.path}": ${error instanceof Error ? error.message : String(error)}`;
  recordFolderError(db, folder.id, message);
  return message;
}

function finish(
  deps: AccountSyncDeps,
  account: Account,
  started: number,
  summaries: Map<string, FolderSyncSummary>,
  error: ImapSessionError | null,
): AccountSyncSummary {
  const folders = [...summaries.values()];
  const failedFolder = folders.find((f) => f.error !== null)?.error ?? null;
  const message = error?.message ?? failedFolder;
  deps.events.progress({
    accountId: account.id,
    mailboxId: null,
    phase: 'done',
    done: folders.length,
    total: folders.length,
  });
  deps.events.status({
    accountId: account.id,
    state: error?.offline ? 'offline' : message ? 'error' : 'idle',
    message,
  });
  return { accountId: account.id, ok: message === null, error: message, folders, durationMs: Date.now() - started };
}

/** Several accounts at once; one failing never stops the others (each returns its own summary). */
export async function syncAccounts(
  deps: AccountSyncDeps,
  accounts: readonly { account: Account; password: string | null }[],
): Promise<AccountSyncSummary[]> {
  return Promise.all(accounts.map(({ account, password }) => syncAccount(deps, account, password)));
}
