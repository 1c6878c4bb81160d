import { AppError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract';
import type { MessageListItem } from '../../shared/model/message-list';
import type { ReadableDb } from '../store/driver';
import { THREAD_KEY } from '../store/migrations/0009-message-list';
import { summaryColumns, toSummary, type SummaryRow } from '../store/summary-row';
import { listSql, type ListPosition } from './message-list-sql';

interface MessageRow extends SummaryRow {
  thread_key: string;
}

interface PageRow {
  id: string;
  mailbox_id?: string;
  date: string;
  sort_key: string | null;
  thread_key?: string;
  message_count?: number;
  unread_count?: number;
  flagged_count?: number;
  attachment_count?: number;
}

type Output = ChannelOutput<'messages:list'>;

const ROW_COLUMNS = `${summaryColumns()}, ${THREAD_KEY} AS thread_key`;

/**
 * A page of a message list, keyset-paged (a cursor: stays correct while sync inserts rows) or,
 * for a virtualized list that jumps to where the user scrolled, by offset. Either way the page is
 * found by walking an index and only its rows are read in full.
 */
export function listMessages(
  db: ReadableDb,
  input: ChannelParsedInput<'messages:list'>,
  unifiedAccountIds: readonly string[],
): Output {
  const sql = listSql(input);
  const after = input.cursor === null ? null : decodeCursor(input.cursor);
  const params = {
    mailboxId: input.source.kind === 'mailbox' ? input.source.mailboxId : null,
    specialUse: input.source.kind === 'unified' ? input.source.specialUse : null,
    accounts: JSON.stringify(unifiedAccountIds),
  };
  const pageRows = db.all<PageRow>(sql.page(after === null ? 'offset' : 'cursor'), {
    ...params,
    limit: input.limit + 1,
    offset: input.offset ?? 0,
    afterKey: after?.key ?? null,
    afterDate: after?.date ?? null,
    afterId: after?.id ?? null,
  });
  const shown = pageRows.slice(0, input.limit);
  if (input.conversations) addThreadCounts(db, shown);
  const full = new Map(
    loadRows(
      db,
      shown.map((row) => row.id),
    ).map((row) => [row.id, row]),
  );
  const messages: MessageListItem[] = [];
  for (const row of shown) {
    const message = full.get(row.id);
    if (message) messages.push(toItem(message, row));
  }
  const last = shown.at(-1);
  // Counting is the costly part of a page at 100,000 rows: only the first page says the size.
  const first = after === null && (input.offset ?? 0) === 0;
  const total = first ? (db.get<{ n: number }>(sql.count, params)?.n ?? 0) : null;
  return {
    messages,
    nextCursor: pageRows.length > input.limit && last ? encodeCursor(last) : null,
    total,
  };
}

function addThreadCounts(db: ReadableDb, rows: PageRow[]): void {
  if (rows.length === 0) return;
  // By primary key (folder, thread key): the page's rows carry both from the sort index.
  const counts = db.all<Required<PageRow>>(
    `SELECT latest_id AS id, thread_key, message_count, unread_count, flagged_count, attachment_count FROM threads
      WHERE (mailbox_id, thread_key) IN
            (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
    [JSON.stringify(rows.map((r) => [r.mailbox_id, r.thread_key]))],
  );
  const byId = new Map(counts.map((c) => [c.id, c]));
  for (const row of rows) Object.assign(row, byId.get(row.id) ?? {});
}

/** Every message of one conversation in one folder, newest first. */
export function listThread(
  db: ReadableDb,
  input: ChannelParsedInput<'messages:thread'>,
): ChannelOutput<'messages:thread'> {
  const rows = db.all<MessageRow>(
    `SELECT ${ROW_COLUMNS} FROM messages WHERE mailbox_id = ? AND ${THREAD_KEY} = ? ORDER BY date DESC, id DESC`,
    [input.mailboxId, input.threadKey],
  );
  return { messages: rows.map((row) => toItem(row, null)) };
}

function loadRows(db: ReadableDb, ids: readonly string[]): MessageRow[] {
  if (ids.length === 0) return [];
  return db.all<MessageRow>(`SELECT ${ROW_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?))`, [
    JSON.stringify(ids),
  ]);
}

function toItem(row: MessageRow, page: PageRow | null): MessageListItem {
  // A conversation row reads as unread, flagged or with attachments when any of its messages is.
  const thread = page?.message_count === undefined ? null : page;
  const summary = toSummary(row);
  return {
    ...summary,
    unread: thread ? (thread.unread_count ?? 0) > 0 : summary.unread,
    flagged: thread ? (thread.flagged_count ?? 0) > 0 : summary.flagged,
    hasAttachments: thread ? (thread.attachment_count ?? 0) > 0 : summary.hasAttachments,
    threadKey: thread?.thread_key ?? row.thread_key,
    threadCount: thread?.message_count ?? 1,
  };
}

function encodeCursor(row: PageRow): string {
  return Buffer.from(JSON.stringify([row.date, row.id, row.sort_key]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): ListPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const key: unknown = value[2];
      return { date: value[0], id: value[1], key: typeof key === 'string' ? key : null };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'The message list cursor is not valid; reload the list.');
}
