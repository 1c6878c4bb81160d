import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../main/store/blobs/blob-store';
import { openStore, STORE_FILE, type Store } from '../../../main/store/open-store';
import type { HeaderRow } from '../../../main/sync/message-rows';
import { createThreadWriter, type ThreadWriter } from '../../../main/sync/writer/thread-writer';
import { inlineWriter, type BodyWrite, type SyncWriter } from '../../../main/sync/writer/writes';
import { syncWriterBundle } from '../../../scripts/build.mjs';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const open: { stores: Store[]; writers: ThreadWriter[] } = { stores: [], writers: [] };
afterEach(async () => {
  await Promise.all(open.writers.splice(0).map((w) => w.close()));
  for (const store of open.stores.splice(0)) store.close();
});

function store(): { store: Store; dir: string } {
  const dir = tempDir();
  const opened = openStore(dir);
  opened.db.run(
    `INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('mbx', 'acc', 'INBOX', 'INBOX', 'inbox')`,
  );
  open.stores.push(opened);
  return { store: opened, dir };
}

function threadWriter(s: Store, options?: Parameters<typeof createThreadWriter>[1]): ThreadWriter {
  const writer = createThreadWriter(s.db, options);
  open.writers.push(writer);
  return writer;
}

const header = (uid: number): HeaderRow => ({
  uid,
  modseq: String(100 + uid),
  flags: uid % 2 ? ['\\Seen'] : [],
  size: 300,
  receivedAt: new Date(Date.UTC(2026, 10, uid)).toISOString(),
  date: new Date(Date.UTC(2026, 10, uid)).toISOString(),
  subject: `Subject ${uid} Grüße`,
  fromName: `Sender ${uid}`,
  fromAddress: `sender${uid}@example.test`,
  to: [{ name: 'Me', address: 'me@example.test' }],
  cc: [],
  messageId: `<m${uid}@example.test>`,
  inReplyTo: null,
  references: [],
  serverThreadId: null,
});

const source = (uid: number): Buffer => Buffer.from(`Subject: Subject ${uid}\r\n\r\nbody of ${uid} with kumquat\r\n`);

const GRUSS = 'body of 2 with kumquat, Grüße aus Köln';

function bodies(s: Store, uids: number[]): BodyWrite[] {
  return uids.map((uid) => {
    const row = s.db.get<{ id: string }>('SELECT id FROM messages WHERE mailbox_id = ? AND uid = ?', ['mbx', uid]);
    return {
      id: row?.id ?? 'missing',
      source: source(uid),
      columns: {
        // One text as UTF-8 bytes, as bodies.ts hands over what the parser sent that way.
        text: uid === 2 ? new TextEncoder().encode(GRUSS) : `body of ${uid} with kumquat`,
        snippet: `body of ${uid}`,
        attachments: '[]',
        hasAttachments: 0,
        messageId: `<m${uid}@example.test>`,
        inReplyTo: null,
        refs: '[]',
        threadId: `mid:m${uid}@example.test`,
      },
    };
  });
}

const state = { uidvalidity: 7, uidnext: 4, highestmodseq: '103', messageCount: 3 };

/** Everything the writes leave behind, without the random row ids. */
function contents(s: Store) {
  return {
    messages: s.db.all(
      `SELECT uid, flags, unread, subject, from_address, body_state, raw_hash, body_text, snippet, thread_id
         FROM messages ORDER BY uid`,
    ),
    raw: s.db.all<{ hash: string; bytes: Buffer }>('SELECT hash, bytes FROM raw_messages ORDER BY hash'),
    folder: s.db.get('SELECT uidvalidity, uidnext, highestmodseq, message_count FROM mailboxes'),
    threads: s.db.get<{ n: number }>('SELECT count(*) AS n FROM threads')?.n,
    found: s.db.all<{ uid: number }>(
      `SELECT m.uid FROM message_search JOIN messages m ON m.rowid = message_search.rowid
        WHERE message_search MATCH 'kumquat' ORDER BY m.uid`,
    ),
  };
}

async function writeAll(s: Store, writer: SyncWriter): Promise<number> {
  await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(3), header(2)], state: null });
  await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1)], state });
  return writer.bodies(bodies(s, [3, 2, 1]));
}

