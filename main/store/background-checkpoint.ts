import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqlDriver } from './driver';
import { LOWER_THIS_THREAD_SOURCE } from '../platform/background-thread';

// The worker is a few lines of CommonJS run with `eval`, so it needs no build entry of its own:
// its own connection to the same file, a PASSIVE checkpoint every interval until told to stop.
// PASSIVE never waits for or blocks the writer; it copies what it can and fsyncs.
const WORKER_SOURCE = `${LOWER_THIS_THREAD_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -512');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface BackgroundCheckpoint {
  stop(): Promise<void>;
}

/** One checkpoint worker per connection, shared by overlapping passes (each account's sync). */
const shared = new WeakMap<SqlDriver, { users: number; stop(): Promise<void> }>();

/**
 * For a bulk write (a first sync writes hundreds of MB of raw messages): checkpoints move to a
 * worker thread, so the connection that writes never stops for the copy and the two fsyncs of
 * an automatic checkpoint (hundreds of ms on a busy disk, felt as a frozen UI). `stop()` ends the
 * worker (once the last overlapping user stopped) and gives automatic checkpoints back to `db`.
 * Does nothing outside WAL mode.
 */
export function checkpointInBackground(db: SqlDriver, options: { intervalMs?: number } = {}): BackgroundCheckpoint {
  if (db.pragma<string>('journal_mode') !== 'wal') return { stop: () => Promise.resolve() };
  let entry = shared.get(db);
  if (!entry) {
    entry = { users: 0, stop: startWorker(db, options.intervalMs ?? 200) };
    shared.set(db, entry);
  }
  const current = entry;
  current.users += 1;
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      current.users -= 1;
      if (current.users > 0) return;
      shared.delete(db);
      await current.stop();
    },
  };
}

function startWorker(db: SqlDriver, intervalMs: number): () => Promise<void> {
  const automatic = db.pragma<number>('wal_autocheckpoint');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // It holds no JavaScript data to speak of: a small heap keeps the app's memory within budget.
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path: db.path, intervalMs },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  worker.unref();
  const restore = (): void => {
    try {
      db.pragma(`wal_autocheckpoint = ${automatic}`);
    } catch {
      // The connection was closed meanwhile: nothing to give back.
    }
  };
  // Until the worker runs, and if it cannot (a failed start), the writer checkpoints as before.
  worker.once('online', () => db.pragma('wal_autocheckpoint = 0'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', restore);
  return async () => {
    // Kept alive until it has closed its connection (unref'd, the process could end first).
    worker.ref();
    worker.postMessage('stop');
    await exited;
    restore();
  };
}
