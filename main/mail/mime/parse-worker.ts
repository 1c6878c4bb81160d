// The worker thread behind parser-pool.ts: parses one message at a time and posts back the result.
// In the desktop app this file is its own esbuild entry (out/main/parse-worker.js); from sources
// it is loaded through parse-worker-dev.mjs, which registers tsx first.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../../platform/background-thread';
import { installFastBlob } from './fast-blob';
import { parseMessage } from './parse-message';
import type { ParseLimits, ParsedMessage } from './types';

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  /** false: the HTML body is left out of the reply (null), saving its copy between threads. */
  html: boolean;
  /** true: the text goes back as UTF-8 bytes (ParsedMessage.textBytes), moved with the answer. */
  textAsBytes: boolean;
}
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'parsed'; id: number; result: ParsedMessage }
  | { type: 'failed'; id: number; message: string };
export interface ParseWorkerData {
  limits?: Partial<ParseLimits>;
}

const utf8 = new TextEncoder();
const port = parentPort;
if (!port) throw new Error('parse-worker runs only as a worker thread (see parser-pool.ts)');
const { limits } = workerData as ParseWorkerData;
installFastBlob();
// Parsing is background work: the main thread (UI, IPC, the network) gets the CPU first.
lowerThisThreadPriority();

// The pool may send a few requests ahead (parser-pool.ts JOBS_PER_WORKER); they are parsed one
// at a time, in order, so the oldest one the pool waits for is always the one being parsed.
let previous: Promise<void> = Promise.resolve();
port.on('message', (request: ParseRequest) => {
  previous = previous.then(() => handle(port, request));
});

/**
 * The message's bytes go back with the answer (moved, not copied), to be dropped over there. Left
 * here, they outlive a young-generation collection while queued, and this thread, which allocates
 * little on its own heap, runs a full collection only every tens of MB of dead bytes: bench:sync
 * saw 30 MB of them held here. The main thread collects its young generation many times a second.
 */
function spent(raw: Uint8Array): ArrayBuffer[] {
  return raw.buffer instanceof ArrayBuffer && raw.byteLength > 0 ? [raw.buffer] : [];
}

function handle(to: MessagePort, request: ParseRequest): Promise<void> {
  return parseMessage(request.raw, limits).then(
    (parsed) => {
      const textBytes = request.textAsBytes ? utf8.encode(parsed.text) : null;
      const result: ParsedMessage = {
        ...parsed,
        html: request.html ? parsed.html : null,
        ...(textBytes ? { text: '', textBytes } : {}),
      };
      const moved = textBytes ? [...spent(request.raw), textBytes.buffer] : spent(request.raw);
      to.postMessage({ type: 'parsed', id: request.id, result } satisfies WorkerReply, moved);
    },
    (error: unknown) =>
      to.postMessage(
        {
          type: 'failed',
          id: request.id,
          message: error instanceof Error ? error.message : String(error),
        } satisfies WorkerReply,
        spent(request.raw),
      ),
  );
}
// Sent once the modules are loaded, so start-up time (seconds under tsx on a busy machine) is
// never counted against the first message's timeout.
port.postMessage({ type: 'ready' } satisfies WorkerReply);
