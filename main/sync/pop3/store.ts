import { randomUUID } from 'node:crypto';
import type { SpecialUse } from '../../../shared/model/mailbox';
import type { WritableDb } from '../../store/driver';
import type { RawStore } from '../ports';
import { bracketed, threadKey } from '../thread-key';
import type { KnownMessage } from './plan';

/** POP3 has only an inbox on the server; Sent, Drafts and Trash live here (DESIGN §7). */
const LOCAL_FOLDERS: readonly { path: string; name: string; specialUse: SpecialUse }[] = [
  { path: 'INBOX', name: 'Inbox', specialUse: 'inbox' },
  { path: 'Sent', name: 'Sent', specialUse: 'sent' },
  { path: 'Drafts', name: 'Drafts', specialUse: 'drafts' },
  { path: 'Trash', name: 'Trash', specialUse: 'trash' },
];

/** Creates the account's local folders when missing; returns the Inbox id. */
export function ensureLocalFolders(db: WritableDb, accountId: string): string {
  return db.transaction((tx) => {
    for (const folder of LOCAL_FOLDERS) {
      tx.run(
        `INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, path) DO NOTHING`,
        [randomUUID(), accountId, folder.path, folder.name, folder.specialUse],
      );
    }
    const inbox = tx.get<{ id: string }>(`SELECT id FROM mailboxes WHERE account_id = ? AND path = 'INBOX'`, [
      accountId,
    ]);
    if (!inbox) throw new Error('The local Inbox could not be created');
    return inbox.id;
  });
}

interface KnownRow {
  uidl: string;
  message_id: string | null;
  retrieved_at: string;
  deleted_from_server_at: string | null;
  pending: number;
}

export function knownMessages(db: WritableDb, accountId: string): Map<string, KnownMessage> {
  const rows = db.all<KnownRow>(
    'SELECT uidl, message_id, retrieved_at, deleted_from_server_at, pending FROM pop3_messages WHERE account_id = ?',
    [accountId],
  );
  return new Map(
    rows.map((r) => [
      r.uidl,
      {
        uidl: r.uidl,
        messageId: r.message_id,
        retrievedAt: r.retrieved_at,
        deletedFromServerAt: r.deleted_from_server_at,
        pending: r.pending === 1,
      },
    ]),
  );
}

/** The parser's output this store needs (main/mail/mime ParsedMessage satisfies it). */
export interface ParsedForStore {
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
  subject: string;
  from: { name: string; address: string } | null;
  to: readonly { name: string; address: string }[];
  cc: readonly { name: string; address: string }[];
  date: string | null;
  text: string;
  snippet: string;
  attachments: readonly unknown[];
  hasAttachments: boolean;
}

/** A downloaded message whose row is not written yet (pop3_messages.pending). */
export interface PendingMessage {
  uidl: string;
  rawHash: string | null;
  size: number | null;
  retrievedAt: string;
  /** Where the bytes wait (spool.ts), or null once they are in the store (and for older versions' rows). */
  spool: { name: string; offset: number } | null;
}

/** Oldest download first, which is newest mail first (downloads go newest first). */
export function pendingMessages(db: WritableDb, accountId: string): PendingMessage[] {
  return db
    .all<{
      uidl: string;
      raw_hash: string | null;
      size: number | null;
      retrieved_at: string;
      spool: string | null;
      spool_offset: number | null;
    }>(
      `SELECT uidl, raw_hash, size, retrieved_at, spool, spool_offset FROM pop3_messages
        WHERE account_id = ? AND pending = 1 ORDER BY rowid`,
      [accountId],
    )
    .map((r) => ({
      uidl: r.uidl,
      rawHash: r.raw_hash,
      size: r.size,
      retrievedAt: r.retrieved_at,
      spool: r.spool === null || r.spool_offset === null ? null : { name: r.spool, offset: r.spool_offset },
    }));
}

/**
 * Moves a pending message's bytes from its spool file into the store, in `tx`: from then on the
 * row names no file, and the spool can go once no row does (sweepSpools).
 */
export function moveSpooled(
  tx: WritableDb,
  raw: RawStore,
  moved: { accountId: string; uidl: string; bytes: Uint8Array; hash: string },
): void {
  raw.add(tx, moved.bytes, moved.hash);
  tx.run('UPDATE pop3_messages SET spool = NULL, spool_offset = NULL WHERE account_id = ? AND uidl = ?', [
    moved.accountId,
    moved.uidl,
  ]);
}

