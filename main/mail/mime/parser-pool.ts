// parseMessage in worker threads, so syncing thousands of messages never blocks the main thread.
// Each worker parses one message at a time: a timeout or crash then belongs to exactly one
// message, whose bytes were moved (not copied) to that worker. Idle workers are unref'd, so a
// pool nobody closed does not keep the process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { findHeaderEnd } from './header-block';
import { parseHeadersOnly } from './parse-message';
import type { ParseRequest, ParseWorkerData, WorkerReply } from './parse-worker';
import { resolveLimits } from './types';
import type { ParseLimits, ParsedMessage } from './types';

/**
 * Rejections of the pool itself. Bad mail never rejects: a message that times out or crashes its
 * worker resolves with the envelope and a warning ('parse timed out after N ms', 'parser crashed: …').
 */
export class ParserPoolError extends Error {
  constructor(
    readonly code: 'closed' | 'worker_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ParserPoolError';
  }
}

export interface ParserPoolOptions {
  /**
   * Worker threads; default 1 on a 2-core machine, 2 above (one core stays with the main thread).
   * Measured on 2 cores (bench:sync): a second worker gained no time, since the main thread and
   * the server share the cores, and cost ~50 MB more memory.
   */
  size?: number;
  /** Per message, counted from when a worker takes it. Default 15 s. */
  timeoutMs?: number;
  /** `ready()` waits while this many messages (or more) wait for a worker. Default 32. */
  maxQueued?: number;
  limits?: Partial<ParseLimits>;
  /** V8 heap cap per worker, so a memory bomb kills a worker rather than the app. Default 512 MB. */
  maxWorkerMemoryMb?: number;
  /** The worker script; default: the one next to this module (see defaultWorkerUrl). */
  workerUrl?: URL;
}

export interface ParseOptions {
  /**
   * Default true: when `raw` spans its whole ArrayBuffer, that buffer is moved to the worker
   * without a copy and `raw` is left detached (length 0). Pass false to keep using `raw`.
   */
  transfer?: boolean;
  /**
   * Default true. false: the result's `html` is null, for callers that only store and index (sync):
   * the HTML body, often the largest field, is then not copied back from the worker.
   */
  html?: boolean;
  /**
   * Default false. true: the text comes as `textBytes` (UTF-8, moved from the worker) and `text` is
   * '': for sync, which hands it on to its writer thread, so the text of thousands of messages never
   * becomes strings on this thread's heap on the way (about 30 MB for bench:sync's mailbox).
   */
  textAsBytes?: boolean;
}

export interface ParserPool {
  parse(raw: Uint8Array, options?: ParseOptions): Promise<ParsedMessage>;
  /** Back-pressure: resolves once the queue is below `maxQueued`. Await it before each parse in a loop. */
  ready(): Promise<void>;
  stats(): { workers: number; busy: number; queued: number };
  /** Rejects queued and running parses with ParserPoolError('closed') and ends the workers. */
  close(): Promise<void>;
}

interface Job {
  raw: Uint8Array;
  transfer: boolean;
  html: boolean;
  textAsBytes: boolean;
  /** A copy of the top-level header block, for the envelope when the worker never answers. */
  header: Uint8Array;
  resolve(result: ParsedMessage | Promise<ParsedMessage>): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  started: boolean;
  /** Sent to this worker, oldest first; the worker parses them in this order, one at a time. */
  jobs: { job: Job; id: number }[];
  /** The timeout of the oldest job. */
  timer: NodeJS.Timeout | null;
  /** Set once the pool has let go of this worker (timed out, crashed, closed). */
  retired: boolean;
  error: Error | null;
}

const MAX_HEADER_COPY = 256 * 1024;
/**
 * Jobs each worker holds at once. More than one, so a worker that finishes a message starts the
 * next at once instead of waiting for this thread to hand it over (this thread is busy with the
 * network and the store during a sync: measured, the worker sat idle half the time).
 */
const JOBS_PER_WORKER = 4;
/** Bytes of the jobs sent ahead (copies, see dispatch) per worker, at most: large mail waits its turn. */
const BYTES_AHEAD_PER_WORKER = 1024 * 1024;

