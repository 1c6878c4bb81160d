import type { ImapSession } from '../../mail/imap/session';
import type { WritableDb } from '../../store/driver';
import type { SyncEvents } from '../account-sync';
import { replayPendingActions, type ReplayResult } from './replay';

/**
 * The sync pass's hook: queued local actions go out before any folder is read, so the pass then
 * sees the server with them applied instead of undoing them locally. A transient failure throws
 * (the pass ends offline; the actions wait).
 */
export function replayBeforeSync(
  deps: { db: WritableDb; events: SyncEvents },
  session: ImapSession,
  accountId: string,
): Promise<ReplayResult> {
  return replayPendingActions(
    {
      db: deps.db,
      client: session.client,
      condstore: session.condstore,
      notice: (id, message) => deps.events.notice(id, message),
      mailboxChanged: (id, mailboxId) => deps.events.mailboxChanged(id, mailboxId),
    },
    accountId,
  );
}
