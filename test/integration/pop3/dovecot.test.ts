import { harnessImapClient } from '../../support/imap-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverMessage } from '../../support/doveadm';
import type { TestUser } from '../../support/mail-servers';
import { addMailUser } from '../../support/mail-users';
import type { Pop3Options } from '../../../shared/model/account';
import { inboxRows, pop3Account, pop3Message, pop3Rig, pop3Rows, type Pop3Rig } from './rig';

const servers = inject('mailServers');
let user: TestUser;
let rig: Pop3Rig;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'pop3');
  rig = pop3Rig(user.password, { trust: { extraCa: [servers.tls.ca] } });
});
afterAll(async () => {
  await rig?.close();
});

const ACCOUNT = 'acc-pop3-dovecot';
const overStls = (pop3: Partial<Pop3Options> = {}) =>
  pop3Account(
    ACCOUNT,
    { host: servers.host, port: servers.pop3.port, security: 'starttls', username: user.name },
    pop3,
  );
const overPop3s = (pop3: Partial<Pop3Options> = {}) =>
  pop3Account(
    ACCOUNT,
    { host: servers.host, port: servers.pop3.tlsPort, security: 'implicit', username: user.name },
    pop3,
  );

/** The server's INBOX as a second client (IMAP) sees it: subjects, sorted. */
async function serverSubjects(): Promise<string[]> {
  const client = harnessImapClient(servers, user);
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const subjects: string[] = [];
    for await (const message of client.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
    return subjects.sort();
  } catch {
    return []; // an empty mailbox has no 1:*
  } finally {
    await client.logout().catch(() => undefined);
  }
}

// The tests build on each other like an account's life: first check, re-checks, then policies.
describe.sequential('POP3 retrieval against Dovecot', () => {
  const delivered = new Map<string, string>();
  const deliver = async (n: number, headers?: string) => {
    const raw = pop3Message(n, 'dv', { headers });
    delivered.set(`dv ${String(n).padStart(3, '0')}`, raw);
    await deliverMessage(servers.dovecot, user.name, raw);
  };

  it('first retrieval over STLS: local folders, messages in the Inbox with their fields, exact raw bytes', async () => {
    await deliver(1);
    await deliver(2);
    await deliver(3, 'In-Reply-To: <dv-1@example.test>\r\nReferences: <dv-1@example.test>');

    const result = await rig.sync(overStls());
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ ok: true, retrieved: 3, skipped: 0, deletedFromServer: 0 });

    const folders = rig.db.all<{ path: string; special_use: string }>(
      'SELECT path, special_use FROM mailboxes WHERE account_id = ? ORDER BY path',
      [ACCOUNT],
    );
    expect(folders).toEqual([
      { path: 'Drafts', special_use: 'drafts' },
      { path: 'INBOX', special_use: 'inbox' },
      { path: 'Sent', special_use: 'sent' },
      { path: 'Trash', special_use: 'trash' },
    ]);

    const rows = inboxRows(rig.db, ACCOUNT);
    expect(rows.map((r) => r.subject)).toEqual(['dv 001', 'dv 002', 'dv 003']);
    expect(rows[0]).toMatchObject({
      from_name: 'Sender 1',
      from_address: 'sender1@example.test',
      date: '2026-01-01T00:00:01.000Z',
      unread: 1,
      body_state: 'stored',
      message_id: '<dv-1@example.test>',
      thread_id: 'mid:dv-1@example.test',
      has_attachments: 0,
    });
    expect(rows[0]?.snippet).toContain('Body of dv message 1.');
    expect(rows[0]?.body_text).toContain('Body of dv message 1.');
    expect(rows[2]).toMatchObject({
      in_reply_to: '<dv-1@example.test>',
      refs: JSON.stringify(['<dv-1@example.test>']),
      thread_id: 'mid:dv-1@example.test',
    });
    for (const row of rows) {
      const raw = delivered.get(row.subject) ?? '';
      expect(row.size).toBe(Buffer.byteLength(raw));
      expect((await rig.raw.get(row.raw_hash))?.equals(Buffer.from(raw))).toBe(true);
    }
    const keys = pop3Rows(rig.db, ACCOUNT);
    expect(keys).toHaveLength(3);
    expect(new Set(keys.map((k) => k.message_id))).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('a second run retrieves nothing new and leaves everything on the server (the default)', async () => {
    const result = await rig.sync(overStls());
    expect(result).toMatchObject({ ok: true, retrieved: 0, deletedFromServer: 0, errors: [] });
    expect(inboxRows(rig.db, ACCOUNT)).toHaveLength(3);
    expect(await serverSubjects()).toEqual(['dv 001', 'dv 002', 'dv 003']);
  });

  it('new mail is retrieved, over POP3S this time (same state, same keys)', async () => {
    await deliver(4);
    const result = await rig.sync(overPop3s());
    expect(result).toMatchObject({ ok: true, retrieved: 1, errors: [] });
    expect(inboxRows(rig.db, ACCOUNT).map((r) => r.subject)).toEqual(['dv 001', 'dv 002', 'dv 003', 'dv 004']);
    expect(pop3Rows(rig.db, ACCOUNT)).toHaveLength(4);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.retrieveMs);
  });

  it('delete when deleted here removes exactly the messages deleted locally from the server', async () => {
    const local = inboxRows(rig.db, ACCOUNT).find((r) => r.subject === 'dv 002');
    rig.db.run('DELETE FROM messages WHERE id = ?', [local?.id ?? '']);

    const result = await rig.sync(overStls({ deleteWhenDeletedHere: true }));
    expect(result).toMatchObject({ ok: true, retrieved: 0, deletedFromServer: 1, errors: [] });
    expect(await serverSubjects()).toEqual(['dv 001', 'dv 003', 'dv 004']);
    const rows = pop3Rows(rig.db, ACCOUNT);
    expect(rows.filter((r) => r.deleted_from_server_at !== null)).toHaveLength(1);
    expect(rows.find((r) => r.deleted_from_server_at !== null)?.message_id).toBeNull();
    // The key stays known: the message is neither fetched again nor deleted twice.
    expect(await rig.sync(overStls({ deleteWhenDeletedHere: true }))).toMatchObject({
      retrieved: 0,
      deletedFromServer: 0,
    });
  });

  it('delete after N days removes exactly the messages retrieved more than N days ago', async () => {
    rig.setNow(new Date(Date.now() + 31 * 86_400_000));
    await deliver(5); // retrieved in this very run: 0 days old then
    const result = await rig.sync(overPop3s({ deleteAfterDays: 30 }));
    expect(result).toMatchObject({ ok: true, retrieved: 1, deletedFromServer: 3, errors: [] });
    expect(await serverSubjects()).toEqual(['dv 005']);
    // Local copies stay: the policy is about the server.
    expect(inboxRows(rig.db, ACCOUNT).map((r) => r.subject)).toEqual(['dv 001', 'dv 003', 'dv 004', 'dv 005']);
    expect(pop3Rows(rig.db, ACCOUNT).filter((r) => r.deleted_from_server_at !== null)).toHaveLength(4);
  });

  it('a wrong password is an auth error carrying the server text', async () => {
    const wrong = pop3Rig('not-the-password', { trust: { extraCa: [servers.tls.ca] } });
    try {
      const result = await wrong.sync(overStls());
      expect(result.ok).toBe(false);
      expect(result.errors[0]?.kind).toBe('auth');
      expect(result.errors[0]?.serverText).toMatch(/^-ERR/);
    } finally {
      await wrong.close();
    }
  });
});
