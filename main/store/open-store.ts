import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { configureConnection } from './connection-settings';
import { openSqlite, type SqlDriver } from './driver';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export const STORE_FILE = 'letterbox.sqlite';

export interface Store {
  db: SqlDriver;
  schemaVersion: number;
  close(): void;
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