/**
 * Lists a pending message: its message row, with the parse, linked from its UIDL row, in `tx`.
 * `needsParse` marks a row made from the header block alone (the parser was not available); the
 * next run's full parse completes it (applyFullParse).
 */
export function insertParsed(
  tx: WritableDb,
  target: { accountId: string; mailboxId: string },
  pending: PendingMessage,
  parsed: ParsedForStore,
  needsParse: boolean,
): void {
  const id = randomUUID();
  tx.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, unread, thread_id,
        size, received_at, message_id, in_reply_to, refs, to_json, cc_json, body_state, raw_hash, snippet, body_text,
        attachments, has_attachments, needs_parse)
     VALUES (:id, :accountId, :mailboxId, :subject, :fromName, :fromAddress, :date, 1, :threadId,
        :size, :at, :messageId, :inReplyTo, :refs, :to, :cc, 'stored', :rawHash, :snippet, :text,
        :attachments, :hasAttachments, :needsParse)`,
    {
      ...envelopeColumns(parsed, pending.retrievedAt),
      ...bodyColumns(parsed),
      id,
      accountId: target.accountId,
      mailboxId: target.mailboxId,
      size: pending.size,
      at: pending.retrievedAt,
      rawHash: pending.rawHash,
      needsParse: needsParse ? 1 : 0,
    },
  );
  tx.run(
    'UPDATE pop3_messages SET message_id = ?, pending = 0, spool = NULL, spool_offset = NULL WHERE account_id = ? AND uidl = ?',
    [id, target.accountId, pending.uidl],
  );
}

/**
 * A pending message whose bytes are gone from the store: its UIDL row goes too, so the next run
 * downloads it again (and no deletion policy mistakes it for one deleted here).
 */
export function forgetPending(tx: WritableDb, accountId: string, uidl: string): void {
  tx.run('DELETE FROM pop3_messages WHERE account_id = ? AND uidl = ? AND pending = 1', [accountId, uidl]);
}

function envelopeColumns(
  parsed: Omit<ParsedForStore, 'text' | 'snippet' | 'attachments' | 'hasAttachments'>,
  receivedAt: string,
) {
  const messageId = bracketed(parsed.messageId);
  const inReplyTo = bracketed(parsed.inReplyTo);
  const references = parsed.references.map(bracketed).filter((ref): ref is string => ref !== null);
  return {
    subject: parsed.subject,
    fromName: parsed.from?.name ?? null,
    fromAddress: parsed.from?.address ?? null,
    // No usable Date: header: the time it arrived here, so the list still sorts sensibly.
    date: parsed.date ?? receivedAt,
    threadId: threadKey({ serverThreadId: null, messageId, inReplyTo, references }),
    messageId,
    inReplyTo,
    refs: JSON.stringify(references),
    to: JSON.stringify(parsed.to),
    cc: JSON.stringify(parsed.cc),
  };
}

function bodyColumns(parsed: ParsedForStore) {
  return {
    snippet: parsed.snippet,
    text: parsed.text,
    attachments: JSON.stringify(parsed.attachments),
    hasAttachments: parsed.hasAttachments ? 1 : 0,
  };
}

/** A full parse of a row listed from its header block: authoritative for the envelope too; clears `needs_parse`. */
export function applyFullParse(tx: WritableDb, id: string, receivedAt: string, parsed: ParsedForStore): void {
  tx.run(
    `UPDATE messages SET subject = :subject, from_name = :fromName, from_address = :fromAddress, date = :date,
        thread_id = :threadId, message_id = :messageId, in_reply_to = :inReplyTo, refs = :refs, to_json = :to,
        cc_json = :cc, snippet = :snippet, body_text = :text, attachments = :attachments,
        has_attachments = :hasAttachments, needs_parse = 0
      WHERE id = :id`,
    { ...envelopeColumns(parsed, receivedAt), ...bodyColumns(parsed), id },
  );
}

/** After a QUIT answered `+OK`: the server has deleted these. */
export function markDeletedFromServer(db: WritableDb, accountId: string, uidls: readonly string[], at: string): void {
  db.transaction((tx) => {
    for (const uidl of uidls) {
      tx.run('UPDATE pop3_messages SET deleted_from_server_at = ? WHERE account_id = ? AND uidl = ?', [
        at,
        accountId,
        uidl,
      ]);
    }
  });
}
