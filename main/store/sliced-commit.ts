import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WritableDb } from './driver';

/** How long one slice may hold the thread: well under a frame of the UI's 50 ms budget. */
const SLICE_MS = 12;

export interface SlicedCommitOptions {
  sliceMs?: number;
  /** Runs in the transaction of the last slice (also when there are no items): state that must
   * commit together with the last row, such as a folder's new UIDNEXT/MODSEQ. */
  last?: (tx: WritableDb) => void;
}

/**
 * Writes `items` in consecutive transactions of at most about `sliceMs` each, letting the event
 * loop run between them, so a sync writing thousands of rows never freezes IPC and the UI for
 * more than a few milliseconds (one 200-message transaction took ~100 ms, measured). Each item
 * is written whole within one transaction; what `write` returns true for is counted.
 */
export async function commitInSlices<T>(
  db: WritableDb,
  items: readonly T[],
  write: (tx: WritableDb, item: T) => boolean,
  options: SlicedCommitOptions = {},
): Promise<number> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let next = 0;
  let counted = 0;
  for (;;) {
    const from = next;
    const slice = db.transaction((tx) => {
      const started = performance.now();
      let at = from;
      let n = 0;
      while (at < items.length) {
        if (write(tx, items[at] as T)) n += 1;
        at += 1;
        if (performance.now() - started >= sliceMs) break;
      }
      if (at >= items.length) options.last?.(tx);
      return { at, n };
    });
    // Only a committed slice counts: a throw above rolled it back and ends here.
    next = slice.at;
    counted += slice.n;
    if (next >= items.length) return counted;
    await nextTurn();
  }
}
