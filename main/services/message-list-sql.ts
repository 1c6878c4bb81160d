import type { MessageListSource, MessageSort } from '../../shared/model/message-list';
import { SENDER_KEY } from '../store/migrations/0009-message-list';

/** The columns one list mode pages over: messages, or one row per conversation (`threads`). */
interface ListTable {
  from: string;
  date: string;
  id: string;
  keys: Record<Exclude<MessageSort, 'date'>, string>;
}

const MESSAGES: ListTable = {
  from: 'messages',
  date: 'date',
  id: 'id',
  keys: { sender: SENDER_KEY, subject: 'subject COLLATE NOCASE' },
};

const THREADS: ListTable = {
  from: 'threads',
  date: 'latest_date',
  id: 'latest_id',
  keys: { sender: 'sender_key', subject: 'subject COLLATE NOCASE' },
};

export interface ListQuery {
  source: MessageListSource;
  sort: MessageSort;
  conversations: boolean;
}

/** A position in a list: the sort key (absent for date), then date and id, which break ties. */
export interface ListPosition {
  key: string | null;
  date: string;
  id: string;
}

export interface ListSql {
  /** Rows: `id` (the message shown), `date`, `sort_key`, and for conversations `thread_key`, counts. */
  page(position: 'cursor' | 'offset'): string;
  count: string;
}

function sourceWhere(source: MessageListSource): string {
  return source.kind === 'mailbox'
    ? 'mailbox_id = :mailboxId'
    : `mailbox_id IN (SELECT id FROM mailboxes WHERE special_use = :specialUse
                        AND account_id IN (SELECT value FROM json_each(:accounts)))`;
}

/**
 * SQL whose ORDER BY matches an index of migration 0008 exactly, so the first page and a page
 * 100,000 rows down both walk an index: sender and subject A→Z, newest first within each, and a
 * keyset condition that starts with a range on the leading sort column (an index seek).
 */
export function listSql(query: ListQuery): ListSql {
  const table = query.conversations ? THREADS : MESSAGES;
  const where = sourceWhere(query.source);
  const sortKey = query.sort === 'date' ? null : table.keys[query.sort];
  const order = [sortKey, `${table.date} DESC`, `${table.id} DESC`].filter(Boolean).join(', ');
  const tieBreak = `(${table.date}, ${table.id}) < (:afterDate, :afterId)`;
  const keyset =
    sortKey === null ? tieBreak : `${sortKey} >= :afterKey AND NOT (${sortKey} = :afterKey AND NOT ${tieBreak})`;
  // Only columns of the sort index, so rows skipped by OFFSET are never read from the table;
  // a conversation's counts are read for the page's rows afterwards.
  const columns = query.conversations
    ? `latest_id AS id, latest_date AS date, ${sortKey ?? 'NULL'} AS sort_key, mailbox_id, thread_key`
    : `id, date, ${sortKey ?? 'NULL'} AS sort_key`;
  // The unified views span folders: newest first walks the date index across all of them and
  // stops after a page, rather than sorting every message of every inbox.
  const from =
    query.source.kind === 'unified' && !query.conversations && sortKey === null
      ? `${table.from} INDEXED BY messages_by_date`
      : table.from;
  return {
    page: (position) =>
      `SELECT ${columns} FROM ${from}
        WHERE ${where}${position === 'cursor' ? ` AND ${keyset}` : ''}
        ORDER BY ${order}
        LIMIT :limit${position === 'offset' ? ' OFFSET :offset' : ''}`,
    count: `SELECT count(*) AS n FROM ${table.from} WHERE ${where}`,
  };
}
