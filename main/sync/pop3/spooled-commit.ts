import { sha256Hex } from '../../store/blobs/blob-store';
import type { WritableDb } from '../../store/driver';
import { createSpool, type SpoolWriter } from './spool';

/** A message as RETR returned it: the exact bytes, not committed yet. */
export interface ArrivedMessage {
  accountId: string;
  uidl: string;
  bytes: Uint8Array;
  /** ISO time of retrieval: retrieved_at of the UIDL row, later received_at of the message. */
  at: string;
}

/** Commits what RETR delivered, in call order; each commit resolves with how many messages were new. */
export interface RetrievedCommitter {
  commit(batch: readonly ArrivedMessage[]): Promise<number>;
  /** After the last commit settled: closes the spool file (what it holds stays for the parse). */
  close(): Promise<void>;
}

/**
 * Parameters: account id, UIDL, size, retrieved at, sha256 of the bytes, spool file, offset.
 * A UIDL committed meanwhile (another check of the same account) is left as it is.
 */
export const SPOOLED_UIDL_INSERT = `INSERT INTO pop3_messages
    (account_id, uidl, size, retrieved_at, raw_hash, pending, spool, spool_offset)
  VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (account_id, uidl) DO NOTHING`;

/**
 * Phase 1's commit (DESIGN §7): a batch's bytes are appended to this download's spool file, then
 * its UIDL rows (marked `pending`, naming file and offset) commit in one transaction. A message
 * whose row committed is never downloaded again, and its bytes are in the file; one whose row did
 * not is downloaded again (the bytes left in the file are never read). The parse moves the bytes
 * into the store (parse-stored.ts).
 *
 * All on the socket's thread: a file append and a few rows cost less than handing the bytes to a
 * thread that inserts them into SQLite did, on a machine whose other core serves the download.
 */
export function commitToSpool(db: WritableDb, dir: string): RetrievedCommitter {
  let spool: Promise<SpoolWriter> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    commit(batch) {
      if (batch.length === 0) return Promise.resolve(0);
      // The sha256 the parse checks the spooled bytes against, and their address in the store.
      const hashes = batch.map((m) => sha256Hex(m.bytes));
      const run = queue.then(async () => {
        spool ??= createSpool(dir);
        const writer = await spool;
        let offset = await writer.append(batch.map((m) => m.bytes));
        return db.transaction((tx) => {
          let added = 0;
          batch.forEach((m, i) => {
            const values = [m.accountId, m.uidl, m.bytes.byteLength, m.at, hashes[i] ?? null, writer.name, offset];
            added += tx.run(SPOOLED_UIDL_INSERT, values).changes;
            offset += m.bytes.byteLength;
          });
          return added;
        });
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      const opened = await spool?.catch(() => null);
      await opened?.close();
    },
  };
}
