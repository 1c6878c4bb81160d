import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** How much nicer than the main thread background work runs (Unix nice steps, 0 to 19). */
export const BACKGROUND_NICENESS = 10;

/**
 * Source text of the same step, for workers that run as `eval` strings (checkpoint worker).
 * Linux only: /proc/thread-self names this thread, and setpriority on a thread id changes that
 * thread alone. Elsewhere the only handle is the whole process, which must keep its priority.
 */
export const LOWER_THIS_THREAD_SOURCE = `
try {
  if (process.platform === 'linux') {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0 && tid !== process.pid) require('node:os').setPriority(tid, ${BACKGROUND_NICENESS});
  }
} catch {}
`;

/**
 * Called at the start of a worker thread that does bulk background work (parsing, checkpoints):
 * on a busy machine the main thread, which answers the UI and IPC, then gets the CPU first, and
 * the background work takes what is left. Returns whether the priority was lowered.
 */
export function lowerThisThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // Never the main thread: there the thread id is the process id, and the app must keep its place.
    if (!(tid > 0) || tid === process.pid) return false;
    setPriority(tid, BACKGROUND_NICENESS);
    return true;
  } catch {
    return false;
  }
}
