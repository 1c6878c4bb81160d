import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../main/store/blobs/blob-store';
import { openStore, STORE_FILE, type Store } from '../../../main/store/open-store';
import { createRawMessageStore } from '../../../main/store/raw-messages';
import { commitInWorker, type RetrievedCommitter } from '../../../main/sync/pop3/commit-worker';
import { commitArrived, type ArrivedMessage } from '../../../main/sync/pop3/writer';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const open: { stores: Store[]; committers: RetrievedCommitter[] } = { stores: [], committers: [] };
afterEach(async () => {
  await Promise.all(open.committers.splice(0).map((c) => c.close()));
  for (const store of open.stores.splice(0)) store.close();
});

function store(): { store: Store; dir: string } {
  const dir = tempDir();
  const opened = openStore(dir);
  open.stores.push(opened);
  return { store: opened, dir };
}

function worker(s: Store, options?: { busyTimeoutMs?: number }): RetrievedCommitter {
  const committer = commitInWorker(s.db, options);
  open.committers.push(committer);
  return committer;
}

const arrived = (uidl: string, text: string): ArrivedMessage => ({
  accountId: 'acc',
  uidl,
  bytes: Buffer.from(`Subject: ${text}\r\n\r\n${text}\r\n`),
  at: '2026-11-30T10:00:00.000Z',
});

const rows = (s: Store) => ({
  uidl: s.db.all(
    'SELECT account_id, uidl, size, retrieved_at, raw_hash, pending, message_id FROM pop3_messages ORDER BY uidl',
  ),
  raw: s.db.all<{ hash: string; size: number; bytes: Buffer }>(
    'SELECT hash, size, bytes FROM raw_messages ORDER BY hash',
  ),
});

describe('commitInWorker', () => {
  it('commits what commitArrived commits on this thread, row for row, and skips known UIDLs', async () => {
    const batch = [arrived('u1', 'one'), arrived('u2', 'two'), arrived('u3', 'two')];
    const here = store().store;
    expect(commitArrived(here.db, createRawMessageStore(here.db, null), batch)).toBe(3);

    const there = store().store;
    const committer = worker(there);
    // Fresh copies: the worker takes the buffers it is given.
    const copy = () => batch.map((m) => ({ ...m, bytes: Buffer.from(m.bytes) }));
    expect(await committer.commit(copy())).toBe(3);
    expect(rows(there)).toEqual(rows(here));
    expect(rows(there).uidl).toHaveLength(3);
    // Identical bytes are stored once, under their sha256.
    expect(
      rows(there)
        .raw.map((r) => r.hash)
        .sort(),
    ).toEqual([...new Set(batch.map((m) => sha256Hex(m.bytes)))].sort());
    // Committed again (a second run that received the same messages): nothing new.
    expect(await committer.commit(copy())).toBe(0);
    expect(rows(there)).toEqual(rows(here));
  });

  it('stores exactly the bytes of a view into a larger buffer', async () => {
    const s = store().store;
    const whole = Buffer.from('xxxxSubject: inside\r\n\r\nbody\r\nyyyy');
    const view = whole.subarray(4, whole.length - 4);
    expect(await worker(s).commit([{ ...arrived('u1', 'x'), bytes: view }])).toBe(1);
    const stored = rows(s).raw[0];
    expect(stored?.bytes.toString()).toBe('Subject: inside\r\n\r\nbody\r\n');
    expect(stored?.hash).toBe(sha256Hex(Buffer.from('Subject: inside\r\n\r\nbody\r\n')));
  });

  it('starts its thread at prepare(), once, before any commit, and stops it at close()', async () => {
    // Linux lists a process's threads in /proc/self/task.
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    const { store: s } = store();
    const committer = worker(s);
    committer.prepare?.();
    committer.prepare?.();
    await vi.waitFor(() => expect(threads()).toBeGreaterThan(before));
    const started = threads();
    expect(await committer.commit([arrived('u1', 'one')])).toBe(1);
    expect(threads()).toBe(started);
    await committer.close();
    await vi.waitFor(() => expect(threads()).toBeLessThan(started));
  });

  it('fails a batch with the SQLite error itself (name and code) and commits none of it', async () => {
    const { store: s, dir } = store();
    const other = new Database(join(dir, STORE_FILE));
    other.exec('BEGIN IMMEDIATE');
    try {
      const failed = await worker(s, { busyTimeoutMs: 50 })
        .commit([arrived('u1', 'one')])
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(rows(s)).toEqual({ uidl: [], raw: [] });
  });
});
