import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pop3Options } from '../../../shared/model/account';
import { startLineServer, type RunningLineServer } from '../../support/fault-servers/line-server';
import { pop3Script } from '../../support/fault-servers/pop3';
import {
  pop3MailboxScript,
  type Pop3MailboxLog,
  type Pop3MailboxOptions,
  type ScriptedMessage,
} from '../../support/fault-servers/pop3-mailbox';
import { syncPop3Account } from '../../../main/sync/pop3/sync';
import { inboxRows, pop3Account, pop3Message, pop3Rig, pop3Rows, type Pop3Rig } from './rig';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Scenario {
  rig: Pop3Rig;
  server: RunningLineServer;
  log: Pop3MailboxLog;
  messages: ScriptedMessage[];
  account(pop3?: Partial<Pop3Options>): ReturnType<typeof pop3Account>;
}

async function maildrop(
  messages: ScriptedMessage[],
  options: Partial<Omit<Pop3MailboxOptions, 'messages' | 'user' | 'password'>> = {},
): Promise<Scenario> {
  const log: Pop3MailboxLog = { commands: [], deleted: [] };
  const server = await startLineServer({
    script: pop3MailboxScript({ user: 'ann', password: 'secret-pw', messages, ...options }, log),
  });
  const rig = pop3Rig('secret-pw', { timeoutMs: 3000 });
  cleanups.push(
    () => server.close(),
    () => rig.close(),
  );
  const account = (pop3: Partial<Pop3Options> = {}) =>
    pop3Account(
      'acc-fault',
      // Plaintext (acknowledged) keeps these scripts simple; TLS is covered against Dovecot.
      { host: '127.0.0.1', port: server.port, security: 'none', username: 'ann' },
      pop3,
    );
  return { rig, server, log, messages, account };
}

/** Listed from the header block only, waiting for the full parse. */
const unparsed = (rig: Pop3Rig): number =>
  rig.db.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE needs_parse = 1')?.n ?? -1;
/** Downloaded and committed, not parsed and listed yet. */
const pending = (rig: Pop3Rig): number =>
  rig.db.get<{ n: number }>('SELECT count(*) AS n FROM pop3_messages WHERE pending = 1')?.n ?? -1;

const numbered = (count: number, tag: string): ScriptedMessage[] =>
  Array.from({ length: count }, (_, i) => ({ uidl: `${tag}-uid-${i + 1}`, raw: pop3Message(i + 1, tag) }));

