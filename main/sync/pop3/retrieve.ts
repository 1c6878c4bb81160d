import type { Pop3Client } from '../../mail/pop3/client';
import { Pop3ServerError, Pop3TooLargeError } from '../../mail/pop3/errors';
import type { ServerMessage } from './plan';
import { commitRetrievedBatch, type RetrievedMessage } from './store';
import { issueOf } from './issues';
import type { Pop3SyncDeps, Pop3SyncOptions, Pop3SyncResult } from './sync';

/**
 * Messages being stored and parsed at once. Storing is mostly fsync and parsing runs in worker
 * threads, so overlapping them with each other and with the download is what makes a first
 * retrieval of a big maildrop fast; the bound keeps memory and the parser queue in check.
 */
const STORE_CONCURRENCY = 32;

export interface RetrieveInput {
  deps: Pop3SyncDeps;
  accountId: string;
  result: Pop3SyncResult;
  client: Pop3Client;
  /** In download order (newest first). */
  fetch: readonly ServerMessage[];
  maxBytes: number;
  now: () => Date;
  progress: NonNullable<Pop3SyncOptions['onProgress']>;
}

/**
 * RETRs the planned messages (pipelined when the server allows) and commits each one with its
 * UIDL row as soon as its bytes are durable and parsed. A message whose bytes arrived completely
 * is still committed when the connection drops right after; one cut mid-transfer is simply not
 * committed and comes again next time.
 */
export async function retrieve(input: RetrieveInput): Promise<void> {
  const { deps, result, fetch, progress } = input;
  const byNumber = new Map(fetch.map((m) => [m.number, m]));
  const working = new Set<Promise<void>>();
  const state: { failure: { error: unknown } | null; done: number } = { failure: null, done: 0 };
  progress({ phase: 'retrieve', done: 0, total: fetch.length });

  // Messages ready at about the same moment are committed in one transaction (each still with
  // its UIDL row): one commit per message costs more than receiving it on a fast link.
  const ready: RetrievedMessage[] = [];
  let flushing: Promise<void> | null = null;
  const commit = (message: RetrievedMessage): Promise<void> => {
    ready.push(message);
    flushing ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        flushing = null;
        const batch = ready.splice(0);
        try {
          result.retrieved += commitRetrievedBatch(deps.db, batch);
        } catch (error) {
          return reject(error instanceof Error ? error : new Error(String(error)));
        }
        state.done += batch.length;
        progress({ phase: 'retrieve', done: state.done, total: fetch.length });
        resolve();
      }),
    );
    return flushing;
  };

  const store = async (message: ServerMessage, bytes: Buffer): Promise<void> => {
    const size = bytes.length;
    // The parser may take (transfer) the buffer it is given, so it gets a copy and both run at
    // once; the row is written only after both, so it never points at bytes not yet durable.
    const [rawHash, parsed] = await Promise.all([deps.raw.put(bytes), deps.parser.parse(Buffer.from(bytes))]);
    const at = input.now().toISOString();
    await commit({
      accountId: input.accountId,
      mailboxId: result.inboxId,
      uidl: message.uidl,
      size,
      rawHash,
      parsed,
      at,
    });
  };

  try {
    await input.client.retrMany(
      fetch.map((m) => m.number),
      input.maxBytes,
      async (number, outcome) => {
        const message = byNumber.get(number);
        if (!message) return;
        if (state.failure) throw state.failure.error;
        if (!outcome.ok) {
          state.done += 1;
          if (outcome.error instanceof Pop3TooLargeError) {
            result.skipped += 1;
            result.errors.push(issueOf(outcome.error, 'too-large', message.uidl));
          } else if (outcome.error instanceof Pop3ServerError) {
            result.errors.push(issueOf(outcome.error, 'message', message.uidl));
          } else {
            throw outcome.error;
          }
          return;
        }
        const task = store(message, outcome.value).catch((error: unknown) => {
          state.failure ??= { error };
        });
        working.add(task);
        void task.finally(() => working.delete(task));
        // Back-pressure: the next RETR waits while the store is this far behind.
        while (working.size >= STORE_CONCURRENCY) await Promise.race(working);
      },
      new Map(fetch.map((m) => [m.number, m.size])),
    );
  } finally {
    // Whatever ended the download, messages already received are finished, not thrown away.
    await Promise.all(working);
  }
  if (state.failure) throw state.failure.error;
}
