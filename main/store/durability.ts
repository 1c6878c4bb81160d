import type { WritableDb } from './driver';

/**
 * Makes every commit so far survive a power cut, not just a crash of this process. Under WAL with
 * synchronous=NORMAL (open-store.ts) a commit reaches the WAL file but is fsynced only at the next
 * checkpoint; a FULL checkpoint fsyncs the WAL, copies it into the database file and fsyncs that.
 * Needed before anything irreversible happens elsewhere on the strength of those commits (POP3
 * DELE). Returns false when another connection kept the checkpoint from completing (a reader on
 * an old snapshot past the busy timeout): the caller must then not rely on durability.
 */
export function makeDurable(db: WritableDb): boolean {
  const result = db.get<{ busy: number; log: number; checkpointed: number }>('PRAGMA wal_checkpoint(FULL)');
  if (!result) return false;
  // log = -1: not in WAL mode, where each commit (synchronous >= NORMAL) is already synced.
  return result.busy === 0 && (result.log === -1 || result.checkpointed === result.log);
}
