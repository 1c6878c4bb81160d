import type { ReadableDb, WritableDb } from '../store/driver';
import type { StoredFolderState } from './plan';

export interface SavedFolderState {
  uidvalidity: number;
  uidnext: number;
  highestmodseq: string | null;
  messageCount: number;
}

export function readFolderState(db: ReadableDb, mailboxId: string): StoredFolderState {
  const row = db.get<{ uidvalidity: number | null; uidnext: number | null; highestmodseq: string | null }>(
    'SELECT uidvalidity, uidnext, highestmodseq FROM mailboxes WHERE id = ?',
    [mailboxId],
  );
  const count = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE mailbox_id = ? AND uid IS NOT NULL', [
    mailboxId,
  ]);
  return {
    uidvalidity: row?.uidvalidity ?? null,
    uidnext: row?.uidnext ?? null,
    highestmodseq: row?.highestmodseq ?? null,
    localCount: count?.n ?? 0,
  };
}

/** Call inside the transaction that wrote the rows this state describes (DESIGN §4). */
export function saveFolderState(tx: WritableDb, mailboxId: string, state: SavedFolderState): void {
  tx.run(
    `UPDATE mailboxes SET uidvalidity = :uidvalidity, uidnext = :uidnext, highestmodseq = :highestmodseq,
        message_count = :messageCount, synced_at = :now, sync_error = NULL WHERE id = :mailboxId`,
    { ...state, now: new Date().toISOString(), mailboxId },
  );
}

/**
 * UIDVALIDITY changed: every cached UID is meaningless, and so are actions queued against them.
 * Rows go and the new UIDVALIDITY is recorded with no UIDNEXT/MODSEQ, so an interrupted reseed
 * resumes as a full diff rather than being mistaken for a finished one.
 */
export function resetFolder(
  tx: WritableDb,
  mailboxId: string,
  uidvalidity: number,
): { messages: number; actions: number } {
  const messages = tx.run('DELETE FROM messages WHERE mailbox_id = ?', [mailboxId]).changes;
  const actions = tx.run('DELETE FROM pending_actions WHERE mailbox_id = ?', [mailboxId]).changes;
  tx.run('UPDATE mailboxes SET uidvalidity = ?, uidnext = NULL, highestmodseq = NULL WHERE id = ?', [
    uidvalidity,
    mailboxId,
  ]);
  return { messages, actions };
}

export function recordFolderError(db: WritableDb, mailboxId: string, message: string): void {
  db.run('UPDATE mailboxes SET sync_error = ? WHERE id = ?', [message, mailboxId]);
}
