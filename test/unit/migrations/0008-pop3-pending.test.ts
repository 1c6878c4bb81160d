import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migratedTo(version: number) {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) db.transaction((tx) => step.up(tx));
  return db;
}

describe('migration 0008: POP3 messages downloaded and not listed yet', () => {
  it('keeps UIDL rows of earlier versions as listed (pending 0), and indexes only pending rows', () => {
    const db = migratedTo(7);
    db.run("INSERT INTO pop3_messages (account_id, uidl, retrieved_at) VALUES ('p1', 'old', '2026-01-01')");
    MIGRATIONS.find((m) => m.version === 8)?.up(db);
    expect(db.get("SELECT pending, raw_hash FROM pop3_messages WHERE uidl = 'old'")).toEqual({
      pending: 0,
      raw_hash: null,
    });
    expect(() => db.run("UPDATE pop3_messages SET pending = 2 WHERE uidl = 'old'")).toThrow(/CHECK/);
    const plan = db.all<{ detail: string }>(
      "EXPLAIN QUERY PLAN SELECT uidl FROM pop3_messages WHERE account_id = 'p1' AND pending = 1 ORDER BY rowid",
    );
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX pop3_messages_pending/);
    db.close();
  });
});
