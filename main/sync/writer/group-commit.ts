import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WritableDb } from '../../store/driver';
import type { WriteJob } from './writes';

interface Queued {
  job: WriteJob;
  /** Index of the next item to write. */
  next: number;
  count: number;
  done(count: number): void;
  failed(error: unknown): void;
}

/**
 * Runs write jobs in the order they were queued, in transactions of about `sliceMs` each that take
 * items from as many queued jobs as fit: when the writer falls behind, a transaction carries
 * several requests (one commit, each touched index page written once) instead of one small
 * transaction per request. A job is answered once the transaction with its last item (and its
 * `last` step) committed. A transaction that fails rolls back whole: every job it touched fails
 * with that error; slices of a job committed before stay committed, as with commitInSlices.
 */
export function createGroupCommitter(db: WritableDb, sliceMs: number): { add<T>(job: WriteJob<T>): Promise<number> } {
  const queue: Queued[] = [];
  let draining = false;

  const drain = async (): Promise<void> => {
    draining = true;
    try {
      // Requests that arrive together share the first transaction.
      await nextTurn();
      while (queue.length > 0) {
        const touched: Queued[] = [];
        try {
          db.transaction((tx) => {
            const started = performance.now();
            // At least one item per transaction, however long each takes: the queue always moves.
            let written = 0;
            const timeUp = (): boolean => written > 0 && performance.now() - started >= sliceMs;
            for (const entry of queue) {
              touched.push(entry);
              const { job } = entry;
              while (entry.next < job.items.length && !timeUp()) {
                if (job.write(tx, job.items[entry.next])) entry.count += 1;
                entry.next += 1;
                written += 1;
              }
              if (entry.next < job.items.length) return;
              job.last?.(tx);
              if (timeUp()) return;
            }
          });
        } catch (error) {
          // Failed before any item (the lock never came: SQLITE_BUSY): the next job gets the error.
          if (touched.length === 0 && queue[0]) touched.push(queue[0]);
          for (const entry of touched) {
            queue.splice(queue.indexOf(entry), 1);
            entry.failed(error);
          }
          continue;
        }
        // Committed: every touched job whose items are all written is done.
        for (const entry of touched) {
          if (entry.next < entry.job.items.length) break;
          queue.shift();
          entry.done(entry.count);
        }
        // Lets requests that arrived meanwhile join the next transaction.
        await nextTurn();
      }
    } finally {
      draining = false;
    }
  };

  return {
    add<T>(job: WriteJob<T>): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        queue.push({ job: job as WriteJob, next: 0, count: 0, done: resolve, failed: reject });
        if (!draining) void drain();
      });
    },
  };
}