/**
 * From sources (tsx, vitest) this module is a .ts file and the worker needs tsx registered in it.
 * Bundled, this module is part of out/main/index.js and the worker must be bundled beside it as
 * out/main/parse-worker.js (an entry of its own in scripts/build.mjs).
 */
export function defaultWorkerUrl(moduleUrl = import.meta.url): URL {
  return moduleUrl.endsWith('.ts')
    ? new URL('./parse-worker-dev.mjs', moduleUrl)
    : new URL('./parse-worker.js', moduleUrl);
}

export function createParserPool(options: ParserPoolOptions = {}): ParserPool {
  const size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxQueued = options.maxQueued ?? 32;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  if (!Number.isInteger(size) || size < 1) throw new TypeError('size must be a positive integer');
  resolveLimits(options.limits); // invalid limits are a programmer error: fail here, not per message
  const workerData: ParseWorkerData = { limits: options.limits };

  const slots = new Set<Slot>();
  const queue: Job[] = [];
  const waiters: { resolve(): void; reject(error: Error): void }[] = [];
  let nextId = 1;
  let closing: Promise<void> | null = null;
  let broken: ParserPoolError | null = null;

  function spawn(): void {
    const worker = new Worker(workerUrl, {
      workerData,
      // A parse allocates much and keeps little: a small young generation is collected more often
      // but holds less memory (bench:sync's peak RSS went from ~305 to ~290 MB, parse time the same).
      resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerMemoryMb ?? 512, maxYoungGenerationSizeMb: 8 },
    });
    const slot: Slot = { worker, started: false, jobs: [], timer: null, retired: false, error: null };
    slots.add(slot);
    worker.on('message', (reply: WorkerReply) => onReply(slot, reply));
    worker.on('error', (error) => (slot.error = error));
    worker.on('exit', (code) => onExit(slot, code));
  }

  function onReply(slot: Slot, reply: WorkerReply): void {
    if (slot.retired) return;
    if (reply.type === 'ready') {
      slot.started = true;
      slot.worker.unref();
      return pump();
    }
    if (reply.id !== slot.jobs[0]?.id) return;
    const job = takeOldest(slot);
    if (!job) return;
    if (reply.type === 'parsed') job.resolve(reply.result);
    else job.resolve(envelopeOnly(job, `parse failed: ${reply.message}`));
    pump();
  }

  /** The oldest job leaves the slot; the next one's timeout starts (it is being parsed now). */
  function takeOldest(slot: Slot): Job | null {
    const oldest = slot.jobs.shift();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.jobs.length > 0 && !slot.retired) armTimer(slot);
    if (slot.jobs.length === 0 && !slot.retired) slot.worker.unref();
    return oldest?.job ?? null;
  }

  function armTimer(slot: Slot): void {
    slot.timer = setTimeout(() => onTimeout(slot), timeoutMs);
  }

  /** A worker that is gone: the jobs it held but never started go back to the front of the queue. */
  function requeueRest(slot: Slot): void {
    queue.unshift(...slot.jobs.splice(0).map((entry) => entry.job));
  }

  function retire(slot: Slot): void {
    slot.retired = true;
    slots.delete(slot);
    void slot.worker.terminate();
  }

  function onExit(slot: Slot, code: number): void {
    const wasRetired = slot.retired;
    slots.delete(slot);
    slot.retired = true;
    if (wasRetired || closing) return;
    const reason = slot.error?.message ?? `exit code ${code}`;
    if (!slot.started) {
      // A worker that cannot even load (missing bundle, syntax error) will not load next time either.
      broken = new ParserPoolError('worker_failed', `The message parser could not start: ${reason}`, {
        cause: slot.error,
      });
      for (const job of queue.splice(0)) job.reject(broken);
      for (const waiter of waiters.splice(0)) waiter.reject(broken);
      return;
    }
    // The crash happened in the job being parsed: the oldest. The others were only waiting.
    const job = takeOldest(slot);
    requeueRest(slot);
    if (job) job.resolve(envelopeOnly(job, `parser crashed: ${reason}`));
    pump();
  }

  function onTimeout(slot: Slot): void {
    // The only way to stop a runaway parse is to end its thread; a fresh worker takes its place.
    retire(slot);
    const job = takeOldest(slot);
    requeueRest(slot);
    if (job) job.resolve(envelopeOnly(job, `parse timed out after ${timeoutMs} ms`));
    pump();
  }

  function envelopeOnly(job: Job, warning: string): Promise<ParsedMessage> {
    return parseHeadersOnly(job.header, [warning, 'body not parsed'], options.limits);
  }

  function dispatch(slot: Slot, job: Job): void {
    const id = nextId++;
    // The job the worker parses next may take the caller's buffer. One sent ahead of others gets
    // a copy and keeps its bytes here: if the worker dies first, it goes to another worker.
    const next = slot.jobs.length === 0;
    slot.jobs.push({ job, id });
    slot.worker.ref();
    if (next) armTimer(slot);
    const whole = job.raw.byteOffset === 0 && job.raw.byteLength === job.raw.buffer.byteLength;
    const owned = next && job.transfer && whole && job.raw.buffer instanceof ArrayBuffer;
    try {
      post(slot, { id, raw: owned ? job.raw : new Uint8Array(job.raw), html: job.html, textAsBytes: job.textAsBytes });
    } catch {
      // Node's Buffer pool (and similar) is marked untransferable: send a copy of just this view.
      post(slot, { id, raw: new Uint8Array(job.raw), html: job.html, textAsBytes: job.textAsBytes });
    }
    if (next) job.raw = new Uint8Array(0);
  }

  /** Whether `job` may be sent ahead to a worker already holding `slot.jobs`. */
  function fitsAhead(slot: Slot, job: Job): boolean {
    if (slot.jobs.length === 0) return true;
    if (slot.jobs.length >= JOBS_PER_WORKER) return false;
    const ahead = slot.jobs.slice(1).reduce((sum, entry) => sum + entry.job.raw.byteLength, 0);
    return ahead + job.raw.byteLength <= BYTES_AHEAD_PER_WORKER;
  }

  function post(slot: Slot, request: ParseRequest): void {
    slot.worker.postMessage(request, [request.raw.buffer as ArrayBuffer]);
  }

  function pump(): void {
    if (closing || broken) return;
    for (const slot of slots) {
      if (!queue.length) break;
      if (!slot.started || slot.retired) continue;
      while (queue[0] && fitsAhead(slot, queue[0])) dispatch(slot, queue.shift() as Job);
    }
    const idle = [...slots].filter((slot) => slot.jobs.length === 0).length;
    if (queue.length > idle && slots.size < size) spawn();
    while (waiters.length && queue.length < maxQueued) waiters.shift()?.resolve();
  }

  return {
    parse(raw, parseOptions = {}) {
      if (!(raw instanceof Uint8Array)) return Promise.reject(new TypeError('parse needs a Uint8Array'));
      if (closing) return Promise.reject(new ParserPoolError('closed', 'The message parser is closed'));
      if (broken) return Promise.reject(broken);
      const { headerEnd } = findHeaderEnd(raw);
      const header = new Uint8Array(raw.subarray(0, Math.min(headerEnd, MAX_HEADER_COPY)));
      return new Promise<ParsedMessage>((resolve, reject) => {
        queue.push({
          raw,
          transfer: parseOptions.transfer ?? true,
          html: parseOptions.html ?? true,
          textAsBytes: parseOptions.textAsBytes ?? false,
          header,
          resolve,
          reject,
        });
        pump();
      });
    },

    ready() {
      if (closing) return Promise.reject(new ParserPoolError('closed', 'The message parser is closed'));
      if (broken) return Promise.reject(broken);
      if (queue.length < maxQueued) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },

    stats() {
      const busy = [...slots].filter((slot) => slot.jobs.length > 0).length;
      return { workers: slots.size, busy, queued: queue.length };
    },

    close() {
      closing ??= (async () => {
        const closed = new ParserPoolError('closed', 'The message parser is closed');
        for (const job of queue.splice(0)) job.reject(closed);
        for (const waiter of waiters.splice(0)) waiter.reject(closed);
        const ending = [...slots].map((slot) => {
          for (const { job } of slot.jobs.splice(0)) job.reject(closed);
          if (slot.timer) clearTimeout(slot.timer);
          slot.retired = true;
          return slot.worker.terminate();
        });
        slots.clear();
        await Promise.all(ending);
      })();
      return closing;
    },
  };
}
