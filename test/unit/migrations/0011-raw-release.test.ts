import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite, type SqlDriver } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migratedTo(version: number): SqlDriver {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) db.transaction((tx) => step.up(tx));
  db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
  db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('arc', 'a', 'Archive', 'Archive')");
  return db;
}

const hash = (c: string) => c.repeat(64);
const addRaw = (db: SqlDriver, c: string) =>
  db.run('INSERT INTO raw_messages (hash, size, bytes) VALUES (?, 1, ?)', [hash(c), Buffer.from(c)]);
const addMessage = (db: SqlDriver, id: string, c: string | null, mailbox = 'in') =>
  db.run("INSERT INTO messages (id, account_id, mailbox_id, date, raw_hash) VALUES (?, 'a', ?, '2026-01-01', ?)", [
    id,
    mailbox,
    c === null ? null : hash(c),
  ]);
const addUidl = (db: SqlDriver, uidl: string, c: string, pending: 0 | 1) =>
  db.run(
    "INSERT INTO pop3_messages (account_id, uidl, retrieved_at, raw_hash, pending) VALUES ('a', ?, '2026-01-01', ?, ?)",
    [uidl, hash(c), pending],
  );
const stored = (db: SqlDriver) =>
  db.all<{ bytes: Buffer }>('SELECT bytes FROM raw_messages ORDER BY hash').map((r) => r.bytes.toString());

describe('migration 0011: raw bytes go with the last message that needs them', () => {
  it('frees what earlier versions left behind, and keeps what a message or a pending download names', () => {
    const db = migratedTo(10);
    for (const c of ['a', 'b', 'c', 'd']) addRaw(db, c);
    addMessage(db, 'm1', 'a');
    addUidl(db, 'u-pending', 'b', 1);
    // A UIDL row alone (its message deleted here) needs no bytes.
    addUidl(db, 'u-listed', 'c', 0);
    db.transaction((tx) => MIGRATIONS.find((m) => m.version === 11)?.up(tx));
    expect(stored(db)).toEqual(['a', 'b']);
    db.close();
  });

  it('keeps bytes two rows share until both are gone, and frees them with the last', () => {
    const db = migratedTo(11);
    addRaw(db, 'a');
    addMessage(db, 'm1', 'a');
    addMessage(db, 'copy', 'a', 'arc');
    db.run("DELETE FROM messages WHERE id = 'm1'");
    expect(stored(db)).toEqual(['a']);
    db.run("DELETE FROM messages WHERE id = 'copy'");
    expect(stored(db)).toEqual([]);
    db.close();
  });

  it('frees on a mailbox cascade and on re-pointing a row, never bytes a pending download needs', () => {
    const db = migratedTo(11);
    for (const c of ['a', 'b', 'c']) addRaw(db, c);
    addMessage(db, 'm1', 'a', 'arc');
    addMessage(db, 'm2', 'b');
    addMessage(db, 'm3', 'c');
    addUidl(db, 'u-pending', 'c', 1);
    db.run("DELETE FROM mailboxes WHERE id = 'arc'");
    expect(stored(db)).toEqual(['b', 'c']);
    db.run(`UPDATE messages SET raw_hash = ? WHERE id = 'm2'`, [hash('c')]);
    expect(stored(db)).toEqual(['c']);
    db.run("DELETE FROM messages WHERE id IN ('m2', 'm3')");
    expect(stored(db)).toEqual(['c']);
    // A row that names no bytes, or the same bytes again, frees nothing.
    addMessage(db, 'm4', null);
    db.run("DELETE FROM messages WHERE id = 'm4'");
    expect(stored(db)).toEqual(['c']);
    db.close();
  });

  it('looks up the rows that name a hash by index, not by reading every message', () => {
    const db = migratedTo(11);
    const plan = db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT 1 FROM messages WHERE raw_hash = '${hash('a')}'`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/messages_by_raw_hash/);
    db.close();
  });
});
