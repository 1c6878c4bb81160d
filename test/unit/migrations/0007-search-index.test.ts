import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { rebuildSearchIndex } from '../../../main/search/rebuild';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migratedTo(version: number) {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) db.transaction((tx) => step.up(tx));
  return db;
}

const matches = (db: ReturnType<typeof openSqlite>, query: string) =>
  db
    .all<{ id: string }>(
      `SELECT m.id FROM message_search s JOIN messages m ON m.rowid = s.rowid WHERE message_search MATCH ? ORDER BY m.id`,
      [query],
    )
    .map((r) => r.id);

describe('migration 0007: the search index', () => {
  it('indexes the messages that were already stored', () => {
    const db = migratedTo(6);
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject, from_name, from_address, to_json, body_text, attachments)
       VALUES ('old', 'a', 'in', '2026-01-01', 'Grüße aus Köln', 'Jürgen', 'j@example.de',
         '[{"name":"Ada","address":"ada@example.com"}]', 'Der Dom ist groß.', '[{"filename":"dom.jpg"}]')`,
    );
    db.transaction((tx) => MIGRATIONS.find((m) => m.version === 7)?.up(tx));
    expect(matches(db, 'koln')).toEqual(['old']);
    expect(matches(db, 'grusse')).toEqual(['old']);
    expect(matches(db, 'sender : jurgen')).toEqual(['old']);
    expect(matches(db, 'to_addr : ada')).toEqual(['old']);
    expect(matches(db, 'body : gross')).toEqual(['old']);
    expect(matches(db, 'files : dom')).toEqual(['old']);
    db.close();
  });

  it('keeps the index current: insert, re-parse, expunge; flag changes leave it alone', () => {
    const db = migratedTo(7);
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('m', 'a', 'in', '2026-01-01', 'Hello')`,
    );
    expect(matches(db, 'hello')).toEqual(['m']);
    expect(matches(db, 'invoice')).toEqual([]);

    db.run(`UPDATE messages SET body_text = 'The invoice is attached', body_state = 'stored' WHERE id = 'm'`);
    expect(matches(db, 'invoice')).toEqual(['m']);
    expect(matches(db, 'hello')).toEqual(['m']);

    const changes = () => db.get<{ n: number }>('SELECT total_changes() AS n')?.n ?? 0;
    const before = changes();
    db.run(`UPDATE messages SET unread = 0, flagged = 1, flags = '["\\\\Seen"]' WHERE id = 'm'`);
    // One row changed and no trigger ran (a trigger's writes would count too).
    expect(changes() - before).toBe(1);
    db.run(`UPDATE messages SET subject = 'Hello' WHERE id = 'm'`);
    expect(changes() - before).toBe(2);

    const beforeRename = changes();
    db.run(`UPDATE messages SET subject = 'Goodbye' WHERE id = 'm'`);
    // A real change runs the trigger, whose index writes count: so the "1" above means it did not run.
    expect(changes() - beforeRename).toBeGreaterThan(1);
    expect(matches(db, 'hello')).toEqual([]);
    expect(matches(db, 'goodbye')).toEqual(['m']);

    db.run(`DELETE FROM messages WHERE id = 'm'`);
    expect(matches(db, 'goodbye')).toEqual([]);
    expect(matches(db, 'invoice')).toEqual([]);
    db.close();
  });

  it('rebuilds from the rows (at the current schema, which rebuildSearchIndex is written for)', () => {
    const db = migratedTo(MIGRATIONS.at(-1)?.version ?? 7);
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('m', 'a', 'in', '2026-01-01', 'Hello')`,
    );
    db.run(`INSERT INTO message_search (message_search) VALUES ('delete-all')`);
    expect(matches(db, 'hello')).toEqual([]);
    expect(rebuildSearchIndex(db).messages).toBe(1);
    expect(matches(db, 'hello')).toEqual(['m']);
    db.close();
  });
});