describe('createThreadWriter', () => {
  it('leaves the store exactly as writing on this thread does: rows, bytes, folder state, index', async () => {
    const here = store().store;
    expect(await writeAll(here, inlineWriter(here.db))).toBe(3);
    const there = store().store;
    expect(await writeAll(there, threadWriter(there))).toBe(3);

    const written = contents(there);
    expect(written).toEqual(contents(here));
    expect(written.folder).toEqual({ uidvalidity: 7, uidnext: 4, highestmodseq: '103', message_count: 3 });
    expect(written.found).toEqual([{ uid: 1 }, { uid: 2 }, { uid: 3 }]);
    expect(written.messages[1]).toMatchObject({ uid: 2, body_text: GRUSS });
    expect(written.raw.map((r) => r.hash).sort()).toEqual([1, 2, 3].map((uid) => sha256Hex(source(uid))).sort());
    expect(written.messages.every((m) => (m as { body_state: string }).body_state === 'stored')).toBe(true);
  });

  it('holds new rows of the window back from search until their body, and releases the rest on request', async () => {
    const run = async (s: Store, writer: SyncWriter) => {
      // Rows dated from uid 2's date on are in the window: 2 and 3 wait for their body; 1 does not.
      const searchDeferral = { since: header(2).date, maxBytes: 1000 };
      const rows = [header(3), header(2), header(1)];
      await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows, state: null, searchDeferral });
      const heldBefore = s.db.all('SELECT uid FROM messages WHERE search_pending = 1 ORDER BY uid');
      expect(await writer.bodies(bodies(s, [3]))).toBe(1);
      const released = await writer.releaseSearch('acc');
      const bySender = (uid: number) =>
        s.db.all<{ uid: number }>(
          `SELECT m.uid FROM message_search JOIN messages m ON m.rowid = message_search.rowid
            WHERE message_search MATCH ? ORDER BY m.uid`,
          [`sender : sender${uid}`],
        );
      return {
        heldBefore,
        released,
        heldAfter: s.db.all('SELECT uid FROM messages WHERE search_pending = 1'),
        found: [1, 2, 3].map((uid) => bySender(uid).map((r) => r.uid)),
        entries: s.db.get<{ n: number }>('SELECT count(*) AS n FROM message_search')?.n,
        kumquat: contents(s).found,
      };
    };
    const here = store().store;
    const there = store().store;
    const expected = {
      heldBefore: [{ uid: 2 }, { uid: 3 }],
      // Only uid 2 was left: 3 went in with its body.
      released: 1,
      heldAfter: [],
      found: [[1], [2], [3]],
      entries: 3,
      kumquat: [{ uid: 3 }],
    };
    expect(await run(here, inlineWriter(here.db))).toEqual(expected);
    expect(await run(there, threadWriter(there))).toEqual(expected);
  });

  it('commits requests in the order they were made, without waiting for each', async () => {
    const s = store().store;
    const writer = threadWriter(s);
    const first = writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1), header(2)], state });
    // The rows exist for the body writes only once the header request ran: asked at once, in order.
    await first;
    const ids = bodies(s, [1, 2]);
    const both = Promise.all([writer.bodies(ids.slice(0, 1)), writer.bodies(ids.slice(1))]);
    const flagged = writer.headers({
      accountId: 'acc',
      mailboxId: 'mbx',
      rows: [{ ...header(2), flags: ['\\Flagged'] }],
      state: null,
    });
    expect(await both).toEqual([1, 1]);
    await flagged;
    expect(s.db.all('SELECT uid, body_state, flagged FROM messages ORDER BY uid')).toEqual([
      { uid: 1, body_state: 'stored', flagged: 0 },
      { uid: 2, body_state: 'stored', flagged: 1 },
    ]);
  });

  it('gives no body to a row deleted meanwhile, and keeps no bytes for it', async () => {
    const s = store().store;
    const writer = threadWriter(s);
    await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1), header(2)], state });
    const writes = bodies(s, [1, 2]);
    s.db.run('DELETE FROM messages WHERE uid = 2');
    expect(await writer.bodies(writes)).toBe(1);
    expect(s.db.all<{ hash: string }>('SELECT hash FROM raw_messages').map((r) => r.hash)).toEqual([
      sha256Hex(source(1)),
    ]);
  });

  it('fails a request with the SQLite error itself (name and code), commits none of it, and goes on', async () => {
    const { store: s, dir } = store();
    const writer = threadWriter(s, { busyTimeoutMs: 50 });
    await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1)], state: null });
    const other = new Database(join(dir, STORE_FILE));
    other.exec('BEGIN IMMEDIATE');
    try {
      const failed = await writer.bodies(bodies(s, [1])).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(s.db.all('SELECT body_state, raw_hash FROM messages')).toEqual([{ body_state: 'none', raw_hash: null }]);
    expect(await writer.bodies(bodies(s, [1]))).toBe(1);
  });

  it('rejects what it was asked when its thread cannot run, instead of leaving the caller waiting', async () => {
    const s = store().store;
    const writer = threadWriter(s, { workerUrl: new URL('data:text/javascript,process.exit(3)') });
    await expect(writer.bodies(bodies(s, [1]))).rejects.toThrow(/stopped/);
    await expect(
      writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1)], state: null }),
    ).rejects.toThrow(/stopped/);
    expect(s.db.get<{ n: number }>('SELECT count(*) AS n FROM messages')?.n).toBe(0);
  });

  it('starts its thread at the first write and ends it at close()', async () => {
    // Linux lists a process's threads in /proc/self/task.
    const threads = () => readdirSync('/proc/self/task').length;
    const s = store().store;
    const before = threads();
    const writer = threadWriter(s);
    expect(threads()).toBe(before);
    await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1)], state: null });
    const started = threads();
    expect(started).toBeGreaterThan(before);
    await writer.close();
    await vi.waitFor(() => expect(threads()).toBeLessThan(started));
  });

  it('runs from the bundle the desktop app ships (out/main/sync-writer.js)', async () => {
    // Inside the checkout, so the bundle finds better-sqlite3 in node_modules as the app does.
    const dir = join(process.cwd(), 'out', `test-sync-writer-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const outfile = join(dir, 'sync-writer.js');
      await build({ ...syncWriterBundle, absWorkingDir: process.cwd(), outfile, sourcemap: false });
      const s = store().store;
      const writer = threadWriter(s, { workerUrl: new URL(`file://${outfile}`) });
      await writer.headers({ accountId: 'acc', mailboxId: 'mbx', rows: [header(1)], state });
      expect(await writer.bodies(bodies(s, [1]))).toBe(1);
      expect(contents(s).found).toEqual([{ uid: 1 }]);
      await writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
