import type { Pop3Client } from '../../mail/pop3/client';
import { Pop3ServerError, Pop3TooLargeError } from '../../mail/pop3/errors';
import type { ServerMessage } from './plan';
import { commitToSpool, type ArrivedMessage } from './spooled-commit';
import { issueOf } from './issues';
import type { Pop3SyncDeps, Pop3SyncOptions, Pop3SyncResult } from './sync';

/**
 * When received messages are committed: after COMMIT_AFTER_MS (so each shows up in the list
 * soon), or once COMMIT_BYTES are waiting. A transaction costs far more than one message's rows,
 * so committing as messages trickle in (one or two per socket read) would cost more than the
 * download itself; the byte bound also bounds memory.
 */
const COMMIT_AFTER_MS = 50;
const COMMIT_BYTES = 1024 * 1024;
/** Received bytes handed to the committer and not committed yet, at most (then reading waits). */
const MAX_COMMITTING_BYTES = 8 * 1024 * 1024;

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
 * Phase 1 of a POP3 check: RETRs the planned messages (pipelined when the server allows) and
 * commits each one (bytes to the spool file, then its UIDL row: spooled-commit.ts) as soon as it
 * arrives. Parsing and listing come after (parse-stored.ts). A message whose bytes arrived
 * completely is still committed when the connection drops right after; one cut mid-transfer is
 * simply not committed and comes again next time.
 */
export async function retrieve(input: RetrieveInput): Promise<void> {
  const { deps, result, fetch, progress } = input;
  const committer = commitToSpool(deps.db, deps.spoolDir);
  const byNumber = new Map(fetch.map((m) => [m.number, m]));
  const state: { failure: { error: unknown } | null; done: number } = { failure: null, done: 0 };
  progress({ phase: 'retrieve', done: 0, total: fetch.length });

  // Messages that arrive at about the same moment are committed in one transaction, each still
  // with its UIDL row.
  const ready: ArrivedMessage[] = [];
  const waiting = { bytes: 0, timer: null as NodeJS.Timeout | null };
  const committing = { tasks: new Set<Promise<void>>(), bytes: 0 };
  const commit = (): void => {
    if (waiting.timer) clearTimeout(waiting.timer);
    waiting.timer = null;
    if (ready.length === 0 || state.failure) return;
    const batch = ready.splice(0);
    const bytes = waiting.bytes;
    waiting.bytes = 0;
    committing.bytes += bytes;
    const task = committer.commit(batch).then(
      (added) => {
        result.retrieved += added;
        state.done += batch.length;
        progress({ phase: 'retrieve', done: state.done, total: fetch.length });
      },
      // Reported when the next message arrives (or the download ends): RETR stops there.
      (error: unknown) => void (state.failure ??= { error }),
    );
    committing.tasks.add(task);
    void task.finally(() => {
      committing.bytes -= bytes;
      committing.tasks.delete(task);
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
        ready.push({
          accountId: input.accountId,
          uidl: message.uidl,
          bytes: outcome.value,
          at: input.now().toISOString(),
        });
        waiting.bytes += outcome.value.byteLength;
        if (waiting.bytes >= (deps.commitBytes ?? COMMIT_BYTES)) commit();
        else waiting.timer ??= setTimeout(commit, COMMIT_AFTER_MS);
        // A store slower than the link: reading waits, so received bytes never pile up.
        while (committing.bytes > MAX_COMMITTING_BYTES && committing.tasks.size > 0) {
          await Promise.race(committing.tasks);
        }
      },
      new Map(fetch.map((m) => [m.number, m.size])),
    );
  } finally {
    // Whatever ended the download, messages already received are committed, not thrown away.
    commit();
    await Promise.all(committing.tasks);
    await committer.close();
  }
  if (state.failure) throw state.failure.error;
}