describe('POP3 retrieval against scripted fault servers', () => {
  it('a connection dropped in the middle of RETR: nothing deleted, the next run completes without duplicates', async () => {
    const s = await maildrop(numbered(5, 'drop'), { dropInRetr: { uidl: 'drop-uid-3', afterLines: 4 } });
    const first = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(first.ok).toBe(false);
    expect(first.errors.map((e) => e.kind)).toEqual(['connection']);
    // Newest first: 5 and 4 were committed before the cut in 3.
    expect(first.retrieved).toBe(2);
    expect(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).toEqual(['drop 004', 'drop 005']);
    expect(s.log.commands.some((c) => c.startsWith('DELE'))).toBe(false);
    expect(s.log.deleted).toEqual([]);
    expect(pop3Rows(s.rig.db, 'acc-fault').every((r) => r.deleted_from_server_at === null)).toBe(true);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: 3, deletedFromServer: 5, errors: [] });
    const rows = inboxRows(s.rig.db, 'acc-fault');
    expect(rows.map((r) => r.subject)).toEqual(['drop 001', 'drop 002', 'drop 003', 'drop 004', 'drop 005']);
    expect(pop3Rows(s.rig.db, 'acc-fault')).toHaveLength(5);
    expect(s.messages).toEqual([]);
    expect(pop3Rows(s.rig.db, 'acc-fault').every((r) => r.deleted_from_server_at !== null)).toBe(true);
  });

  it('-ERR on DELE is reported with the server text and the other deletions still commit', async () => {
    const s = await maildrop(numbered(3, 'dele'), { refuseDele: new Set(['dele-uid-2']) });
    const result = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(result.ok).toBe(true);
    expect(result.retrieved).toBe(3);
    expect(result.deletedFromServer).toBe(2);
    expect(result.errors).toEqual([
      expect.objectContaining({
        kind: 'delete',
        uidl: 'dele-uid-2',
        serverText: '-ERR [SYS/PERM] Deletion refused (scripted)',
      }),
    ]);
    expect(s.messages.map((m) => m.uidl)).toEqual(['dele-uid-2']);
    const marked = pop3Rows(s.rig.db, 'acc-fault').map((r) => [r.uidl, r.deleted_from_server_at !== null]);
    expect(marked).toEqual([
      ['dele-uid-1', true],
      ['dele-uid-2', false],
      ['dele-uid-3', true],
    ]);
    // DELE went out only after the messages were retrieved (committed), and QUIT last.
    const lastRetr = s.log.commands.findLastIndex((c) => c.startsWith('RETR'));
    const firstDele = s.log.commands.findIndex((c) => c.startsWith('DELE'));
    expect(firstDele).toBeGreaterThan(lastRetr);
    expect(s.log.commands.at(-1)).toBe('QUIT');
  });

  it('deletions are marked only after QUIT said +OK: a connection lost at QUIT marks nothing', async () => {
    const s = await maildrop(numbered(3, 'quit'), { dropAtQuit: true });
    const first = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(first.ok).toBe(false);
    expect(first.retrieved).toBe(3);
    expect(first.deletedFromServer).toBe(0);
    expect(s.log.commands.filter((c) => c.startsWith('DELE'))).toHaveLength(3);
    expect(s.messages).toHaveLength(3);
    expect(pop3Rows(s.rig.db, 'acc-fault').every((r) => r.deleted_from_server_at === null)).toBe(true);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: 0, deletedFromServer: 3 });
    expect(s.messages).toEqual([]);
    expect(pop3Rows(s.rig.db, 'acc-fault').every((r) => r.deleted_from_server_at !== null)).toBe(true);
  });

  it('a server without UIDL: header-hash keys, identical copies kept apart, no duplicates across runs', async () => {
    const twin = pop3Message(2, 'nouidl');
    const s = await maildrop(
      [
        { uidl: 'x1', raw: pop3Message(1, 'nouidl') },
        { uidl: 'x2', raw: twin },
        { uidl: 'x3', raw: twin },
      ],
      { uidl: false, pipelining: true },
    );
    const first = await s.rig.sync(s.account());
    expect(first).toMatchObject({ ok: true, retrieved: 3, errors: [] });
    const keys = pop3Rows(s.rig.db, 'acc-fault').map((r) => r.uidl);
    expect(keys.every((k) => /^hdr:[0-9a-f]{64}(#\d+)?$/.test(k))).toBe(true);
    expect(keys.filter((k) => k.endsWith('#2'))).toHaveLength(1);
    expect(s.log.commands).toContain('TOP 1 0');

    expect(await s.rig.sync(s.account())).toMatchObject({ ok: true, retrieved: 0 });
    s.messages.push({ uidl: 'x4', raw: pop3Message(4, 'nouidl') });
    expect(await s.rig.sync(s.account())).toMatchObject({ ok: true, retrieved: 1 });
    expect(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).toEqual([
      'nouidl 001',
      'nouidl 002',
      'nouidl 002',
      'nouidl 004',
    ]);
  });

  it('a starttls account and a greeting without STLS: refused, and nothing but CAPA was sent', async () => {
    const server = await startLineServer({ script: pop3Script({ stls: false, user: 'ann', password: 'secret-pw' }) });
    const rig = pop3Rig('secret-pw', { timeoutMs: 3000 });
    cleanups.push(
      () => server.close(),
      () => rig.close(),
    );
    const account = pop3Account('acc-stls', {
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls',
      username: 'ann',
    });
    const result = await rig.sync(account);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.kind)).toEqual(['security']);
    expect(server.receivedText()).toBe('CAPA\r\n');
    expect(server.received().includes('secret-pw')).toBe(false);
    expect(inboxRows(rig.db, 'acc-stls')).toEqual([]);
  });

  it('a 10,000-line message with lines starting with a dot is stored byte for byte', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) =>
      i % 4 === 0 ? '.' : i % 4 === 1 ? `..line ${i}` : i % 4 === 2 ? `.${i}` : `plain ${i} .`,
    ).join('\r\n');
    const raw = pop3Message(1, 'dots', { body });
    const s = await maildrop([{ uidl: 'dots-1', raw }], { pipelining: true });
    const result = await s.rig.sync(s.account());
    expect(result).toMatchObject({ ok: true, retrieved: 1, errors: [] });
    const [row] = inboxRows(s.rig.db, 'acc-fault');
    const stored = await s.rig.raw.get(row?.raw_hash ?? '');
    expect(stored?.length).toBe(Buffer.byteLength(raw));
    expect(stored?.equals(Buffer.from(raw))).toBe(true);
    expect(row?.size).toBe(Buffer.byteLength(raw));
  });

  it('an abort mid-retrieval keeps what was committed, deletes nothing, and the next run completes', async () => {
    const total = 200;
    const s = await maildrop(numbered(total, 'abort'));
    const controller = new AbortController();
    // Committed message by message (not in 1 MB batches), so the abort lands between commits.
    const first = await syncPop3Account({ ...s.rig.deps, commitBytes: 1 }, s.account({ leaveOnServer: false }), {
      signal: controller.signal,
      onProgress: ({ phase, done }) => {
        if (phase === 'retrieve' && done >= 3) controller.abort();
      },
    });
    expect(first.ok).toBe(false);
    expect(first.errors.map((e) => e.kind)).toEqual(['aborted']);
    // Messages whose bytes had arrived are finished; the rest wait for the next run.
    expect(first.retrieved).toBeGreaterThanOrEqual(3);
    expect(first.retrieved).toBeLessThan(total);
    expect(s.log.commands.some((c) => c.startsWith('DELE'))).toBe(false);
    // Stored (bytes and UIDL rows), not parsed and listed: an aborted run stops before phase 2.
    expect(first.parsed).toBe(0);
    expect(pending(s.rig)).toBe(first.retrieved);
    expect(inboxRows(s.rig.db, 'acc-fault')).toHaveLength(0);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: total - first.retrieved, deletedFromServer: total });
    // The next run parses this run's bodies and the ones the aborted run left.
    expect(second.parsed).toBe(total);
    expect(pending(s.rig)).toBe(0);
    expect(pop3Rows(s.rig.db, 'acc-fault')).toHaveLength(total);
    expect(new Set(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).size).toBe(total);
    expect(inboxRows(s.rig.db, 'acc-fault').every((r) => r.body_text.includes('Body of abort message'))).toBe(true);
  });

  it('a message over the size cap stays on the server, is reported, and is never deleted', async () => {
    const messages = numbered(2, 'big');
    messages[1] = { uidl: 'big-uid-2', raw: pop3Message(2, 'big', { body: 'x'.repeat(5000) }) };
    const s = await maildrop(messages);
    s.rig.deps.maxMessageBytes = 2000;
    const result = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(result).toMatchObject({ ok: true, retrieved: 1, skipped: 1, deletedFromServer: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'too-large', uidl: 'big-uid-2' })]);
    expect(s.messages.map((m) => m.uidl)).toEqual(['big-uid-2']);
    expect(s.log.commands).not.toContain('RETR 2');
  });
});

