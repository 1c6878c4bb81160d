import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { migrate } from '../../../main/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/store/migrations';
import { openStore, STORE_FILE } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('migrations', () => {
  it('are numbered 1, 2, 3 … with no gaps', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a new store to the latest version in WAL mode, and running again changes nothing', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma<string>('journal_mode')).toBe('wal');
    expect(store.db.pragma<number>('foreign_keys')).toBe(1);
    store.close();
    const again = openStore(dir);
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuse a store written by a newer version and leave it byte-for-byte untouched', () => {
    const dir = tempDir();
    openStore(dir).close();
    const db = openSqlite(join(dir, STORE_FILE));
    db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(join(dir, STORE_FILE));
    expect(() => openStore(dir)).toThrow(/newer Letterbox/);
    expect(readFileSync(join(dir, STORE_FILE)).equals(before)).toBe(true);
  });

  it('roll back a failing step entirely, leaving the version where it was', () => {
    const db = openSqlite(join(tempDir(), 'x.sqlite'));
    const broken = [
      {
        version: 1,
        name: 'ok',
        up: (tx: Parameters<(typeof MIGRATIONS)[0]['up']>[0]) => tx.exec('CREATE TABLE a (x)'),
      },
      {
        version: 2,
        name: 'fails half way',
        up: (tx: Parameters<(typeof MIGRATIONS)[0]['up']>[0]) => {
          tx.exec('CREATE TABLE b (x)');
          throw new Error('disk full');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('disk full');
    expect(db.pragma<number>('user_version')).toBe(1);
    expect(db.all("SELECT name FROM sqlite_master WHERE name = 'b'")).toEqual([]);
    db.close();
  });

  it('report a damaged store file as store_unavailable with what to check', () => {
    const dir = tempDir();
    copyFileSync(new URL(import.meta.url), join(dir, STORE_FILE));
    expect(() => openStore(dir)).toThrow(expect.objectContaining({ code: 'store_unavailable' }));
  });
});
