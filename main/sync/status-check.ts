import type { StatusObject } from 'imapflow';
import type { ReadableDb, WritableDb } from '../store/driver';
import { readFolderState, saveFolderState } from './folder-state';

/** What the store holds about a folder, as STATUS can report it. */
export interface KnownFolderStatus {
  uidvalidity: number | null;
  uidnext: number | null;
  highestmodseq: string | null;
  messageCount: number | null;
}

export function readKnownStatus(db: ReadableDb, mailboxId: string): KnownFolderStatus {
  const row = db.get<{
    uidvalidity: number | null;
    uidnext: number | null;
    highestmodseq: string | null;
    message_count: number | null;
  }>('SELECT uidvalidity, uidnext, highestmodseq, message_count FROM mailboxes WHERE id = ?', [mailboxId]);
  return {
    uidvalidity: row?.uidvalidity ?? null,
    uidnext: row?.uidnext ?? null,
    highestmodseq: row?.highestmodseq ?? null,
    messageCount: row?.message_count ?? null,
  };
}

/**
 * Whether STATUS shows a change since the last pass. MESSAGES and UIDNEXT catch arrivals and
 * expunges; HIGHESTMODSEQ (CONDSTORE servers) also catches flag changes. A value the server did
 * not report never counts as a change, so a server without CONDSTORE is not resynced every poll.
 */
export function statusChanged(known: KnownFolderStatus, status: StatusObject): boolean {
  if (known.uidvalidity === null || known.uidnext === null) return true; // never fully synced
  if (status.uidValidity !== undefined && Number(status.uidValidity) !== known.uidvalidity) return true;
  if (status.uidNext !== undefined && status.uidNext !== known.uidnext) return true;
  if (status.messages !== undefined && status.messages !== known.messageCount) return true;
  return status.highestModseq !== undefined && status.highestModseq.toString() !== (known.highestmodseq ?? '');
}

/**
 * Whether STATUS proves a folder unchanged since its last complete pass, so it need not be
 * examined at all (DESIGN §5: HIGHESTMODSEQ unchanged → nothing to do). Stricter than
 * statusChanged, which decides what a poll looks at: every value must be reported and equal, the
 * count must also match the rows in the store, and HIGHESTMODSEQ is required on both sides,
 * since without it a flag changed by another client leaves every other value as it was.
 */
export function statusProvesUnchanged(known: KnownFolderStatus, localCount: number, status: StatusObject): boolean {
  if (known.uidvalidity === null || known.uidnext === null || known.highestmodseq === null) return false;
  if (status.uidValidity === undefined || status.uidNext === undefined || status.messages === undefined) return false;
  if (status.highestModseq === undefined) return false;
  return (
    Number(status.uidValidity) === known.uidvalidity &&
    status.uidNext === known.uidnext &&
    status.messages === known.messageCount &&
    status.messages === localCount &&
    status.highestModseq.toString() === known.highestmodseq
  );
}

/**
 * A folder whose STATUS proves it unchanged (statusProvesUnchanged) need not be examined: its state
 * is saved as it stands, which marks it synced now and clears an error an earlier pass left.
 * Returns whether it was.
 */
export function markSyncedIfUnchanged(db: WritableDb, mailboxId: string, status: StatusObject): boolean {
  const known = readKnownStatus(db, mailboxId);
  if (!statusProvesUnchanged(known, readFolderState(db, mailboxId).localCount, status)) return false;
  db.transaction((tx) =>
    saveFolderState(tx, mailboxId, {
      uidvalidity: known.uidvalidity ?? 0,
      uidnext: known.uidnext ?? 0,
      highestmodseq: known.highestmodseq,
      messageCount: known.messageCount ?? 0,
    }),
  );
  return true;
}
