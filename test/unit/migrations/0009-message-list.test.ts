import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite, type WritableDb } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migratedTo(version: number) {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) db.transaction((tx) => step.up(tx));
  return db;
}

function insert(db: WritableDb, id: string, thread: string | null, date: string, unread = 0, mailbox = 'in'): void {
  db.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, unread, thread_id)
     VALUES (?, 'a', ?, ?, ?, ?, ?, ?, ?)`,
    [id, mailbox, `Subject ${id}`, `Name ${id}`, `${id}@example.org`, date, unread, thread],
  );
}

const threads = (db: WritableDb) =>
  db.all('SELECT thread_key, message_count, unread_count, latest_id FROM threads ORDER BY thread_key');

describe('migration 0009: conversation rows kept by triggers', () => {
  it('backfills existing mail and follows inserts, flag changes, moves and deletes', () => {
    const db = migratedTo(8);
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('arc', 'a', 'Archive', 'Archive')");
    insert(db, 'm1', 't1', '2026-01-01T00:00:00.000Z', 1);
    insert(db, 'm2', 't1', '2026-01-02T00:00:00.000Z');
    insert(db, 'm3', null, '2026-01-03T00:00:00.000Z');
    db.transaction((tx) => MIGRATIONS.find((m) => m.version === 9)?.up(tx));
    expect(threads(db)).toEqual([
      { thread_key: 'msg:m3', message_count: 1, unread_count: 0, latest_id: 'm3' },
      { thread_key: 't1', message_count: 2, unread_count: 1, latest_id: 'm2' },
    ]);

    insert(db, 'm4', 't1', '2026-01-04T00:00:00.000Z', 1);
    db.run("UPDATE messages SET unread = 0 WHERE id = 'm1'");
    expect(threads(db)).toContainEqual({ thread_key: 't1', message_count: 3, unread_count: 1, latest_id: 'm4' });

    db.run("UPDATE messages SET mailbox_id = 'arc' WHERE id = 'm4'");
    expect(
      db.all("SELECT mailbox_id, message_count, latest_id FROM threads WHERE thread_key = 't1' ORDER BY 1"),
    ).toEqual([
      { mailbox_id: 'arc', message_count: 1, latest_id: 'm4' },
      { mailbox_id: 'in', message_count: 2, latest_id: 'm2' },
    ]);

    db.run("DELETE FROM messages WHERE id IN ('m2', 'm3')");
    expect(db.all("SELECT thread_key, message_count, latest_id FROM threads WHERE mailbox_id = 'in'")).toEqual([
      { thread_key: 't1', message_count: 1, latest_id: 'm1' },
    ]);
    db.run("DELETE FROM mailboxes WHERE id = 'arc'");
    expect(db.get('SELECT count(*) AS n FROM threads')).toEqual({ n: 1 });
    db.close();
  });
});
