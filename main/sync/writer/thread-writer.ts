import { Worker } from 'node:worker_threads';
import { ownedBytes } from '../../platform/owned-bytes';
import { fromWorkerError } from '../../platform/worker-errors';
import type { SqlDriver } from '../../store/driver';
import type { WriterReply, WriterRequest, WriterThreadData } from './writer-thread';
import type { BodyWrite, HeaderBatch, SyncWriter } from './writes';

export interface ThreadWriter extends SyncWriter {
  /** Waits for what was asked so far, then ends the thread. */
  close(): Promise<void>;
}

/**
 * From sources (tsx, vitest) this module is a .ts file and the worker starts through
 * writer-thread-dev.mjs. Bundled, it is out/main/sync-writer.js beside out/main/index.js
 * (scripts/build.mjs).
 */
export function defaultWriterUrl(moduleUrl = import.meta.url): URL {
  return moduleUrl.endsWith('.ts')
    ? new URL('./writer-thread-dev.mjs', moduleUrl)
    : new URL('./sync-writer.js', moduleUrl);
}

/** The write with its bytes (the source, and the text when it came as bytes) ready to move. */
function ownedWrite(item: BodyWrite): { item: BodyWrite; moved: ArrayBuffer[] } {
  const source = ownedBytes(item.source);
  const { columns } = item;
  if (!columns || typeof columns.text === 'string') return { item: { ...item, source }, moved: [source.buffer] };
  const text = ownedBytes(columns.text);
  return { item: { ...item, source, columns: { ...columns, text } }, moved: [source.buffer, text.buffer] };
}

/**
 * Sync's bulk writes on a thread of their own with their own connection to the store. A first
 * sync writes tens of thousands of rows and hundreds of MB; on the main thread that was about
 * 9 s of CPU in 12 ms slices (bench:sync), which the UI and IPC felt as stalls. The same
 * transactions run there (writes.ts), in order; so do the WAL checkpoints they cause (each copies
 * tens of MB and fsyncs twice), which the UI never waits for there. Started at the first write; a
 * failure (a full disk) rejects that request with the error SQLite gave, and a thread that died
 * is replaced at the next request.
 */
export function createThreadWriter(
  db: SqlDriver,
  options: { workerUrl?: URL; busyTimeoutMs?: number } = {},
): ThreadWriter {
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let nextId = 0;
  const waiting = new Map<number, { resolve(count: number): void; reject(error: Error): void }>();

  const failAll = (error: Error): void => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  const start = (): Worker => {
    const data: WriterThreadData = { path: db.path, busyTimeoutMs: options.busyTimeoutMs ?? 10_000 };
    const started = new Worker(options.workerUrl ?? defaultWriterUrl(), {
      workerData: data,
      // It holds a batch or two (a few MB) at a time; a small young generation keeps its memory small.
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 4 },
    });
    let failure: Error | null = null;
    started.on('message', (reply: WriterReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.type === 'failed') entry?.reject(fromWorkerError(reply.error));
      else entry?.resolve(reply.count);
    });
    started.on('error', (error) => (failure = error));
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        if (worker === started) worker = null;
        failAll(failure ?? new Error('The thread that saves synced mail stopped'));
        resolve();
      }),
    );
    return started;
  };
  const send = (request: WriterRequest, transfer: ArrayBuffer[] = []): Promise<number> => {
    const running = (worker ??= start());
    return new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject });
      running.postMessage(request, transfer);
    });
  };

  return {
    async headers(batch: HeaderBatch) {
      await send({ id: nextId++, kind: 'headers', batch });
    },
    bodies(items: readonly BodyWrite[]) {
      if (items.length === 0) return Promise.resolve(0);
      // The bytes move to the worker; the caller must not use them afterwards.
      const owned = items.map(ownedWrite);
      const moved = new Set(owned.flatMap((entry) => entry.moved));
      return send({ id: nextId++, kind: 'bodies', items: owned.map((entry) => entry.item) }, [...moved]);
    },
    releaseSearch(accountId: string) {
      return send({ id: nextId++, kind: 'release-search', accountId });
    },
    async close() {
      const running = worker;
      if (running) {
        await send({ id: nextId++, kind: 'stop' }).catch(() => undefined);
        await exited;
      }
    },
  };
}
