import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ownedBytes } from '../../platform/owned-bytes';
import { fromWorkerError, type WorkerError } from '../../platform/worker-errors';
import type { SqlDriver } from '../../store/driver';
import { RAW_MESSAGE_INSERT } from '../../store/raw-messages';
import { PENDING_UIDL_INSERT } from './store';
import type { ArrivedMessage } from './writer';

/** Commits what RETR delivered; resolves with how many messages were new. */
export interface RetrievedCommitter {
  /**
   * Gets ready for the first commit now, while the caller waits on the network (login, LIST):
   * starting a thread costs tens of milliseconds of CPU that a download would otherwise compete with.
   */
  prepare?(): void;
  commit(batch: readonly ArrivedMessage[]): Promise<number>;
  close(): Promise<void>;
}

// A few lines of CommonJS run with `eval` (no build entry of its own, as background-checkpoint.ts):
// its own connection to the store, and per batch one transaction that does what
// commitRetrievedBatch does, with the same SQL (passed in): sha256 each message, insert its UIDL
// row, and its raw bytes when the row is new.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
const uidlRow = db.prepare(workerData.uidlSql);
const rawRow = db.prepare(workerData.rawSql);
const commit = db.transaction((batch) => {
  let added = 0;
  for (const m of batch) {
    const hash = createHash('sha256').update(m.bytes).digest('hex');
    if (uidlRow.run(m.accountId, m.uidl, m.bytes.byteLength, m.at, hash).changes === 0) continue;
    rawRow.run(hash, m.bytes.byteLength, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    added += 1;
  }
  return added;
});
parentPort.on('message', (request) => {
  if (request === 'stop') { db.close(); parentPort.close(); return; }
  try {
    parentPort.postMessage({ id: request.id, added: commit.immediate(request.batch) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: { name: error.name, code: error.code, message: error.message } });
  }
});
`;

type Reply = { id: number; added: number } | { id: number; error: WorkerError };

/**
 * Commits a POP3 download on a thread of its own, with its own connection to the store: hashing
 * and writing every message (a third of a download's CPU on this thread, measured) then overlaps
 * with reading the next ones off the socket, so a large download goes at the speed of the link.
 * Same transactions, same durability as committing here. The worker starts at prepare() (sync calls
 * it as it connects) or else at the first batch, and stops at close().
 */
export function commitInWorker(db: SqlDriver, options: { busyTimeoutMs?: number } = {}): RetrievedCommitter {
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let nextId = 0;
  const waiting = new Map<number, { resolve(added: number): void; reject(error: Error): void }>();
  const failAll = (error: Error): void => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path: db.path,
        busyTimeoutMs: options.busyTimeoutMs ?? 10_000,
        walAutocheckpoint: db.pragma<number>('wal_autocheckpoint'),
        uidlSql: PENDING_UIDL_INSERT,
        rawSql: RAW_MESSAGE_INSERT,
      },
      // Holds one batch (about 1 MB) at a time.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    started.on('message', (reply: Reply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!entry) return;
      if ('error' in reply) entry.reject(fromWorkerError(reply.error));
      else entry.resolve(reply.added);
    });
    started.on('error', (error) => failAll(error));
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        failAll(new Error('The thread that saves downloaded mail stopped'));
        resolve();
      }),
    );
    return started;
  };
  return {
    prepare() {
      worker ??= start();
    },
    commit(batch) {
      if (batch.length === 0) return Promise.resolve(0);
      worker ??= start();
      const id = nextId++;
      const running = worker;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Bytes that own their buffer move to the worker without a copy. A view into a larger
        // buffer (Node's pool for small ones) is copied first: cloning it would copy all of that.
        const owned = batch.map((m) => ({ ...m, bytes: ownedBytes(m.bytes) }));
        running.postMessage(
          { id, batch: owned },
          owned.map((m) => m.bytes.buffer),
        );
      });
    },
    async close() {
      if (!worker) return;
      worker.postMessage('stop');
      await exited;
      worker = null;
    },
  };
}
