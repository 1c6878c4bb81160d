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
  db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
  return db;
}

type Db = ReturnType<typeof openSqlite>;
const matches = (db: Db, query: string) =>
  db
    .all<{ id: string }>(
      `SELECT m.id FROM message_search s JOIN messages m ON m.rowid = s.rowid WHERE message_search MATCH ? ORDER BY m.id`,
      [query],
    )
    .map((r) => r.id);
/** Entries in the index, whatever their words: a row indexed twice would count twice. */
const indexed = (db: Db) => db.get<{ n: number }>(`SELECT count(*) AS n FROM message_search`)?.n ?? 0;

describe('migration 0014: rows held back from search until their body comes', () => {
  it('indexes a held row once, when it is released, with what it then holds', () => {
    const db = migratedTo(14);
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject, search_pending)
       VALUES ('m', 'a', 'in', '2026-01-01', 'Quarterly report', 1)`,
    );
    expect(matches(db, 'quarterly')).toEqual([]);
    expect(indexed(db)).toBe(0);

    // Changes to a held row do not put it in the index.
    db.run(`UPDATE messages SET subject = 'Quarterly figures', unread = 0 WHERE id = 'm'`);
    expect(indexed(db)).toBe(0);
    expect(matches(db, 'figures')).toEqual([]);

    // The body write releases it: headers and body go in together.
    db.run(`UPDATE messages SET body_text = 'Revenue grew', body_state = 'stored', search_pending = 0 WHERE id = 'm'`);
    expect(matches(db, 'figures')).toEqual(['m']);
    expect(matches(db, 'revenue')).toEqual(['m']);
    expect(matches(db, 'report')).toEqual([]);
    expect(indexed(db)).toBe(1);

    // From then on it is kept current like any row.
    db.run(`UPDATE messages SET body_text = 'Costs fell' WHERE id = 'm'`);
    expect(matches(db, 'revenue')).toEqual([]);
    expect(matches(db, 'costs')).toEqual(['m']);
    expect(indexed(db)).toBe(1);
    db.close();
  });

  it('takes a row out when it is held again, and deletes of held rows leave the index alone', () => {
    const db = migratedTo(14);
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('a', 'a', 'in', '2026-01-01', 'Alpha')`,
    );
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject, search_pending)
       VALUES ('b', 'a', 'in', '2026-01-02', 'Beta', 1)`,
    );
    expect(matches(db, 'alpha')).toEqual(['a']);
    db.run(`UPDATE messages SET search_pending = 1 WHERE id = 'a'`);
    expect(matches(db, 'alpha')).toEqual([]);
    expect(indexed(db)).toBe(0);

    db.run(`DELETE FROM messages WHERE id = 'b'`);
    db.run(`UPDATE messages SET search_pending = 0 WHERE id = 'a'`);
    expect(matches(db, 'alpha')).toEqual(['a']);
    expect(indexed(db)).toBe(1);
    db.run(`DELETE FROM messages WHERE id = 'a'`);
    expect(indexed(db)).toBe(0);
    db.close();
  });

  it('keeps indexing rows as before for every writer that does not hold them', () => {
    const db = migratedTo(13);
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('old', 'a', 'in', '2026-01-01', 'Before')`,
    );
    db.transaction((tx) => MIGRATIONS.find((m) => m.version === 14)?.up(tx));
    expect(matches(db, 'before')).toEqual(['old']);
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('new', 'a', 'in', '2026-01-02', 'After')`,
    );
    expect(matches(db, 'after')).toEqual(['new']);
    db.run(`UPDATE messages SET subject = 'Later' WHERE id = 'old'`);
    expect(matches(db, 'later')).toEqual(['old']);
    expect(matches(db, 'before')).toEqual([]);
    expect(indexed(db)).toBe(2);
    db.close();
  });

  it('a rebuild indexes held rows too, and clears what held them', () => {
    const db = migratedTo(14);
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject, search_pending)
       VALUES ('h', 'a', 'in', '2026-01-01', 'Held', 1)`,
    );
    db.run(
      `INSERT INTO messages (id, account_id, mailbox_id, date, subject) VALUES ('i', 'a', 'in', '2026-01-02', 'Indexed')`,
    );
    expect(rebuildSearchIndex(db).messages).toBe(2);
    expect(matches(db, 'held')).toEqual(['h']);
    expect(matches(db, 'indexed')).toEqual(['i']);
    expect(indexed(db)).toBe(2);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE search_pending = 1')?.n).toBe(0);
    db.close();
  });
});
