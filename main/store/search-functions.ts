import type Database from 'better-sqlite3';
import { indexAddresses, indexFileNames, indexText } from '../search/fold';

/**
 * SQL functions the search-index triggers (migration 0007) call. Every connection that may write
 * `messages` must have them, so openSqlite registers them on every connection it opens; a
 * connection without them (the sqlite3 shell) can read the store but not change messages.
 */
export function registerSearchFunctions(db: Database.Database): void {
  const options = { deterministic: true, varargs: false } as const;
  db.function('lb_index_text', options, (value: unknown) => indexText(typeof value === 'string' ? value : null));
  db.function('lb_index_addresses', options, (value: unknown) =>
    indexAddresses(typeof value === 'string' ? value : null),
  );
  db.function('lb_index_files', options, (value: unknown) => indexFileNames(typeof value === 'string' ? value : null));
}
