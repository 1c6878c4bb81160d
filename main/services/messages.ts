import { AppError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract';
import type { MessageSummary } from '../../shared/model/message';
import type { ReadableDb } from '../store/driver';

interface MessageRow {
  id: string;
  account_id: string;
  mailbox_id: string;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  date: string;
  snippet: string;
  unread: number;
  flagged: number;
  has_attachments: number;
  thread_id: string | null;
}

/**
 * Newest first, keyset-paged on (date, id) so a page stays correct while sync inserts rows
 * (offsets would skip or repeat messages).
 */
export function listMessages(
  db: ReadableDb,
  input: ChannelParsedInput<'messages:list'>,
  unifiedAccountIds: readonly string[],
): ChannelOutput<'messages:list'> {
  const after = input.cursor === null ? null : decodeCursor(input.cursor);
  const { source } = input;
  const where =
    source.kind === 'mailbox'
      ? 'msg.mailbox_id = :mailboxId'
      : `mbx.special_use = :specialUse AND mbx.account_id IN (SELECT value FROM json_each(:accounts))`;
  const rows = db.all<MessageRow>(
    `SELECT msg.* FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id
      WHERE ${where}
        AND (:afterDate IS NULL OR msg.date < :afterDate OR (msg.date = :afterDate AND msg.id < :afterId))
      ORDER BY msg.date DESC, msg.id DESC
      LIMIT :limit`,
    {
      mailboxId: source.kind === 'mailbox' ? source.mailboxId : null,
      specialUse: source.kind === 'unified' ? source.specialUse : null,
      accounts: JSON.stringify(unifiedAccountIds),
      afterDate: after?.date ?? null,
      afterId: after?.id ?? null,
      limit: input.limit + 1,
    },
  );
  const page = rows.slice(0, input.limit).map(toSummary);
  const last = page.at(-1);
  return { messages: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

function toSummary(row: MessageRow): MessageSummary {
  return {
    id: row.id,
    accountId: row.account_id,
    mailboxId: row.mailbox_id,
    subject: row.subject,
    from: row.from_address === null ? null : { name: row.from_name ?? '', address: row.from_address },
    date: row.date,
    snippet: row.snippet,
    unread: row.unread === 1,
    flagged: row.flagged === 1,
    hasAttachments: row.has_attachments === 1,
    threadId: row.thread_id,
  };
}

function encodeCursor(message: MessageSummary): string {
  return Buffer.from(JSON.stringify([message.date, message.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { date: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { date: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'The message list cursor is not valid; reload the list.');
}
