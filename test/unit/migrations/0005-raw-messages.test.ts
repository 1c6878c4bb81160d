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

describe('migration 0005: raw messages in the database', () => {
  it('adds raw_messages keyed by a sha256 hex digest', () => {
    const db = migratedTo(5);
    db.run('INSERT INTO raw_messages (hash, size, bytes) VALUES (?, 3, ?)', ['a'.repeat(64), Buffer.from('abc')]);
    expect(db.get('SELECT size, bytes FROM raw_messages')).toEqual({ size: 3, bytes: Buffer.from('abc') });
    expect(() =>
      db.run('INSERT INTO raw_messages (hash, size, bytes) VALUES (?, 1, ?)', ['a'.repeat(64), Buffer.from('x')]),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.run('INSERT INTO raw_messages (hash, size, bytes) VALUES (?, 1, ?)', ['short', Buffer.from('x')]),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('keeps existing messages as parsed (needs_parse 0) and indexes only the rows waiting for the parser', () => {
    const db = migratedTo(4);
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    db.run("INSERT INTO messages (id, account_id, mailbox_id, date) VALUES ('old', 'a', 'in', '2026-01-01')");
    const step = MIGRATIONS.find((m) => m.version === 5);
    db.transaction((tx) => step?.up(tx));
    expect(db.get("SELECT needs_parse FROM messages WHERE id = 'old'")).toEqual({ needs_parse: 0 });
    expect(() => db.run("UPDATE messages SET needs_parse = 2 WHERE id = 'old'")).toThrow(/CHECK/);
    const plan = db.all<{ detail: string }>(
      "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE account_id = 'a' AND needs_parse = 1 ORDER BY date DESC",
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/messages_needing_parse/);
    db.close();
  });
});
