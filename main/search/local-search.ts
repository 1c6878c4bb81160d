import type { ChannelParsedInput } from '../../shared/ipc/contract';
import type { SearchHit, SearchOutput } from '../../shared/model/search';
import type { ReadableDb, SqlValue } from '../store/driver';
import { decodeCursor, encodeCursor } from './cursor';
import { needlesFor, matchRanges, segments, snippetSegments } from './highlight';
import type { CompiledQuery } from './query/compile';

export type SearchRequest = Pick<ChannelParsedInput<'search:query'>, 'accountId' | 'limit' | 'cursor' | 'sort'>;

interface HitRow {
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
  body_text: string | null;
  body_state: string;
}

const COLUMNS = `m.id, m.account_id, m.mailbox_id, m.subject, m.from_name, m.from_address, m.date, m.snippet,
  m.unread, m.flagged, m.has_attachments, m.thread_id, m.body_text, m.body_state`;
/** bm25 weights per column (subject, sender, to, cc, body, file names): a word in the subject says most. */
const RANK = 'bm25(message_search, 10.0, 5.0, 2.0, 1.0, 1.0, 3.0)';

/**
 * Runs a compiled query over the store. `serverIds` are messages an IMAP server found whose bodies
 * are not here: they join the local matches (the server evaluated the whole query on them).
 */
export function runLocalSearch(
  db: ReadableDb,
  compiled: CompiledQuery,
  request: SearchRequest,
  serverIds: ReadonlySet<string> = new Set(),
): Extract<SearchOutput, { ok: true }> | { ok: false; message: string; at: number } {
  const cursor = request.cursor === null ? null : decodeCursor(request.cursor);
  if (request.cursor !== null && cursor === null) {
    return { ok: false, message: 'This page of results is out of date; search again.', at: 0 };
  }
  const params: Record<string, SqlValue> = {
    ...compiled.params,
    match: compiled.match,
    accountId: request.accountId,
    limit: request.limit + 1,
  };
  const scope = '(:accountId IS NULL OR m.account_id = :accountId)';
  const relevance = request.sort === 'relevance' && compiled.match !== null && serverIds.size === 0;
  let rows: HitRow[];
  if (relevance) {
    const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
    rows = db.all<HitRow>(
      `SELECT ${COLUMNS} FROM message_search s JOIN messages m ON m.rowid = s.rowid
        WHERE message_search MATCH :match AND ${compiled.where} AND ${scope}
        ORDER BY ${RANK}, m.date DESC, m.id DESC LIMIT :limit OFFSET :offset`,
      { ...params, offset },
    );
    return page(rows, request.limit, compiled, serverIds, (last, count) =>
      encodeCursor({ kind: 'offset', offset: offset + count }),
    );
  }
  const after = cursor?.kind === 'date' ? cursor : null;
  const local =
    compiled.match === null
      ? compiled.where
      : `m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :match) AND ${compiled.where}`;
  const condition = serverIds.size === 0 ? local : `((${local}) OR m.id IN (SELECT value FROM json_each(:serverIds)))`;
  rows = db.all<HitRow>(
    `SELECT ${COLUMNS} FROM messages m
      WHERE ${condition} AND ${scope}
        AND (:afterDate IS NULL OR m.date < :afterDate OR (m.date = :afterDate AND m.id < :afterId))
      ORDER BY m.date DESC, m.id DESC LIMIT :limit`,
    {
      ...params,
      ...(serverIds.size === 0 ? {} : { serverIds: JSON.stringify([...serverIds]) }),
      afterDate: after?.date ?? null,
      afterId: after?.id ?? null,
    },
  );
  return page(rows, request.limit, compiled, serverIds, (last) =>
    encodeCursor({ kind: 'date', date: last.date, id: last.id }),
  );
}

function page(
  rows: HitRow[],
  limit: number,
  compiled: CompiledQuery,
  serverIds: ReadonlySet<string>,
  next: (last: HitRow, count: number) => string,
): Extract<SearchOutput, { ok: true }> {
  const kept = rows.slice(0, limit);
  const subjectNeedles = needlesFor(compiled.highlight, ['any', 'subject']);
  const bodyNeedles = needlesFor(compiled.highlight, ['any']);
  const hits = kept.map((row): SearchHit => ({
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
    subjectSegments: segments(row.subject, matchRanges(row.subject, subjectNeedles)),
    snippetSegments: snippetSegments(row.body_text, row.snippet, bodyNeedles),
    remote: serverIds.has(row.id) && row.body_state !== 'stored',
  }));
  const last = kept.at(-1);
  return { ok: true, hits, nextCursor: rows.length > limit && last ? next(last, kept.length) : null, server: null };
}
