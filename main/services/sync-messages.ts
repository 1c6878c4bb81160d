import { AppError } from '../../shared/errors';
import type { ReadableDb } from '../store/driver';

/** One synced message as the CLI lists it. */
export interface MessageListing {
  id: string;
  accountId: string;
  folder: string;
  uid: number | null;
  date: string;
  from: string | null;
  subject: string;
  flags: string[];
  size: number | null;
}

export interface MessageDetail extends MessageListing {
  to: { name: string; address: string }[];
  cc: { name: string; address: string }[];
  messageId: string | null;
  inReplyTo: string | null;
  threadId: string | null;
  bodyState: 'none' | 'stored' | 'failed' | 'too_large';
  rawHash: string | null;
  text: string | null;
  attachments: unknown[];
}

interface Row {
  id: string;
  account_id: string;
  path: string;
  uid: number | null;
  date: string;
  from_name: string | null;
  from_address: string | null;
  subject: string;
  flags: string;
  size: number | null;
  to_json: string;
  cc_json: string;
  message_id: string | null;
  in_reply_to: string | null;
  thread_id: string | null;
  body_state: MessageDetail['bodyState'];
  raw_hash: string | null;
  body_text: string | null;
  attachments: string;
}

const SELECT = `SELECT msg.*, mbx.path FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id`;

function listing(row: Row): MessageListing {
  const from =
    row.from_address === null ? null : row.from_name ? `${row.from_name} <${row.from_address}>` : row.from_address;
  return {
    id: row.id,
    accountId: row.account_id,
    folder: row.path,
    uid: row.uid,
    date: row.date,
    from,
    subject: row.subject,
    flags: JSON.parse(row.flags) as string[],
    size: row.size,
  };
}

/** Newest first; `accountIds` null = every account, `folder` is a server path. */
export function listSyncedMessages(
  db: ReadableDb,
  filter: { accountIds: readonly string[] | null; folder: string | null; limit: number },
): MessageListing[] {
  return db
    .all<Row>(
      `${SELECT}
        WHERE (:accounts IS NULL OR msg.account_id IN (SELECT value FROM json_each(:accounts)))
          AND (:folder IS NULL OR mbx.path = :folder)
        ORDER BY msg.date DESC, msg.id DESC LIMIT :limit`,
      {
        accounts: filter.accountIds === null ? null : JSON.stringify(filter.accountIds),
        folder: filter.folder,
        limit: filter.limit,
      },
    )
    .map(listing);
}

export function getSyncedMessage(db: ReadableDb, id: string): MessageDetail {
  const row = db.get<Row>(`${SELECT} WHERE msg.id = ?`, [id]);
  if (!row) throw new AppError('not_found', `No message has the id ${id}; see letterbox messages list.`);
  return {
    ...listing(row),
    to: JSON.parse(row.to_json) as MessageDetail['to'],
    cc: JSON.parse(row.cc_json) as MessageDetail['cc'],
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    threadId: row.thread_id,
    bodyState: row.body_state,
    rawHash: row.raw_hash,
    text: row.body_text,
    attachments: JSON.parse(row.attachments) as unknown[],
  };
}
