import type { ImapSession } from '../../mail/imap/session';
import type { AccountSyncDeps } from '../account-sync';
import { DEFAULT_MAX_BODY_BYTES } from '../account-sync';
import { syncMailboxBodies } from '../bodies';
import { syncMailboxHeaders } from '../mailbox-sync';

export interface LiveFolder {
  id: string;
  path: string;
}

/** What one incremental pass changed in a folder: what `letterbox watch` prints. */
export interface FolderChange {
  accountId: string;
  mailboxId: string;
  path: string;
  added: number;
  updated: number;
  removed: number;
  bodies: number;
}

/**
 * The same incremental path as `letterbox sync` (DESIGN §5 via syncMailboxHeaders), for one
 * folder: headers and flags first, then bodies in the offline window, so a message that arrived
 * through IDLE is readable offline as soon as it shows up.
 */
export async function syncFolderHeaders(
  deps: AccountSyncDeps,
  session: ImapSession,
  accountId: string,
  folder: LiveFolder,
): Promise<FolderChange> {
  const { events } = deps;
  const result = await syncMailboxHeaders({
    db: deps.db,
    client: session.client,
    accountId,
    mailboxId: folder.id,
    path: folder.path,
    condstore: session.condstore,
    qresync: session.qresync,
    serverThreads: session.serverThreads,
    ...(deps.writer ? { writer: deps.writer } : {}),
    onProgress: (done, total) => events.progress({ accountId, mailboxId: folder.id, phase: 'headers', done, total }),
    onReseed: ({ messages }) =>
      events.notice(
        accountId,
        `The server renumbered "${folder.path}" (UIDVALIDITY changed); its ${messages} cached messages are downloaded again.`,
      ),
  });
  if (result.added + result.updated + result.removed > 0) events.mailboxChanged(accountId, folder.id);
  return { accountId, mailboxId: folder.id, path: folder.path, ...result, bodies: 0 };
}

export async function syncFolderBodies(
  deps: AccountSyncDeps,
  session: ImapSession,
  windowDays: number | null,
  change: FolderChange,
): Promise<void> {
  const { accountId, mailboxId } = change;
  change.bodies = await syncMailboxBodies({
    db: deps.db,
    client: session.client,
    mailboxId,
    path: change.path,
    parser: deps.parser,
    ...(deps.writer ? { writer: deps.writer } : {}),
    windowDays,
    maxBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onProgress: (done, total) => deps.events.progress({ accountId, mailboxId, phase: 'bodies', done, total }),
  });
  if (change.bodies > 0) deps.events.mailboxChanged(accountId, mailboxId);
}
