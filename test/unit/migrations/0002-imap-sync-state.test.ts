import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { migration0001 } from '../../../main/store/migrations/0001-mailboxes-and-messages';
import { migration0002 } from '../../../main/store/migrations/0002-imap-sync-state';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migrated(withRows: (db: ReturnType<typeof openSqlite>) => void = () => undefined) {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction((tx) => migration0001.up(tx));
  withRows(db);
  db.transaction((tx) => migration0002.up(tx));
  return db;
}

describe('migration 0002: IMAP sync state', () => {
  it('keeps rows written under schema 1, with defaults for the new columns', () => {
    const db = migrated((v1) => {
      v1.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('m1', 'a1', 'INBOX', 'Inbox')");
      v1.run(
        "INSERT INTO messages (id, account_id, mailbox_id, subject, date) VALUES ('x1', 'a1', 'm1', 'Hi', '2026-01-01T00:00:00Z')",
      );
    });
    expect(db.get('SELECT subject, uid, flags, body_state, refs FROM messages')).toEqual({
      subject: 'Hi',
      uid: null,
      flags: '[]',
      body_state: 'none',
      refs: '[]',
    });
    expect(db.get('SELECT uidvalidity, highestmodseq, subscribed FROM mailboxes')).toEqual({
      uidvalidity: null,
      highestmodseq: null,
      subscribed: 1,
    });
    db.close();
  });

  it('allows one row per UID in a folder, and any number of local rows without a UID', () => {
    const db = migrated();
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('m1', 'a1', 'INBOX', 'Inbox')");
    const insert = (id: string, uid: number | null) =>
      db.run("INSERT INTO messages (id, account_id, mailbox_id, date, uid) VALUES (?, 'a1', 'm1', '2026-01-01', ?)", [
        id,
        uid,
      ]);
    insert('a', 7);
    expect(() => insert('b', 7)).toThrow(/UNIQUE/);
    insert('c', null);
    insert('d', null);
    expect(db.get('SELECT COUNT(*) AS n FROM messages')).toEqual({ n: 3 });
    db.close();
  });

  it('keeps MODSEQ values beyond 2^53 exactly, and queues actions that go with their folder', () => {
    const db = migrated();
    db.run(
      "INSERT INTO mailboxes (id, account_id, path, name, highestmodseq) VALUES ('m1', 'a1', 'INBOX', 'Inbox', '9223372036854775807')",
    );
    expect(db.get<{ h: string }>('SELECT highestmodseq AS h FROM mailboxes')?.h).toBe('9223372036854775807');
    db.run(
      "INSERT INTO pending_actions (account_id, mailbox_id, uidvalidity, uids, kind, created_at) VALUES ('a1', 'm1', 1, '[1,2]', 'add_flags', '2026-01-01')",
    );
    expect(() =>
      db.run(
        "INSERT INTO pending_actions (account_id, mailbox_id, uidvalidity, uids, kind, created_at) VALUES ('a1', 'm1', 1, '[1]', 'explode', 'x')",
      ),
    ).toThrow(/CHECK/);
    db.run("DELETE FROM mailboxes WHERE id = 'm1'");
    expect(db.get('SELECT COUNT(*) AS n FROM pending_actions')).toEqual({ n: 0 });
    db.close();
  });
});
