import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, STORE_FILE } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('openStore', () => {
  it('creates a new store with 16 KB pages in WAL, checkpointing every 32 MB of WAL', () => {
    const store = openStore(tempDir());
    expect(store.db.pragma<number>('page_size')).toBe(16_384);
    expect(store.db.pragma<string>('journal_mode')).toBe('wal');
    expect(store.db.pragma<number>('wal_autocheckpoint')).toBe(2048);
    store.close();
  });

  it('keeps the page size of an existing store, and the same 32 MB of WAL between checkpoints', () => {
    const dir = tempDir();
    const old = new Database(join(dir, STORE_FILE));
    old.pragma('page_size = 4096');
    old.exec('CREATE TABLE made_by_an_older_version (x)');
    old.close();
    const store = openStore(dir);
    expect(store.db.pragma<number>('page_size')).toBe(4096);
    expect(store.db.pragma<number>('wal_autocheckpoint')).toBe(8192);
    expect(store.db.all('SELECT name FROM sqlite_master WHERE name = ?', ['made_by_an_older_version'])).toHaveLength(1);
    store.close();
  });
});
