import type { ChannelParsedInput } from '../../shared/ipc/contract';
import type { SearchHit, SearchOutput } from '../../shared/model/search';
import type { ReadableDb, SqlValue } from '../store/driver';
import { summaryColumns, toSummary, type SummaryRow } from '../store/summary-row';
import { decodeCursor, encodeCursor } from './cursor';
import { needlesFor, matchRanges, segments, snippetSegments } from './highlight';
import type { CompiledQuery } from './query/compile';

export type SearchRequest = Pick<ChannelParsedInput<'search:query'>, 'accountId' | 'limit' | 'cursor' | 'sort'>;

interface HitRow extends SummaryRow {
  body_text: string | null;
  body_state: string;
}

const COLUMNS = `${summaryColumns('m')}, m.body_text, m.body_state`;

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
    // FTS5 ranks inside its own scan (the `rank` set up in migration 0007) when the order is rank
    // alone, about twice as fast as ORDER BY bm25(); only the page's rows are then read in full.
    const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
    const order = db
      .all<{ rowid: number }>(
        `SELECT m.rowid FROM (SELECT rowid, rank FROM message_search WHERE message_search MATCH :match) s
          JOIN messages m ON m.rowid = s.rowid
          WHERE ${compiled.where} AND ${scope}
          ORDER BY s.rank LIMIT :limit OFFSET :offset`,
        { ...params, offset },
      )
      .map((r) => r.rowid);
    const byRowid = new Map(
      db
        .all<HitRow & { rowid: number }>(
          `SELECT m.rowid, ${COLUMNS} FROM messages m WHERE m.rowid IN (SELECT value FROM json_each(?))`,
          [JSON.stringify(order)],
        )
        .map((row) => [row.rowid, row]),
    );
    rows = order.flatMap((rowid) => byRowid.get(rowid) ?? []);
    return page(rows, request.limit, compiled, serverIds, (last, count) =>
      encodeCursor({ kind: 'offset', offset: offset + count }),
    );
  }
  const after = cursor?.kind === 'date' ? cursor : null;
  const ordered = newestFirst(db, compiled, serverIds, after !== null);
  rows = db.all<HitRow>(
    `SELECT ${COLUMNS} FROM messages m WHERE m.rowid IN (${ordered}) ORDER BY m.date DESC, m.id DESC`,
    {
      ...params,
      ...(serverIds.size === 0 ? {} : { serverIds: JSON.stringify([...serverIds]) }),
      ...(after ? { afterDate: after.date, afterId: after.id } : {}),
    },
  );
  return page(rows, request.limit, compiled, serverIds, (last) =>
    encodeCursor({ kind: 'date', date: last.date, id: last.id }),
  );
}

/** Past this many matches, walking the date index beats sorting the matches (bench/search.ts). */
const WALK_FROM_MATCHES = 1000;

/**
 * The rowids of one page, newest first, as a subquery. Few matches: fetch them all from the index
 * and sort (cheap). Many matches: walk messages_by_date from the newest and keep rows in the match
 * set, which stops after a page; sorting every match of a common word would read tens of
 * thousands of rows. Only the page's rows are then read in full.
 */
function newestFirst(db: ReadableDb, compiled: CompiledQuery, serverIds: ReadonlySet<string>, paged: boolean): string {
  const keyset = paged ? 'AND (m.date, m.id) < (:afterDate, :afterId)' : '';
  const scope = '(:accountId IS NULL OR m.account_id = :accountId)';
  const order = 'ORDER BY m.date DESC, m.id DESC LIMIT :limit';
  const matched = 'm.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :match)';
  if (compiled.match === null) {
    const where = serverIds.size === 0 ? compiled.where : `(${compiled.where}) OR ${SERVER_HIT}`;
    return `SELECT m.rowid FROM messages m WHERE (${where}) AND ${scope} ${keyset} ${order}`;
  }
  if (serverIds.size > 0) {
    return `SELECT m.rowid FROM messages m WHERE ((${matched} AND ${compiled.where}) OR ${SERVER_HIT})
      AND ${scope} ${keyset} ${order}`;
  }
  // The first matches in rowid order tell how many there are (up to a cap) and how dense they are.
  const sample = db.get<{ n: number; lo: number | null; hi: number | null }>(
    `SELECT count(*) AS n, min(rowid) AS lo, max(rowid) AS hi
       FROM (SELECT rowid FROM message_search WHERE message_search MATCH :match LIMIT ${WALK_FROM_MATCHES})`,
    { match: compiled.match },
  ) ?? { n: 0, lo: null, hi: null };
  if (sample.n < WALK_FROM_MATCHES) {
    return `SELECT m.rowid FROM message_search s JOIN messages m ON m.rowid = s.rowid
        WHERE message_search MATCH :match AND ${compiled.where} AND ${scope} ${keyset} ${order}`;
  }
  const density = sample.n / ((sample.hi ?? 0) - (sample.lo ?? 0) + 1);
  // Most messages match one very common word: asking the index about each message in date order
  // needs only a page's worth of lookups, where building the match set would read all of them.
  // (Each lookup costs more for phrases and several words; those walk with the match set.)
  if (density >= PROBE_FROM_DENSITY && ONE_WORD.test(compiled.match)) {
    return `SELECT m.rowid FROM messages m INDEXED BY messages_by_date
        WHERE ${compiled.where} AND ${scope} ${keyset}
          AND EXISTS (SELECT 1 FROM message_search WHERE message_search MATCH :match AND rowid = m.rowid)
        ${order}`;
  }
  return `SELECT m.rowid FROM messages m INDEXED BY messages_by_date
      WHERE ${matched} AND ${compiled.where} AND ${scope} ${keyset} ${order}`;
}

/** Share of messages matching above which each message is checked on its own (bench/search.ts). */
const PROBE_FROM_DENSITY = 0.5;
/** A MATCH of a single word, any column: `("word")`. */
const ONE_WORD = /^\("[^" ]+"\)$/;

const SERVER_HIT = 'm.id IN (SELECT value FROM json_each(:serverIds))';

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
    ...toSummary(row),
    subjectSegments: segments(row.subject, matchRanges(row.subject, subjectNeedles)),
    snippetSegments: snippetSegments(row.body_text, row.snippet, bodyNeedles),
    remote: serverIds.has(row.id) && row.body_state !== 'stored',
  }));
  const last = kept.at(-1);
  return { ok: true, hits, nextCursor: rows.length > limit && last ? next(last, kept.length) : null, server: null };
}
