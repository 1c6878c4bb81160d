import { setImmediate } from 'node:timers/promises';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { WritableDb } from '../store/driver';
import { batchesBySize } from './batches';
import { windowStart } from './search-pending';
import type { MessageParser, ParsedBody } from './ports';
import { bracketed, threadKey } from './thread-key';
import { inlineWriter, type BodyColumns, type BodyWrite, type SyncWriter } from './writer/writes';

export interface BodySyncInput {
  db: WritableDb;
  client: ImapFlow;
  mailboxId: string;
  path: string;
  parser: MessageParser;
  /** Where rows and bytes are written; default: on this thread, through `db`. */
  writer?: SyncWriter;
  /** Bodies of messages dated within this many days; null = all. */
  windowDays: number | null;
  /** Larger messages are marked 'too_large' and fetched only when opened. */
  maxBytes: number;
  /** Most messages parsed and committed together. */
  batchSize?: number;
  /** Most bytes parsed and committed together: about three times this is in memory at once. */
  batchBytes?: number;
  /** Most messages per FETCH. */
  fetchSize?: number;
  /** Most bytes (by RFC822.SIZE) per FETCH. */
  fetchBytes?: number;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
  /**
   * Just these messages, whatever their date and size: the user opened one that was outside the
   * offline window or too large to download by itself.
   */
  onlyIds?: readonly string[];
}

interface Candidate {
  id: string;
  uid: number;
  size: number | null;
  server_thread_id: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
}

/**
 * What is parsed and committed together: about three such slices are in memory at once
 * (arriving, parsing, committing), which bounds what a body pass holds whatever the folder's
 * size. Each byte in flight costs several times its size in RSS (imapflow's buffers, the copy for
 * the parser, collection lag): bench:sync peaked at 284–287 MB with 2 MB slices and 255–257 MB
 * with 1 MB, at the same speed (three runs each, taken in turn).
 */
export const DEFAULT_BODY_BATCH_BYTES = 1024 * 1024;
export const DEFAULT_BODY_BATCH_SIZE = 400;
/**
 * What one FETCH asks for. imapflow has one command in flight, so the link idles for a round
 * trip between two FETCHes: with 1 MB each, a 30 ms link at 12 MB/s would be busy about 73% of
 * the time, with 4 MB about 92%. The answer is read as it is used (see syncMailboxBodies), so a
 * larger FETCH need not mean more memory. Yet with 8 MB, 3 of about 20 bench:sync rounds peaked
 * some 20 MB above the usual 256–261 MB (cause not pinned down); 4 MB is the compromise.
 */
export const DEFAULT_BODY_FETCH_BYTES = 4 * 1024 * 1024;
export const DEFAULT_BODY_FETCH_SIZE = 2000;

/**
 * Downloads, parses and stores bodies newest first: one FETCH per 4 MB (the newest first; within
 * one, the server answers in UID order), its answer read message by message and handed on in
 * slices of about a MB, each parsed (in the worker pool) while the next arrives, and committed in
 * order. When too much is waiting to be committed, reading stops, and with it the server (TCP
 * flow control), so memory stays bounded without a round trip per slice. Each message's row and
 * its raw bytes commit in the same transaction (a slice takes a few short ones): a crash leaves
 * neither a row pointing at missing bytes nor bytes without a row. A message the parser rejects
 * keeps its raw bytes and is marked 'failed' so it is not retried every pass.
 */
