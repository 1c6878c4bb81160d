import { randomUUID } from 'node:crypto';
import type { WritableDb } from '../store/driver';
import { threadKey } from './thread-key';

/** One message's header-phase facts, ready for the `messages` table. */
export interface HeaderRow {
  uid: number;
  modseq: string | null;
  flags: string[];
  size: number | null;
  receivedAt: string | null;
  date: string;
  subject: string;
  fromName: string | null;
  fromAddress: string | null;
  to: { name: string; address: string }[];
  cc: { name: string; address: string }[];
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  serverThreadId: string | null;
}

/** Decimal text: MODSEQ is 63-bit and must not go through a JS number. */
export function modseqText(value: bigint | number | undefined | null): string | null {
  return value === undefined || value === null ? null : value.toString();
}

/**
 * Flags as stored: sorted (so equal sets compare equal as JSON) and without \Recent, which is
 * per-session (RFC 3501 §2.3.2) and would make every new connection look like a change.
 */
export function storedFlags(flags: Iterable<string>): string[] {
  return [...flags].filter((flag) => flag.toLowerCase() !== '\\recent').sort();
}

export function flagColumns(flags: readonly string[]): { unread: number; flagged: number } {
  const lower = new Set(flags.map((flag) => flag.toLowerCase()));
  return { unread: lower.has('\\seen') ? 0 : 1, flagged: lower.has('\\flagged') ? 1 : 0 };
}

/**
 * Insert or refresh by (mailbox, uid); body columns of a known row are left alone. `holdSearch`: a
 * new row waits for its body to enter the search index (migration 0014); a known row keeps its state.
 */
export function upsertHeader(
  tx: WritableDb,
  accountId: string,
  mailboxId: string,
  row: HeaderRow,
  holdSearch = false,
): void {
  const { unread, flagged } = flagColumns(row.flags);
  tx.run(
    `INSERT INTO messages (id, account_id, mailbox_id, uid, modseq, flags, size, received_at, date, subject,
        from_name, from_address, to_json, cc_json, message_id, in_reply_to, refs, server_thread_id, thread_id,
        unread, flagged, search_pending)
     VALUES (:id, :accountId, :mailboxId, :uid, :modseq, :flags, :size, :receivedAt, :date, :subject,
        :fromName, :fromAddress, :to, :cc, :messageId, :inReplyTo, :refs, :serverThreadId, :threadId,
        :unread, :flagged, :searchPending)
     ON CONFLICT (mailbox_id, uid) WHERE uid IS NOT NULL DO UPDATE SET
        modseq = excluded.modseq, flags = excluded.flags, unread = excluded.unread, flagged = excluded.flagged`,
    {
      id: randomUUID(),
      accountId,
      mailboxId,
      uid: row.uid,
      modseq: row.modseq,
      flags: JSON.stringify(row.flags),
      size: row.size,
      receivedAt: row.receivedAt,
      date: row.date,
      subject: row.subject,
      fromName: row.fromName,
      fromAddress: row.fromAddress,
      to: JSON.stringify(row.to),
      cc: JSON.stringify(row.cc),
      messageId: row.messageId,
      inReplyTo: row.inReplyTo,
      refs: JSON.stringify(row.references),
      serverThreadId: row.serverThreadId,
      threadId: threadKey(row),
      unread,
      flagged,
      searchPending: holdSearch ? 1 : 0,
    },
  );
}

/** Returns whether a row changed (an unknown UID is left for the header fetch). */
export function updateFlags(
  tx: WritableDb,
  mailboxId: string,
  uid: number,
  flags: readonly string[],
  modseq: string | null,
): boolean {
  const { unread, flagged } = flagColumns(flags);
  const json = JSON.stringify(storedFlags(flags));
  return (
    tx.run(
      `UPDATE messages SET flags = :flags, modseq = COALESCE(:modseq, modseq), unread = :unread, flagged = :flagged
        WHERE mailbox_id = :mailboxId AND uid = :uid AND flags IS NOT :flags`,
      { flags: json, modseq, unread, flagged, mailboxId, uid },
    ).changes > 0
  );
}

export function deleteUids(tx: WritableDb, mailboxId: string, uids: readonly number[]): number {
  let removed = 0;
  for (const uid of uids) {
    removed += tx.run('DELETE FROM messages WHERE mailbox_id = ? AND uid = ?', [mailboxId, uid]).changes;
  }
  return removed;
}

export function localUids(tx: WritableDb, mailboxId: string): Set<number> {
  return new Set(
    tx
      .all<{ uid: number }>('SELECT uid FROM messages WHERE mailbox_id = ? AND uid IS NOT NULL', [mailboxId])
      .map((r) => r.uid),
  );
}
