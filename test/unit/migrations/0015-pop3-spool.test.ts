import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0015: POP3 downloads spooled until parsed', () => {
  it('leaves rows of earlier versions naming no spool file (their bytes are in the store)', () => {
    const db = openSqlite(join(tempDir(), 'm.sqlite'));
    for (const step of MIGRATIONS.filter((m) => m.version <= 14)) db.transaction((tx) => step.up(tx));
    db.run(
      `INSERT INTO pop3_messages (account_id, uidl, retrieved_at, raw_hash, pending)
       VALUES ('p1', 'waiting', '2026-01-01', '${'a'.repeat(64)}', 1)`,
    );
    MIGRATIONS.find((m) => m.version === 15)?.up(db);
    expect(db.get("SELECT pending, spool, spool_offset FROM pop3_messages WHERE uidl = 'waiting'")).toEqual({
      pending: 1,
      spool: null,
      spool_offset: null,
    });
    db.run("UPDATE pop3_messages SET spool = '1-x.spool', spool_offset = 42 WHERE uidl = 'waiting'");
    expect(db.get('SELECT spool, spool_offset FROM pop3_messages')).toEqual({ spool: '1-x.spool', spool_offset: 42 });
    db.close();
  });
});
