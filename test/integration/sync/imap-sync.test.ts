import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listMailboxes } from '../../../main/services/mailboxes';
import { listMessages } from '../../../main/services/messages';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor, otherClient, rawMessage, rowsOf, syncRig, type SyncRig } from './fixture';
import { MessageSummarySchema } from '../../../shared/model/message';

const servers = inject('mailServers');
let user: TestUser;
let rig: SyncRig;
let profile: string;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'sync');
  profile = mkdtempSync(join(tmpdir(), 'letterbox-sync-'));
  rig = syncRig(servers, profile);
});
afterAll(async () => {
  await rig.close();
  rmSync(profile, { recursive: true, force: true });
});

const account = () => accountFor(servers, user);
const inbox = () => rowsOf(rig.db, account().id, 'INBOX');
const strategyOf = (summary: Awaited<ReturnType<SyncRig['sync']>>, path: string) =>
  summary.folders.find((f) => f.path === path)?.strategy;

// The tests build on each other, like a client's life: first sync, then changes, then resyncs.
describe.sequential('IMAP sync against Dovecot', () => {
  const delivered: string[] = [];

  it('first sync: folders with special use, messages with their fields, raw bytes byte-identical', async () => {
    for (let n = 1; n <= 3; n++) {
      const raw = rawMessage(
        n,
        n === 3 ? { headers: 'References: <msg-1@example.test>\r\nIn-Reply-To: <msg-1@example.test>' } : {},
      );
      delivered.push(raw);
      await deliverMessage(servers.dovecot, user.name, raw);
    }
    await deliverMessage(servers.dovecot, user.name, rawMessage(50), 'Sent');

    const summary = await rig.sync(account(), user.password);
    expect(summary.error).toBeNull();
    expect(summary.ok).toBe(true);
    expect(strategyOf(summary, 'INBOX')).toBe('reseed');

    const mailboxes = listMailboxes(rig.db, account().id);
    const byPath = new Map(mailboxes.map((m) => [m.path, m]));
    expect(byPath.get('INBOX')).toMatchObject({ specialUse: 'inbox', name: 'Inbox', total: 3, unread: 3 });
    expect(byPath.get('Sent')).toMatchObject({ specialUse: 'sent', total: 1 });
    expect(byPath.get('Drafts')?.specialUse).toBe('drafts');
    expect(byPath.get('Trash')?.specialUse).toBe('trash');
    expect(byPath.get('Junk')?.specialUse).toBe('junk');
    expect(byPath.get('Archive')?.specialUse).toBe('archive');

    const rows = inbox();
    expect(rows.map((r) => r.subject)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(rows[0]).toMatchObject({
      from_address: 'sender1@example.test',
      unread: 1,
      flagged: 0,
      body_state: 'stored',
    });
    expect(rows[0]?.snippet).toBe('Body of message 1.');
    expect(rows[0]?.date).toBe('2026-01-01T00:00:01.000Z');
    // Message 3 replies to message 1: same thread key.
    expect(rows[2]?.thread_id).toBe(rows[0]?.thread_id);
    expect(rows[1]?.thread_id).not.toBe(rows[0]?.thread_id);

    for (const [index, row] of rows.entries()) {
      const bytes = await rig.raw.get(row.raw_hash ?? '');
      expect(bytes?.equals(Buffer.from(delivered[index] ?? ''))).toBe(true);
    }

    const list = listMessages(
      rig.db,
      {
        source: { kind: 'mailbox', mailboxId: byPath.get('INBOX')?.id ?? '' },
        limit: 10,
        cursor: null,
        sort: 'date',
        conversations: false,
        offset: null,
      },
      [],
    );
    expect(list.messages.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
    for (const message of list.messages) expect(() => MessageSummarySchema.parse(message)).not.toThrow();
    expect(list.messages[2]).toMatchObject({
      from: { name: 'Sender 1', address: 'sender1@example.test' },
      unread: true,
    });
    expect(rig.recorded.changed).toContain(byPath.get('INBOX')?.id);
  });

  it('a resync with no change examines no folder: LIST-STATUS shows them all unchanged', async () => {
    rig.recorded.commands.length = 0;
    const summary = await rig.sync(account(), user.password);
    expect(summary.folders.every((f) => f.strategy === 'unchanged')).toBe(true);
    expect(summary.folders.find((f) => f.path === 'INBOX')).toMatchObject({ total: 3, added: 0 });
    expect(rig.recorded.commands).toContain('LIST');
    expect(rig.recorded.commands).not.toContain('UID FETCH');
    expect(rig.recorded.commands).not.toContain('FETCH');
    // One round trip for every folder: neither an EXAMINE nor a STATUS of each.
    expect(rig.recorded.commands).not.toContain('EXAMINE');
    expect(rig.recorded.commands).not.toContain('STATUS');
  });

  it('a flag changed in one folder by another client examines that folder alone', async () => {
    const other = await otherClient(servers, user);
    try {
      await other.mailboxOpen('Sent');
      await other.messageFlagsAdd('1:*', ['\\Flagged']);
    } finally {
      await other.logout();
    }
    rig.recorded.commands.length = 0;
    const summary = await rig.sync(account(), user.password);
    expect(strategyOf(summary, 'Sent')).toBe('condstore');
    expect(summary.folders.find((f) => f.path === 'Sent')).toMatchObject({ updated: 1 });
    expect(summary.folders.filter((f) => f.path !== 'Sent').every((f) => f.strategy === 'unchanged')).toBe(true);
    expect(rig.recorded.commands.filter((c) => c === 'EXAMINE')).toHaveLength(1);
    expect(rowsOf(rig.db, account().id, 'Sent')[0]).toMatchObject({ flagged: 1 });
  });

  it('new mail is picked up incrementally', async () => {
    const raw = rawMessage(4);
    delivered.push(raw);
    await deliverMessage(servers.dovecot, user.name, raw);
    const summary = await rig.sync(account(), user.password);
    // Dovecot has CONDSTORE, so the new message arrives through the CONDSTORE branch.
    expect(strategyOf(summary, 'INBOX')).toBe('condstore');
    expect(summary.folders.find((f) => f.path === 'INBOX')).toMatchObject({ added: 1, removed: 0, bodies: 1 });
    expect(inbox().map((r) => r.subject)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
  });

  it('flags changed and messages expunged by another client are applied (CONDSTORE/QRESYNC)', async () => {
    const other = await otherClient(servers, user);
    const hashOf = (uid: number | undefined) =>
      rig.db.get<{ raw_hash: string }>(
        'SELECT raw_hash FROM messages WHERE uid = ? AND mailbox_id IN (SELECT id FROM mailboxes WHERE path = ?)',
        [uid ?? -1, 'INBOX'],
      )?.raw_hash;
    const rawCount = (hash: string | undefined) =>
      rig.db.get<{ n: number }>('SELECT count(*) AS n FROM raw_messages WHERE hash = ?', [hash ?? ''])?.n;
    const [, expunged, kept] = inbox();
    const expungedHash = hashOf(expunged?.uid);
    expect(rawCount(expungedHash)).toBe(1);
    try {
      await other.mailboxOpen('INBOX');
      const [first, second] = inbox();
      await other.messageFlagsAdd(String(first?.uid), ['\\Seen', '\\Flagged'], { uid: true });
      await other.messageDelete(String(second?.uid), { uid: true });
    } finally {
      await other.logout();
    }
    rig.recorded.commands.length = 0;
    const summary = await rig.sync(account(), user.password);
    expect(strategyOf(summary, 'INBOX')).toBe('condstore');
    expect(summary.folders.find((f) => f.path === 'INBOX')).toMatchObject({ updated: 1, removed: 1 });
    // Dovecot offers QRESYNC: the expunge arrives as VANISHED on SELECT, no UID SEARCH needed.
    expect(rig.recorded.commands).not.toContain('UID SEARCH');
    const rows = inbox();
    expect(rows.map((r) => r.subject)).toEqual(['Message 1', 'Message 3', 'Message 4']);
    expect(rows[0]).toMatchObject({ unread: 0, flagged: 1 });
    expect(JSON.parse(rows[0]?.flags ?? '[]')).toEqual(['\\Flagged', '\\Seen']);
    // The expunged message's raw bytes went with it; the others' stay.
    expect(rawCount(expungedHash)).toBe(0);
    expect(rawCount(hashOf(kept?.uid))).toBe(1);
  });

  it('rebuilds the cache without duplicates when UIDVALIDITY changes', async () => {
    const other = await otherClient(servers, user);
    try {
      await other.mailboxCreate('Projects');
    } finally {
      await other.logout();
    }
    await deliverMessage(servers.dovecot, user.name, rawMessage(60), 'Projects');
    await rig.sync(account(), user.password);
    const before = rig.db.get<{ uidvalidity: number }>(
      `SELECT uidvalidity FROM mailboxes WHERE account_id = ? AND path = 'Projects'`,
      [account().id],
    );
    const mailboxId = rig.db.get<{ id: string }>(
      `SELECT id FROM mailboxes WHERE path = 'Projects' AND account_id = ?`,
      [account().id],
    )?.id;
    rig.db.run(
      `INSERT INTO pending_actions (account_id, mailbox_id, uidvalidity, uids, kind, created_at) VALUES (?, ?, ?, '[1]', 'add_flags', '')`,
      [account().id, mailboxId ?? '', before?.uidvalidity ?? 0],
    );

    // Delete and recreate between two passes without a folder sync seeing the gap: the path
    // keeps its row, only UIDVALIDITY moves.
    const again = await otherClient(servers, user);
    try {
      await again.mailboxDelete('Projects');
      await again.mailboxCreate('Projects');
    } finally {
      await again.logout();
    }
    await deliverMessage(servers.dovecot, user.name, rawMessage(61), 'Projects');
    await deliverMessage(servers.dovecot, user.name, rawMessage(62), 'Projects');

    const summary = await rig.sync(account(), user.password);
    expect(strategyOf(summary, 'Projects')).toBe('reseed');
    const after = rig.db.get<{ uidvalidity: number; id: string }>(
      `SELECT id, uidvalidity FROM mailboxes WHERE account_id = ? AND path = 'Projects'`,
      [account().id],
    );
    expect(after?.uidvalidity).not.toBe(before?.uidvalidity);
    expect(after?.id).toBe(mailboxId);
    expect(rowsOf(rig.db, account().id, 'Projects').map((r) => r.subject)).toEqual(['Message 61', 'Message 62']);
    expect(rig.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM pending_actions')?.n).toBe(0);
    expect(rig.recorded.notices.some((n) => n.includes('Projects'))).toBe(true);
  });

  it('keeps a folder renamed on the server, with its messages, instead of downloading them again', async () => {
    const before = listMailboxes(rig.db, account().id).find((m) => m.path === 'Projects');
    const rows = rowsOf(rig.db, account().id, 'Projects');
    expect(rows.map((r) => r.body_state)).toEqual(['stored', 'stored']);
    const other = await otherClient(servers, user);
    try {
      await other.mailboxRename('Projects', 'Projects 2026');
    } finally {
      await other.logout();
    }
    const summary = await rig.sync(account(), user.password);
    const after = listMailboxes(rig.db, account().id);
    expect(after.map((m) => m.path)).not.toContain('Projects');
    expect(after.find((m) => m.path === 'Projects 2026')?.id).toBe(before?.id);
    expect(rowsOf(rig.db, account().id, 'Projects 2026')).toEqual(rows);
    // Same UIDVALIDITY and MODSEQ: nothing to fetch, no body downloaded again.
    expect(summary.folders.find((f) => f.path === 'Projects 2026')).toMatchObject({ added: 0, bodies: 0 });
  });

  it('removes folders deleted on the server, with their messages', async () => {
    const other = await otherClient(servers, user);
    try {
      await other.mailboxDelete('Projects 2026');
    } finally {
      await other.logout();
    }
    await rig.sync(account(), user.password);
    expect(listMailboxes(rig.db, account().id).map((m) => m.path)).not.toContain('Projects 2026');
    expect(rowsOf(rig.db, account().id, 'Projects 2026')).toEqual([]);
  });

  it('reports a wrong password as an error status and leaves the store as it was', async () => {
    const count = inbox().length;
    const summary = await rig.sync(account(), 'wrong-password');
    expect(summary.ok).toBe(false);
    expect(summary.error).toMatch(/password|log/i);
    expect(rig.recorded.statuses.at(-1)).toBe('error');
    expect(inbox()).toHaveLength(count);
  });
});
