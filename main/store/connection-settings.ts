import type { SqlDriver } from './driver';

/**
 * The settings every connection to the store uses (the app's, and a worker's own connection).
 * WAL lets the CLI read while the app writes; NORMAL sync is durable at each checkpoint under WAL.
 * Raw messages live in the database (migration 0005), so a first sync writes hundreds of MB: each
 * automatic checkpoint fsyncs twice, and one every 32 MB of WAL (not SQLite's default 4 MB) keeps
 * that from costing more than the writes. The WAL file is cut back to 64 MB after.
 *
 * A new store gets 16 KB pages instead of 4 KB: a raw message is a few KB to MBs, and with small
 * pages each spills into a chain of overflow pages, each a WAL frame and a write call of its own;
 * 16 KB pages take half the CPU for the same bulk insert (measured). SQLite applies page_size
 * only to a database that has no tables yet, so an existing store keeps its size.
 */
const PAGE_SIZE = 16_384;
const CHECKPOINT_WAL_BYTES = 32 * 1024 * 1024;

export function configureConnection(db: SqlDriver): void {
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const pageSize = db.pragma<number>('page_size');
  db.pragma(`wal_autocheckpoint = ${Math.round(CHECKPOINT_WAL_BYTES / pageSize)}`);
  db.pragma('journal_size_limit = 67108864');
  db.pragma('foreign_keys = ON');
  // The search-index triggers (migration 0007) make every messages write a statement that changes
  // two tables, which SQLite backs with a statement journal; kept in memory it costs next to
  // nothing, as a temp file it cost ~100 µs per message written (bench: bench/search.ts build).
  db.pragma('temp_store = MEMORY');
}
