import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migrated() {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const step of MIGRATIONS.filter((m) => m.version <= 3)) db.transaction((tx) => step.up(tx));
  db.run(
    "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in', 'p1', 'INBOX', 'Inbox', 'inbox')",
  );
  db.run("INSERT INTO messages (id, account_id, mailbox_id, date) VALUES ('m1', 'p1', 'in', '2026-01-01')");
  return db;
}

describe('migration 0003: POP3 state', () => {
  it('remembers each UIDL once per account', () => {
    const db = migrated();
    const insert = (account: string, uidl: string) =>
      db.run(
        "INSERT INTO pop3_messages (account_id, uidl, message_id, retrieved_at) VALUES (?, ?, 'm1', '2026-01-01')",
        [account, uidl],
      );
    insert('p1', 'AAA');
    expect(() => insert('p1', 'AAA')).toThrow(/UNIQUE|PRIMARY/);
    insert('p2', 'AAA');
    db.close();
  });

  it('keeps the UIDL when the local copy is deleted, so the message is not downloaded again', () => {
    const db = migrated();
    db.run(
      "INSERT INTO pop3_messages (account_id, uidl, message_id, retrieved_at) VALUES ('p1', 'AAA', 'm1', '2026-01-01')",
    );
    db.run("DELETE FROM messages WHERE id = 'm1'");
    expect(db.get('SELECT uidl, message_id FROM pop3_messages')).toEqual({ uidl: 'AAA', message_id: null });
    db.close();
  });
});
