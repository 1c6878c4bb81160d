// The thread behind thread-writer.ts: its own connection to the store, and sync's bulk writes
// (writes.ts) run there in the order they arrived, several to a transaction when they queue up
// (group-commit.ts). In the desktop app this file is its own esbuild entry (out/main/sync-writer.js);
// from sources it is loaded through writer-thread-dev.mjs.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { toWorkerError, type WorkerError } from '../../platform/worker-errors';
import { openSqlite } from '../../store/driver';
import { configureConnection } from '../../store/connection-settings';
import { releaseSearchJob } from '../search-pending';
import { createGroupCommitter } from './group-commit';
import { bodyJob, headerJob, type BodyWrite, type HeaderBatch } from './writes';

export type WriterRequest =
  | { id: number; kind: 'headers'; batch: HeaderBatch }
  | { id: number; kind: 'bodies'; items: BodyWrite[] }
  | { id: number; kind: 'release-search'; accountId: string }
  | { id: number; kind: 'stop' };
export type WriterReply =
  { type: 'done'; id: number; count: number } | { type: 'failed'; id: number; error: WorkerError };
export interface WriterThreadData {
  path: string;
  busyTimeoutMs: number;
}

const port = parentPort;
if (!port) throw new Error('writer-thread runs only as a worker thread (see thread-writer.ts)');
const { path, busyTimeoutMs } = workerData as WriterThreadData;
const db = openSqlite(path, { busyTimeoutMs });
configureConnection(db);

// Longer transactions than on the main thread (12 ms there): nothing here waits on this thread,
// and fewer, larger commits write each touched index page once instead of several times
// (bench:sync, one pair of runs: 22.0 s with 12 ms, 19.2 s with 50 ms). A write on the main
// thread meanwhile waits at most about this long for the lock.
const SLICE_MS = 50;
const committer = createGroupCommitter(db, SLICE_MS);
const pending = new Set<Promise<unknown>>();

async function run(request: WriterRequest): Promise<number> {
  if (request.kind === 'headers') return committer.add(headerJob(request.batch));
  if (request.kind === 'bodies') return committer.add(bodyJob(request.items));
  if (request.kind === 'release-search') {
    // The rows held back are read once the writes asked for before have committed.
    await Promise.allSettled(pending);
    return committer.add(releaseSearchJob(db, request.accountId));
  }
  await Promise.allSettled(pending);
  db.close();
  return 0;
}

port.on('message', (request: WriterRequest) => {
  const handled = handle(port, request);
  pending.add(handled);
  void handled.finally(() => pending.delete(handled));
});

function handle(to: MessagePort, request: WriterRequest): Promise<void> {
  return run(request).then(
    (count) => {
      to.postMessage({ type: 'done', id: request.id, count } satisfies WriterReply);
      if (request.kind === 'stop') to.close();
    },
    (error: unknown) =>
      to.postMessage({ type: 'failed', id: request.id, error: toWorkerError(error) } satisfies WriterReply),
  );
}
