import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { openSqlite, type SqlDriver } from './driver';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export const STORE_FILE = 'letterbox.sqlite';

export interface Store {
  db: SqlDriver;
  schemaVersion: number;
  close(): void;
}

/**
 * The settings every connection to the store uses (the app's, and a worker's own connection).
 * WAL lets the CLI read while the app writes; NORMAL sync is durable at each checkpoint under WAL.
 * Raw messages live in the database (migration 0005), so a first sync writes hundreds of MB: each
 * automatic checkpoint fsyncs twice, and one every 32 MB of WAL (not SQLite's default 4 MB) keeps
 * that from costing more than the writes. The WAL file is cut back to 64 MB after.
 */
export function configureConnection(db: SqlDriver): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('foreign_keys = ON');
  // The search-index triggers (migration 0007) make every messages write a statement that changes
  // two tables, which SQLite backs with a statement journal; kept in memory it costs next to
  // nothing, as a temp file it cost ~100 µs per message written (bench: bench/search.ts build).
  db.pragma('temp_store = MEMORY');
}

/** Opens (creating if needed) the mail store in a profile folder: WAL, foreign keys, migrated. */
export function openStore(profileDir: string): Store {
  const path = join(profileDir, STORE_FILE);
  let db: SqlDriver;
  try {
    db = openSqlite(path);
    configureConnection(db);
  } catch (cause) {
    throw new AppError(
      'store_unavailable',
      `Letterbox could not open its mail store at ${path}: ${(cause as Error).message}. ` +
        'Check that the disk is not full and the folder is writable.',
      { cause },
    );
  }
  try {
    const schemaVersion = migrate(db, MIGRATIONS);
    return { db, schemaVersion, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
