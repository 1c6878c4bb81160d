import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { migration0001 } from '../../../main/store/migrations/0001-mailboxes-and-messages';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0001: mailboxes and messages', () => {
  function migrated() {
    const db = openSqlite(join(tempDir(), 'm.sqlite'));
    db.pragma('foreign_keys = ON');
    db.transaction((tx) => migration0001.up(tx));
    return db;
  }

  it('creates the tables the mail window lists from', () => {
    const db = migrated();
    const tables = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['mailboxes', 'messages']);
    db.close();
  });

  it('keeps one folder per account and path, and removes messages with their folder', () => {
    const db = migrated();
    db.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('m1', 'a1', 'INBOX', 'Inbox', 'inbox')",
    );
    expect(() =>
      db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('m2', 'a1', 'INBOX', 'Inbox')"),
    ).toThrow(/UNIQUE/);
    db.run(
      "INSERT INTO messages (id, account_id, mailbox_id, date) VALUES ('x1', 'a1', 'm1', '2026-01-01T00:00:00.000Z')",
    );
    db.run("DELETE FROM mailboxes WHERE id = 'm1'");
    expect(db.get('SELECT COUNT(*) AS n FROM messages')).toEqual({ n: 0 });
    db.close();
  });

  it('rejects an unknown special use and a message in a folder that does not exist', () => {
    const db = migrated();
    expect(() =>
      db.run("INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('m', 'a', 'X', 'X', 'spam')"),
    ).toThrow(/CHECK/);
    expect(() =>
      db.run("INSERT INTO messages (id, account_id, mailbox_id, date) VALUES ('x', 'a', 'nope', '2026-01-01')"),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
