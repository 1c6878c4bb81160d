import { randomUUID } from 'node:crypto';
import type { SpecialUse } from '../../../shared/model/mailbox';
import type { WritableDb } from '../../store/driver';
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

export interface RetrievedMessage {
  accountId: string;
  mailboxId: string;
  uidl: string;
  size: number;
  rawHash: string;
  parsed: ParsedForStore;
  /** ISO time of retrieval: received_at of the message and retrieved_at of the UIDL row. */
  at: string;
}

/**
 * The message row and its UIDL row in one transaction: either both exist or neither, so a run
 * that dies at any point neither loses the message (no UIDL row: fetched again) nor duplicates
 * it (UIDL row: never fetched again). Returns false when the key was committed meanwhile.
 */
export function commitRetrieved(db: WritableDb, message: RetrievedMessage): boolean {
  return commitRetrievedBatch(db, [message]) === 1;
}

/**
 * Several retrieved messages in one transaction (each with its UIDL row, as above): a first
 * download of thousands of messages would otherwise spend more time committing than receiving.
 * Returns how many were new.
 */
export function commitRetrievedBatch(db: WritableDb, messages: readonly RetrievedMessage[]): number {
  if (messages.length === 0) return 0;
  return db.transaction((tx) => messages.reduce((added, message) => added + (insertRetrieved(tx, message) ? 1 : 0), 0));
}

function insertRetrieved(tx: WritableDb, message: RetrievedMessage): boolean {
  const { parsed } = message;
  const messageId = bracketed(parsed.messageId);
  const inReplyTo = bracketed(parsed.inReplyTo);
  const references = parsed.references.map(bracketed).filter((id): id is string => id !== null);
  const existing = tx.get('SELECT 1 FROM pop3_messages WHERE account_id = ? AND uidl = ?', [
    message.accountId,
    message.uidl,
  ]);
  if (existing) return false;
  const id = randomUUID();
  tx.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, snippet, unread,
        has_attachments, thread_id, size, received_at, message_id, in_reply_to, refs, to_json, cc_json,
        body_state, raw_hash, body_text, attachments)
     VALUES (:id, :accountId, :mailboxId, :subject, :fromName, :fromAddress, :date, :snippet, 1,
        :hasAttachments, :threadId, :size, :at, :messageId, :inReplyTo, :refs, :to, :cc,
        'stored', :rawHash, :text, :attachments)`,
    {
      id,
      accountId: message.accountId,
      mailboxId: message.mailboxId,
      subject: parsed.subject,
      fromName: parsed.from?.name ?? null,
      fromAddress: parsed.from?.address ?? null,
      // No usable Date: header: the time it arrived here, so the list still sorts sensibly.
      date: parsed.date ?? message.at,
      snippet: parsed.snippet,
      hasAttachments: parsed.hasAttachments ? 1 : 0,
      threadId: threadKey({ serverThreadId: null, messageId, inReplyTo, references }),
      size: message.size,
      at: message.at,
      messageId,
      inReplyTo,
      refs: JSON.stringify(references),
      to: JSON.stringify(parsed.to),
      cc: JSON.stringify(parsed.cc),
      rawHash: message.rawHash,
      text: parsed.text,
      attachments: JSON.stringify(parsed.attachments),
    },
  );
  tx.run(`INSERT INTO pop3_messages (account_id, uidl, message_id, size, retrieved_at) VALUES (?, ?, ?, ?, ?)`, [
    message.accountId,
    message.uidl,
    id,
    message.size,
    message.at,
  ]);
  return true;
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
