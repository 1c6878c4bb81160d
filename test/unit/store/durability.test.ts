import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { makeDurable } from '../../../main/store/durability';
import { openStore } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';
import { join } from 'node:path';

const tempDir = useTempDirs();

describe('makeDurable', () => {
  it('checkpoints the whole WAL into the database file', () => {
    const store = openStore(tempDir());
    store.db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    expect(makeDurable(store.db)).toBe(true);
    const after = store.db.get<{ log: number; checkpointed: number }>('PRAGMA wal_checkpoint(PASSIVE)');
    expect(after?.log).toBe(after?.checkpointed);
    store.close();
  });

  it('is true without WAL, where every commit is already synced', () => {
    const db = openSqlite(join(tempDir(), 'plain.sqlite'));
    db.pragma('journal_mode = DELETE');
    expect(makeDurable(db)).toBe(true);
    db.close();
  });

  it('is false while another connection keeps the checkpoint from completing', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('in', 'a', 'INBOX', 'Inbox')");
    const reader = openSqlite(join(dir, 'letterbox.sqlite'), { busyTimeoutMs: 0 });
    reader.exec('BEGIN');
    reader.get('SELECT count(*) FROM mailboxes'); // a read snapshot of the current WAL
    store.db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('s', 'a', 'Sent', 'Sent')");
    store.db.pragma('busy_timeout = 0');
    expect(makeDurable(store.db)).toBe(false);
    reader.exec('COMMIT');
    expect(makeDurable(store.db)).toBe(true);
    reader.close();
    store.close();
  });
});
