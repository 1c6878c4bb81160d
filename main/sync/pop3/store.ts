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
}

export function knownMessages(db: WritableDb, accountId: string): Map<string, KnownMessage> {
  const rows = db.all<KnownRow>(
    'SELECT uidl, message_id, retrieved_at, deleted_from_server_at FROM pop3_messages WHERE account_id = ?',
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

/** What the list shows before the body is parsed: read from the header block alone. */
export type EnvelopeForStore = Pick<
  ParsedForStore,
  'messageId' | 'inReplyTo' | 'references' | 'subject' | 'from' | 'to' | 'cc' | 'date'
>;

export interface RetrievedMessage {
  accountId: string;
  mailboxId: string;
  uidl: string;
  /** The exact bytes RETR returned, and their sha256. */
  bytes: Uint8Array;
  hash: string;
  envelope: EnvelopeForStore;
  /** ISO time of retrieval: received_at of the message and retrieved_at of the UIDL row. */
  at: string;
}

/**
 * Several retrieved messages in one transaction, each as its raw bytes, its message row (the
 * envelope, `needs_parse` set: the body is parsed afterwards, see parse-stored.ts) and its UIDL
 * row. All three exist or none does, so a run that dies at any point neither loses a message
 * (no UIDL row: fetched again) nor duplicates it (UIDL row: never fetched again), and no row
 * points at missing bytes. One commit per message would cost more than receiving it on a fast
 * link. Returns how many were new (a key committed meanwhile is skipped).
 */
export function commitRetrievedBatch(db: WritableDb, raw: RawStore, messages: readonly RetrievedMessage[]): number {
  if (messages.length === 0) return 0;
  return db.transaction((tx) =>
    messages.reduce((added, message) => added + (insertRetrieved(tx, raw, message) ? 1 : 0), 0),
  );
}

function insertRetrieved(tx: WritableDb, raw: RawStore, message: RetrievedMessage): boolean {
  const existing = tx.get('SELECT 1 FROM pop3_messages WHERE account_id = ? AND uidl = ?', [
    message.accountId,
    message.uidl,
  ]);
  if (existing) return false;
  const id = randomUUID();
  const size = message.bytes.byteLength;
  tx.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, unread, thread_id,
        size, received_at, message_id, in_reply_to, refs, to_json, cc_json, body_state, raw_hash, needs_parse)
     VALUES (:id, :accountId, :mailboxId, :subject, :fromName, :fromAddress, :date, 1, :threadId,
        :size, :at, :messageId, :inReplyTo, :refs, :to, :cc, 'stored', :rawHash, 1)`,
    {
      ...envelopeColumns(message.envelope, message.at),
      id,
      accountId: message.accountId,
      mailboxId: message.mailboxId,
      size,
      at: message.at,
      rawHash: message.hash,
    },
  );
  raw.add(tx, message.bytes, message.hash);
  tx.run(`INSERT INTO pop3_messages (account_id, uidl, message_id, size, retrieved_at) VALUES (?, ?, ?, ?, ?)`, [
    message.accountId,
    message.uidl,
    id,
    size,
    message.at,
  ]);
  return true;
}

function envelopeColumns(parsed: EnvelopeForStore, receivedAt: string) {
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

/** A full parse of a stored message: authoritative for the envelope too; clears `needs_parse`. */
export function applyFullParse(tx: WritableDb, id: string, receivedAt: string, parsed: ParsedForStore): void {
  tx.run(
    `UPDATE messages SET subject = :subject, from_name = :fromName, from_address = :fromAddress, date = :date,
        thread_id = :threadId, message_id = :messageId, in_reply_to = :inReplyTo, refs = :refs, to_json = :to,
        cc_json = :cc, snippet = :snippet, body_text = :text, attachments = :attachments,
        has_attachments = :hasAttachments, needs_parse = 0
      WHERE id = :id`,
    {
      ...envelopeColumns(parsed, receivedAt),
      id,
      snippet: parsed.snippet,
      text: parsed.text,
      attachments: JSON.stringify(parsed.attachments),
      hasAttachments: parsed.hasAttachments ? 1 : 0,
    },
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
