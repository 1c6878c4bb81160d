import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AccountSchema } from '../../../shared/model/account';
import { openImapSession } from '../../../main/mail/imap/session';
import { syncMailboxBodies } from '../../../main/sync/bodies';
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

  it('downloads in several FETCH batches bounded by bytes, newest first, and stores every body', async () => {
    const user = await addMailUser(servers.dovecot, 'batched');
    const base = Date.UTC(2026, 0, 1);
    for (let n = 1; n <= 30; n++) {
      const date = rfcDate(new Date(base + n * 60_000));
      await deliverMessage(servers.dovecot, user.name, rawMessage(n, { subject: `batched ${n}`, date }));
    }
    const account = accountFor(servers, user);
    const done: number[] = [];
    const summary = await syncMailboxBodiesOnly(account, user.password, done);
    expect(summary).toBe(30);
    // Several batches (about 1.5 KB of 200 B messages each), committed in order.
    expect(done.length).toBeGreaterThan(3);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(30);
    const rows = rowsOf(rig.db, account.id, 'INBOX');
    expect(rows.filter((r) => r.body_state === 'stored')).toHaveLength(30);
  });
});

/** Headers through a normal pass (no bodies in its window), then the body pass with tiny batches. */
async function syncMailboxBodiesOnly(
  account: ReturnType<typeof accountFor>,
  password: string,
  done: number[],
): Promise<number> {
  // The messages are months old: a one-day window leaves every body for the pass below.
  const headersOnly = AccountSchema.parse({ ...account, imap: { offlineWindowDays: 1 } });
  await rig.sync(headersOnly, password);
  const mailbox = rig.db.get<{ id: string }>("SELECT id FROM mailboxes WHERE account_id = ? AND path = 'INBOX'", [
    account.id,
  ]);
  const session = await openImapSession(account, password, rig.deps.session);
  try {
    return await syncMailboxBodies({
      db: rig.db,
      client: session.client,
      mailboxId: mailbox?.id ?? '',
      path: 'INBOX',
      parser: rig.deps.parser,
      windowDays: null,
      maxBytes: 1_000_000,
      batchBytes: 1500,
      onProgress: (n) => done.push(n),
    });
  } finally {
    await session.close();
  }
}
