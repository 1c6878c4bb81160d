import { sha256Hex } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import { addRawMessage } from '../../store/raw-messages';
import { commitInSlices } from '../../store/sliced-commit';
import { saveFolderState, type SavedFolderState } from '../folder-state';
import { upsertHeader, type HeaderRow } from '../message-rows';
import { holdsSearch, releaseSearchJob, type SearchDeferral } from '../search-pending';

/** One FETCH's header rows for a folder; `state` (its new UIDNEXT/MODSEQ) commits with the last row. */
export interface HeaderBatch {
  accountId: string;
  mailboxId: string;
  rows: readonly HeaderRow[];
  state: SavedFolderState | null;
  /** New rows this pass gives their body are indexed for search with it (search-pending.ts). */
  searchDeferral?: SearchDeferral | null;
}

/** A downloaded message's body columns, as bodies.ts worked them out from the parser's result. */
export interface BodyColumns {
  /** UTF-8 bytes are decoded where the row is written (see ParseOptions.textAsBytes). */
  text: string | Uint8Array;
  snippet: string;
  attachments: string;
  hasAttachments: number;
  messageId: string | null;
  inReplyTo: string | null;
  refs: string;
  threadId: string | null;
}

export interface BodyWrite {
  /** messages.id */
  id: string;
  /** The exact RFC 822 bytes. */
  source: Uint8Array;
  /** null: the parser rejected the message; it keeps its bytes and is marked 'failed'. */
  columns: BodyColumns | null;
}

/**
 * Where sync's bulk writes go: on this thread (inlineWriter) or on a thread of its own
 * (thread-writer.ts). Requests commit in the order they were made.
 */
export interface SyncWriter {
  headers(batch: HeaderBatch): Promise<void>;
  /** Resolves with how many rows took their body (a row deleted meanwhile takes none). */
  bodies(items: readonly BodyWrite[]): Promise<number>;
  /** Indexes the account's rows still held back from search; resolves with how many. */
  releaseSearch(accountId: string): Promise<number>;
}

/**
 * One request's writes, item by item: `write` returns whether the item counted; `last` runs in the
 * transaction of the last item (also when there are none).
 */
export interface WriteJob<T = unknown> {
  items: readonly T[];
  write(tx: WritableDb, item: T): boolean;
  last?(tx: WritableDb): void;
}

/** Header rows, upserted by UID; the folder's new state rides with the last one. */
export function headerJob(batch: HeaderBatch): WriteJob<HeaderRow> {
  const { accountId, mailboxId, state, searchDeferral } = batch;
  return {
    items: batch.rows,
    write: (tx, row) => {
      upsertHeader(tx, accountId, mailboxId, row, holdsSearch(row, searchDeferral));
      return true;
    },
    ...(state ? { last: (tx: WritableDb) => saveFolderState(tx, mailboxId, state) } : {}),
  };
}

/**
 * Each row with its raw bytes in one transaction: a crash leaves neither a row pointing at missing
 * bytes nor bytes without a row. Bytes are added only when the row is still there. A row held back
 * from search is indexed here, headers and body at once (a failed parse: its headers).
 */
export function bodyJob(items: readonly BodyWrite[]): WriteJob<BodyWrite> {
  return {
    items,
    write: (tx, item) => {
      const hash = sha256Hex(item.source);
      const changed = item.columns
        ? tx.run(
            `UPDATE messages SET body_state = 'stored', raw_hash = :hash, body_text = :text, snippet = :snippet,
                attachments = :attachments, has_attachments = :hasAttachments, message_id = :messageId,
                in_reply_to = :inReplyTo, refs = :refs, thread_id = :threadId, search_pending = 0
              WHERE id = :id`,
            { id: item.id, hash, ...item.columns, text: textOf(item.columns) },
          ).changes
        : tx.run(`UPDATE messages SET body_state = 'failed', raw_hash = ?, search_pending = 0 WHERE id = ?`, [
            hash,
            item.id,
          ]).changes;
      if (changed === 0) return false;
      addRawMessage(tx, item.source, hash);
      return true;
    },
  };
}

const utf8 = new TextDecoder();

function textOf(columns: BodyColumns): string {
  return typeof columns.text === 'string' ? columns.text : utf8.decode(columns.text);
}

/** Writes on the caller's thread and connection: for small incremental passes and tests. */
export function inlineWriter(db: WritableDb): SyncWriter {
  // One request after another, as on the writer thread: a folder's state must commit after its rows.
  let previous: Promise<unknown> = Promise.resolve();
  // The job is made when its turn comes: a release reads the rows the writes before it left.
  const run = <T>(makeJob: () => WriteJob<T>): Promise<number> => {
    const ran = previous.then(() => {
      const job = makeJob();
      return commitInSlices(db, job.items, job.write, job.last ? { last: job.last } : {});
    });
    previous = ran.catch(() => undefined);
    return ran;
  };
  return {
    headers: async (batch) => {
      await run(() => headerJob(batch));
    },
    bodies: (items) => run(() => bodyJob(items)),
    releaseSearch: (accountId) => run(() => releaseSearchJob(db, accountId)),
  };
}
