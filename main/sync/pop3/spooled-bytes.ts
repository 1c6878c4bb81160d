import { sha256Hex } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import type { RawStore } from '../ports';
import { spoolReader } from './spool';
import { moveSpooled, type PendingMessage } from './store';

/** Staged moves are committed once they hold this many bytes (memory stays bounded). */
const MOVE_BYTES = 1024 * 1024;

/** The parse's side of the spool: reads downloaded messages and moves them into the store. */
export interface SpooledBytes {
  /**
   * The bytes of a pending message in a spool file, checked against the sha256 its UIDL row was
   * committed with, and staged to move into the store; null when they are missing or damaged.
   */
  take(pending: PendingMessage & { spool: NonNullable<PendingMessage['spool']> }): Promise<Buffer | null>;
  /** Commits the staged moves: called before any row that lists those messages is written. */
  flush(): void;
  close(): Promise<void>;
}

export function spooledBytes(
  deps: { db: WritableDb; raw: RawStore; spoolDir: string },
  accountId: string,
): SpooledBytes {
  const reader = spoolReader(deps.spoolDir);
  const staged: { accountId: string; uidl: string; bytes: Buffer; hash: string }[] = [];
  let stagedBytes = 0;
  const flush = (): void => {
    if (staged.length === 0) return;
    deps.db.transaction((tx) => {
      for (const moved of staged) moveSpooled(tx, deps.raw, moved);
    });
    // Only once committed: after a failure (a full disk) the next flush, which comes before any
    // row listing these messages is written, tries again, so no row names bytes that are not there.
    staged.length = 0;
    stagedBytes = 0;
  };
  return {
    async take(pending) {
      if (pending.size === null || pending.rawHash === null) return null;
      const bytes = await reader.read(pending.spool.name, pending.spool.offset, pending.size);
      // A power cut can keep a committed row and lose the bytes written just before it.
      if (!bytes || sha256Hex(bytes) !== pending.rawHash) return null;
      staged.push({ accountId, uidl: pending.uidl, bytes, hash: pending.rawHash });
      stagedBytes += bytes.byteLength;
      if (stagedBytes >= MOVE_BYTES) flush();
      return bytes;
    },
    flush,
    close: () => reader.close(),
  };
}
