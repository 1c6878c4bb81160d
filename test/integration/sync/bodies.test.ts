import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AccountSchema } from '../../../shared/model/account';
import { openImapSession } from '../../../main/mail/imap/session';
import { syncMailboxBodies } from '../../../main/sync/bodies';
import type { MessageParser } from '../../../main/sync/ports';
import { inlineWriter, type SyncWriter } from '../../../main/sync/writer/writes';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import { accountFor, rawMessage, rowsOf, syncRig } from './fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-sync-bodies-'));
const rig = syncRig(servers, profile, { maxBodyBytes: 20_000 });
afterAll(async () => {
  await rig.close();
  rmSync(profile, { recursive: true, force: true });
});

const rfcDate = (date: Date) => date.toUTCString().replace('GMT', '+0000');

/** A new user with `count` small messages a minute apart, months old. */
async function userWithMessages(name: string, count: number) {
  const user = await addMailUser(servers.dovecot, name);
  const base = Date.UTC(2026, 0, 1);
  for (let n = 1; n <= count; n++) {
    const date = rfcDate(new Date(base + n * 60_000));
    await deliverMessage(servers.dovecot, user.name, rawMessage(n, { subject: `${name} ${n}`, date }));
  }
  return user;
}

describe('body download', () => {
  it('fetches bodies only inside the offline window and skips very large messages', async () => {
    const user = await addMailUser(servers.dovecot, 'bodies');
    const now = new Date();
    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'recent', date: rfcDate(now) }));
    await deliverMessage(
      servers.dovecot,
      user.name,
      rawMessage(2, { subject: 'old', date: 'Mon, 06 Jan 2020 10:00:00 +0000' }),
    );
    const big = rawMessage(3, { subject: 'big', date: rfcDate(now) }).replace(
      'Body of message 3.',
      'x'.repeat(76).concat('\r\n').repeat(400),
    );
    await deliverMessage(servers.dovecot, user.name, big);
    const account = AccountSchema.parse({ ...accountFor(servers, user), imap: { offlineWindowDays: 30 } });

    const summary = await rig.sync(account, user.password);
    expect(summary.error).toBeNull();
    expect(summary.folders.find((f) => f.path === 'INBOX')?.bodies).toBe(1);
    const bySubject = new Map(rowsOf(rig.db, account.id, 'INBOX').map((r) => [r.subject, r]));
    expect(bySubject.get('recent')).toMatchObject({ body_state: 'stored', snippet: 'Body of message 1.' });
    expect(bySubject.get('recent')?.raw_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bySubject.get('old')).toMatchObject({ body_state: 'none', raw_hash: null });
    expect(bySubject.get('big')).toMatchObject({ body_state: 'too_large', raw_hash: null });

    // Widening the window later fetches what was left out; too-large stays on demand.
    const all = AccountSchema.parse({ ...account, imap: { offlineWindowDays: null } });
    const again = await rig.sync(all, user.password);
    expect(again.folders.find((f) => f.path === 'INBOX')?.bodies).toBe(1);
    expect(rowsOf(rig.db, account.id, 'INBOX').find((r) => r.subject === 'old')?.body_state).toBe('stored');
  });

  it('commits raw bytes in the same transaction as the rows: a failing batch leaves neither behind', async () => {
    const user = await addMailUser(servers.dovecot, 'atomic');
    const now = new Date();
    for (let n = 1; n <= 6; n++) {
      await deliverMessage(servers.dovecot, user.name, rawMessage(n, { subject: `atomic ${n}`, date: rfcDate(now) }));
    }
    const account = accountFor(servers, user);
    const dir = mkdtempSync(join(tmpdir(), 'letterbox-sync-atomic-'));
    const failing = syncRig(servers, dir);
    const raw = failing.raw;
    // Fails while storing the 4th message's bytes, inside the batch's transaction on the writer
    // thread's own connection (a trigger is in the file, so every connection has it).
    failing.db.exec(`CREATE TRIGGER test_disk_full BEFORE INSERT ON raw_messages
      WHEN (SELECT count(*) FROM raw_messages) >= 3 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    try {
      const first = await failing.sync(account, user.password);
      expect(first.folders.find((f) => f.path === 'INBOX')?.error).toMatch(/disk is full/);
      // The whole batch rolled back: no row points at bytes, no bytes without a row.
      expect(rowsOf(failing.db, account.id, 'INBOX').map((r) => [r.body_state, r.raw_hash])).toEqual(
        Array.from({ length: 6 }, () => ['none', null]),
      );
      expect(failing.db.get<{ n: number }>('SELECT count(*) AS n FROM raw_messages')?.n).toBe(0);

      failing.db.exec('DROP TRIGGER test_disk_full');
      const second = await failing.sync(account, user.password);
      expect(second.folders.find((f) => f.path === 'INBOX')?.bodies).toBe(6);
      const rows = rowsOf(failing.db, account.id, 'INBOX');
      expect(rows.every((r) => r.body_state === 'stored')).toBe(true);
      // Every row's bytes are in the table, byte for byte what the server has.
      for (const row of rows) {
        const stored = failing.db.get<{ hash: string; size: number }>(
          'SELECT hash, size FROM raw_messages WHERE hash = ?',
          [row.raw_hash],
        );
        expect(stored?.hash).toBe(row.raw_hash);
        const bytes = await raw.get(row.raw_hash ?? '');
        expect(bytes && createHash('sha256').update(bytes).digest('hex')).toBe(row.raw_hash);
      }
    } finally {
      await failing.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('downloads in several FETCHes bounded by bytes, newest first, committed in slices, every body stored', async () => {
    const user = await userWithMessages('batched', 30);
    const account = accountFor(servers, user);
    const done: number[] = [];
    const fetched: string[] = [];
    const summary = await syncMailboxBodiesOnly(account, user.password, done, {
      // About 4.5 KB (20 of these 200 B messages) per FETCH; slices of about 1.5 KB.
      fetchBytes: 4500,
      onFetch: (uids) => fetched.push(uids),
    });
    expect(summary).toBe(30);
    expect(fetched.length).toBeGreaterThan(1);
    // Newest first: the first FETCH asks for the highest UIDs.
    const uidsOf = (set: string | undefined) => (set ?? '').split(',').map(Number);
    expect(Math.min(...uidsOf(fetched[0]))).toBeGreaterThan(Math.max(...uidsOf(fetched.at(-1))));
    // Several slices, committed in order.
    expect(done.length).toBeGreaterThan(fetched.length);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(30);
    const rows = rowsOf(rig.db, account.id, 'INBOX');
    expect(rows.filter((r) => r.body_state === 'stored')).toHaveLength(30);
  });

  it('stops reading the answer while too much waits to be committed, and goes on once the writes do', async () => {
    const user = await userWithMessages('held', 60);
    const account = accountFor(servers, user);
    let parsed = 0;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = inlineWriter(rig.db);
    const done: number[] = [];
    const running = syncMailboxBodiesOnly(account, user.password, done, {
      parser: {
        parse: (raw, options) => {
          parsed += 1;
          return rig.deps.parser.parse(raw, options);
        },
      },
      // The first commit waits until released: a writer far slower than the network.
      writer: { ...writer, bodies: async (writes) => (await gate, writer.bodies(writes)) },
    });
    // One FETCH for all 60; slices of about 1.5 KB (7 messages), three slices' bytes in flight.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The header pass comes first; then the body pass reads until it is held back.
    while (parsed === 0) await pause(20);
    for (let seen = -1; seen !== parsed; await pause(300)) seen = parsed;
    expect(parsed).toBeLessThanOrEqual(35);
    expect(done).toEqual([0]);
    release();
    expect(await running).toBe(60);
    expect(parsed).toBe(60);
    expect(done.at(-1)).toBe(60);
    expect(rowsOf(rig.db, account.id, 'INBOX').filter((r) => r.body_state === 'stored')).toHaveLength(60);
  });
});

/** Headers through a normal pass (no bodies in its window), then the body pass with tiny slices. */
async function syncMailboxBodiesOnly(
  account: ReturnType<typeof accountFor>,
  password: string,
  done: number[],
  options: {
    fetchBytes?: number;
    onFetch?: (uids: string) => void;
    parser?: MessageParser;
    writer?: SyncWriter;
  } = {},
): Promise<number> {
  // The messages are months old: a one-day window leaves every body for the pass below.
  const headersOnly = AccountSchema.parse({ ...account, imap: { offlineWindowDays: 1 } });
  await rig.sync(headersOnly, password);
  const mailbox = rig.db.get<{ id: string }>("SELECT id FROM mailboxes WHERE account_id = ? AND path = 'INBOX'", [
    account.id,
  ]);
  const session = await openImapSession(account, password, rig.deps.session);
  const client = session.client;
  const fetch = client.fetch.bind(client);
  client.fetch = (range, query, fetchOptions) => {
    options.onFetch?.(String(range));
    return fetch(range, query, fetchOptions);
  };
  try {
    return await syncMailboxBodies({
      db: rig.db,
      client,
      mailboxId: mailbox?.id ?? '',
      path: 'INBOX',
      parser: options.parser ?? rig.deps.parser,
      ...(options.writer ? { writer: options.writer } : {}),
      windowDays: null,
      maxBytes: 1_000_000,
      batchBytes: 1500,
      ...(options.fetchBytes ? { fetchBytes: options.fetchBytes } : {}),
      onProgress: (n) => done.push(n),
    });
  } finally {
    await session.close();
  }
}