describe('POP3 retrieval when saving fails', () => {
  it('a spool that cannot be written is a store error; nothing is committed or deleted, the next run retrieves all', async () => {
    const s = await maildrop(numbered(4, 'disk'));
    // A spool folder that cannot be created (its parent is a file), as a full or read-only disk refuses.
    const blocker = join(dirname(s.rig.deps.spoolDir), 'not-a-folder');
    writeFileSync(blocker, '');
    const first = await syncPop3Account(
      { ...s.rig.deps, spoolDir: join(blocker, 'pop3-spool') },
      s.account({ leaveOnServer: false }),
    );
    expect(first.ok).toBe(false);
    expect(first.errors.map((e) => e.kind)).toEqual(['store']);
    expect(first.errors[0]?.message).toMatch(/^Downloaded mail could not be saved .*Nothing is lost/);
    expect(first.retrieved).toBe(0);
    expect(pop3Rows(s.rig.db, 'acc-fault')).toEqual([]);
    expect(inboxRows(s.rig.db, 'acc-fault')).toEqual([]);
    expect(s.log.commands.some((c) => c.startsWith('DELE'))).toBe(false);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: 4, deletedFromServer: 4 });
  });

  it('a full disk while listing: the downloaded messages wait in the spool, and the next run lists them', async () => {
    const s = await maildrop(numbered(4, 'full'));
    const { raw } = s.rig.deps;
    const failing = {
      ...s.rig.deps,
      // What SQLite throws when the bytes moved into the store do not fit on the disk.
      raw: {
        ...raw,
        add: () => {
          throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
        },
      },
    };
    const first = await syncPop3Account(failing, s.account({ leaveOnServer: false }));
    // Downloaded, made durable and deleted from the server: the spool is now the only copy.
    expect(first).toMatchObject({ ok: false, retrieved: 4, parsed: 0, deletedFromServer: 4 });
    expect(first.errors.map((e) => e.kind)).toEqual(['store']);
    expect(s.messages).toEqual([]);
    expect(inboxRows(s.rig.db, 'acc-fault')).toEqual([]);
    expect(pending(s.rig)).toBe(4);
    expect(readdirSync(s.rig.deps.spoolDir)).toHaveLength(1);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: 0, parsed: 4, errors: [] });
    expect(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).toEqual([
      'full 001',
      'full 002',
      'full 003',
      'full 004',
    ]);
    for (const row of inboxRows(s.rig.db, 'acc-fault')) expect(await s.rig.raw.get(row.raw_hash)).not.toBeNull();
    expect(readdirSync(s.rig.deps.spoolDir)).toEqual([]);
  });
});