export async function syncMailboxBodies(input: BodySyncInput): Promise<number> {
  const since = windowStart(input.windowDays, input.now ?? new Date());
  const candidates = input.onlyIds
    ? input.onlyIds.flatMap(
        (id) =>
          input.db.get<Candidate>(
            `SELECT id, uid, size, server_thread_id, message_id, in_reply_to, refs FROM messages
              WHERE id = ? AND mailbox_id = ? AND body_state IN ('none','too_large') AND uid IS NOT NULL`,
            [id, input.mailboxId],
          ) ?? [],
      )
    : input.db.all<Candidate>(
        `SELECT id, uid, size, server_thread_id, message_id, in_reply_to, refs FROM messages
          WHERE mailbox_id = :mailboxId AND body_state = 'none' AND uid IS NOT NULL
            AND (:since IS NULL OR date >= :since)
          ORDER BY date DESC, uid DESC`,
        { mailboxId: input.mailboxId, since },
      );
  if (candidates.length === 0) return 0;
  const tooLarge = candidates.filter((c) => (c.size ?? 0) > input.maxBytes);
  input.db.transaction((tx) => {
    // Not downloaded now: searchable by its headers at once.
    for (const c of tooLarge) {
      tx.run(`UPDATE messages SET body_state = 'too_large', search_pending = 0 WHERE id = ?`, [c.id]);
    }
  });
  const todo = candidates.filter((c) => (c.size ?? 0) <= input.maxBytes);
  await input.client.mailboxOpen(input.path, { readOnly: true });
  const fetches = batchesBySize(
    todo,
    (c) => c.size ?? 0,
    input.fetchSize ?? DEFAULT_BODY_FETCH_SIZE,
    input.fetchBytes ?? DEFAULT_BODY_FETCH_BYTES,
  );
  const sliceBytes = input.batchBytes ?? DEFAULT_BODY_BATCH_BYTES;
  const sliceSize = input.batchSize ?? DEFAULT_BODY_BATCH_SIZE;
  const byUid = new Map(todo.map((c) => [c.uid, c]));
  const writer = input.writer ?? inlineWriter(input.db);
  const progress = { stored: 0, done: 0 };
  input.onProgress?.(0, todo.length);
  const maxInFlight = 3 * sliceBytes;
  // Slices received and not yet committed, oldest first; their bytes are bounded by maxInFlight.
  const inFlight: { bytes: number; done: Promise<void> }[] = [];
  let last: Promise<void> = Promise.resolve();
  /** Parses `arrived` now and commits it after the slices before it; `settled` more count as done. */
  const handOn = async (arrived: FetchMessageObject[], settled: number): Promise<void> => {
    if (arrived.length === 0) {
      if (settled > 0) {
        last = last.then(() => {
          progress.done += settled;
          input.onProgress?.(progress.done, todo.length);
        });
        last.catch(() => undefined);
      }
      return;
    }
    const parsing = parseBatch(input, byUid, arrived);
    last = Promise.all([last, parsing]).then(async ([, parsed]) => {
      progress.stored += await writer.bodies(parsed.map(toBodyWrite));
      progress.done += settled;
      input.onProgress?.(progress.done, todo.length);
    });
    last.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    inFlight.push({ bytes: arrived.reduce((sum, m) => sum + (m.source?.length ?? 0), 0), done: last });
    let bytes = inFlight.reduce((sum, b) => sum + b.bytes, 0);
    while (bytes > maxInFlight && inFlight.length > 1) {
      const oldest = inFlight.shift();
      await oldest?.done;
      bytes -= oldest?.bytes ?? 0;
    }
  };
  try {
    for (const batch of fetches) {
      const slice: FetchMessageObject[] = [];
      let sliceSum = 0;
      let received = 0;
      let answered = false;
      try {
        // A message expunged meanwhile is simply absent from the answer.
        const answer = input.client.fetch(
          batch.map((c) => c.uid).join(','),
          { uid: true, source: true },
          { uid: true },
        );
        for await (const message of answer) {
          if (!message.source || !byUid.has(message.uid)) continue;
          slice.push(message);
          sliceSum += message.source.length;
          received += 1;
          if (sliceSum >= sliceBytes || slice.length >= sliceSize) {
            const arrived = slice.splice(0);
            sliceSum = 0;
            // Waiting here (too much not committed yet) is what holds the rest of the answer back.
            await handOn(arrived, arrived.length);
            // A received answer is read through promises alone: the event loop gets a turn.
            await setImmediate();
          }
        }
        answered = true;
      } finally {
        // Whatever ended the answer (a dropped connection), what already arrived is kept. Once
        // it is complete, messages it did not have (expunged) count as done too.
        const arrived = slice.splice(0);
        await handOn(arrived, arrived.length + (answered ? batch.length - received : 0));
      }
    }
  } finally {
    await Promise.allSettled(inFlight.map((b) => b.done));
  }
  await last;
  return progress.stored;
}

interface Arrived {
  candidate: Candidate;
  source: Buffer;
  /** null: the parser rejected the message. */
  parsed: ParsedBody | null;
}

async function parseBatch(
  input: BodySyncInput,
  byUid: ReadonlyMap<number, Candidate>,
  fetched: FetchMessageObject[],
): Promise<Arrived[]> {
  const pending = fetched.flatMap((message) => {
    const candidate = byUid.get(message.uid);
    if (!candidate || !message.source) return [];
    const source = message.source;
    // `source` stays here for the raw store; the parser copies what it needs (once). The text only
    // passes through this thread on its way to the writer: as bytes, it never lands on this heap.
    const parsed = input.parser.parse(source, { transfer: false, textAsBytes: true }).catch(() => null);
    return [{ candidate, source, parsed }];
  });
  return Promise.all(pending.map(async (p) => ({ ...p, parsed: await p.parsed })));
}

function toBodyWrite({ candidate, source, parsed }: Arrived): BodyWrite {
  return { id: candidate.id, source, columns: parsed ? bodyColumns(candidate, parsed) : null };
}

function bodyColumns(candidate: Candidate, parsed: ParsedBody): BodyColumns {
  // Headers from the envelope win; the parser fills what the envelope lacked (References).
  const refs = JSON.parse(candidate.refs) as string[];
  const references =
    refs.length > 0 ? refs : parsed.references.map(bracketed).filter((id): id is string => id !== null);
  const messageId = candidate.message_id ?? bracketed(parsed.messageId);
  const inReplyTo = candidate.in_reply_to ?? bracketed(parsed.inReplyTo);
  return {
    text: parsed.textBytes ?? parsed.text,
    snippet: parsed.snippet,
    attachments: JSON.stringify(parsed.attachments),
    hasAttachments: parsed.hasAttachments ? 1 : 0,
    messageId,
    inReplyTo,
    refs: JSON.stringify(references),
    threadId: threadKey({ serverThreadId: candidate.server_thread_id, messageId, inReplyTo, references }),
  };
}