describe('POP3 deletion waits for durable storage', () => {
  it('checkpoints the store (WAL synced into the database file) before the first DELE', async () => {
    const s = await maildrop(numbered(5, 'durable'));
    const events: string[] = [];
    const db = s.rig.deps.db;
    const watched = {
      ...s.rig.deps,
      db: Object.assign(Object.create(db) as typeof db, {
        get: <T>(sql: string, params?: Parameters<typeof db.get>[1]): T | undefined => {
          if (sql.includes('wal_checkpoint')) {
            events.push(`checkpoint after ${s.log.commands.filter((c) => c.startsWith('DELE')).length} DELE`);
            const result = db.get<T>(sql, params);
            // Everything committed so far is in the database file now, nothing only in the WAL.
            const after = db.get<{ log: number; checkpointed: number }>('PRAGMA wal_checkpoint(PASSIVE)');
            events.push(`wal ${after?.log === after?.checkpointed ? 'synced' : 'pending'}`);
            return result;
          }
          return db.get<T>(sql, params);
        },
      }),
    };
    const result = await syncPop3Account(watched, s.account({ leaveOnServer: false }));
    expect(result).toMatchObject({ ok: true, retrieved: 5, deletedFromServer: 5, errors: [] });
    expect(events).toEqual(['checkpoint after 0 DELE', 'wal synced']);
  });

  it('when the checkpoint cannot complete, nothing is deleted and that is reported', async () => {
    const s = await maildrop(numbered(3, 'busy'));
    const db = s.rig.deps.db;
    const busy = {
      ...s.rig.deps,
      db: Object.assign(Object.create(db) as typeof db, {
        get: <T>(sql: string, params?: Parameters<typeof db.get>[1]): T | undefined =>
          sql.includes('wal_checkpoint') ? ({ busy: 1, log: 10, checkpointed: 4 } as T) : db.get<T>(sql, params),
      }),
    };
    const first = await syncPop3Account(busy, s.account({ leaveOnServer: false }));
    expect(first).toMatchObject({ ok: true, retrieved: 3, deletedFromServer: 0 });
    expect(first.errors).toEqual([expect.objectContaining({ kind: 'delete', uidl: null })]);
    expect(s.log.commands.some((c) => c.startsWith('DELE'))).toBe(false);
    expect(s.messages).toHaveLength(3);

    const second = await s.rig.sync(s.account({ leaveOnServer: false }));
    expect(second).toMatchObject({ ok: true, retrieved: 0, deletedFromServer: 3, errors: [] });
  });
});

describe('POP3 two-phase retrieval', () => {
  it('commits bytes and UIDL rows while downloading, then lists each message with its parsed body', async () => {
    const s = await maildrop(numbered(3, 'phase'));
    const atParse: { pending: number; spooled: number; stored: number; listed: number }[] = [];
    const listed: { subject: string; needs_parse: number; body_text: string | null }[][] = [];
    const result = await syncPop3Account(s.rig.deps, s.account(), {
      onProgress: ({ phase, done }) => {
        if (phase === 'parse' && done === 0) {
          atParse.push({
            pending: pending(s.rig),
            spooled: readdirSync(s.rig.deps.spoolDir).length,
            stored: s.rig.db.get<{ n: number }>('SELECT count(*) AS n FROM raw_messages')?.n ?? -1,
            listed: inboxRows(s.rig.db, 'acc-fault').length,
          });
        }
      },
      onListed: () =>
        listed.push(
          s.rig.db.all('SELECT subject, needs_parse, body_text FROM messages WHERE account_id = ? ORDER BY subject', [
            'acc-fault',
          ]),
        ),
    });
    expect(result).toMatchObject({ ok: true, retrieved: 3, parsed: 3, errors: [] });
    // The download committed all three (the server was already told QUIT) before any was listed,
    // their bytes in this download's spool file.
    expect(atParse).toEqual([{ pending: 3, spooled: 1, stored: 0, listed: 0 }]);
    expect(s.log.commands.at(-1)).toBe('QUIT');
    // Listed once, each row complete: envelope and body written together.
    expect(listed).toEqual([
      [
        { subject: 'phase 001', needs_parse: 0, body_text: 'Body of phase message 1.' },
        { subject: 'phase 002', needs_parse: 0, body_text: 'Body of phase message 2.' },
        { subject: 'phase 003', needs_parse: 0, body_text: 'Body of phase message 3.' },
      ],
    ]);
    expect(pending(s.rig)).toBe(0);
    expect(pop3Rows(s.rig.db, 'acc-fault').every((r) => r.message_id !== null)).toBe(true);
    // The bytes moved from the spool into the store, and the spool file went.
    expect(s.rig.db.get('SELECT count(*) AS n FROM pop3_messages WHERE spool IS NOT NULL')).toEqual({ n: 0 });
    expect(s.rig.db.get('SELECT count(*) AS n FROM raw_messages')).toEqual({ n: 3 });
    expect(readdirSync(s.rig.deps.spoolDir)).toEqual([]);
  });

  it('downloaded bytes that are damaged or missing are reported, and the messages downloaded again', async () => {
    const s = await maildrop(numbered(2, 'lost'));
    const controller = new AbortController();
    const first = await syncPop3Account({ ...s.rig.deps, commitBytes: 1 }, s.account(), {
      signal: controller.signal,
      onProgress: ({ phase }) => {
        if (phase === 'delete') controller.abort();
      },
    });
    expect(first).toMatchObject({ retrieved: 2, parsed: 0 });
    expect(pending(s.rig)).toBe(2);
    // Message 1's bytes in the spool changed (a power cut kept its row, not its bytes) ...
    const spooled = s.rig.db.get<{ spool: string; spool_offset: number }>(
      "SELECT spool, spool_offset FROM pop3_messages WHERE uidl = 'lost-uid-1'",
    );
    const file = join(s.rig.deps.spoolDir, spooled?.spool ?? '');
    const bytes = readFileSync(file);
    const at = (spooled?.spool_offset ?? 0) + 10;
    bytes.writeUInt8((bytes.readUInt8(at) ^ 0x20) & 0xff, at);
    writeFileSync(file, bytes);
    // ... and message 2 is a row an older version left, its bytes meant to be in the store.
    s.rig.db.run("UPDATE pop3_messages SET spool = NULL, spool_offset = NULL WHERE uidl = 'lost-uid-2'");

    const second = await s.rig.sync(s.account());
    expect(second.errors.map((e) => `${e.kind} ${e.uidl}`).sort()).toEqual(['store lost-uid-1', 'store lost-uid-2']);
    expect(second.errors[0]?.message).toMatch(/missing or damaged; it will be downloaded again/);
    expect(pop3Rows(s.rig.db, 'acc-fault')).toEqual([]);
    expect(readdirSync(s.rig.deps.spoolDir)).toEqual([]);
    const third = await s.rig.sync(s.account());
    expect(third).toMatchObject({ ok: true, retrieved: 2, parsed: 2, errors: [] });
    expect(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).toEqual(['lost 001', 'lost 002']);
    expect(inboxRows(s.rig.db, 'acc-fault').every((r) => r.body_text.startsWith('Body of lost message'))).toBe(true);
  });

  it('a parser that fails still lists the messages from their header blocks, and the next run parses them', async () => {
    const s = await maildrop(numbered(4, 'later'));
    const broken = {
      ...s.rig.deps,
      parser: { parse: () => Promise.reject(new Error('The message parser could not start (scripted)')) },
    };
    const first = await syncPop3Account(broken, s.account());
    expect(first).toMatchObject({ ok: false, retrieved: 4, parsed: 0 });
    expect(first.errors.map((e) => e.kind)).toEqual(['parse']);
    expect(inboxRows(s.rig.db, 'acc-fault').map((r) => r.subject)).toEqual([
      'later 001',
      'later 002',
      'later 003',
      'later 004',
    ]);
    expect(unparsed(s.rig)).toBe(4);

    const second = await s.rig.sync(s.account());
    expect(second).toMatchObject({ ok: true, retrieved: 0, parsed: 4, errors: [] });
    expect(unparsed(s.rig)).toBe(0);
    expect(inboxRows(s.rig.db, 'acc-fault').every((r) => r.snippet.startsWith('Body of later message'))).toBe(true);
  });
});
