import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import { openImapSession } from '../../../main/mail/imap/session';
import { replayAccountNow, settleReplays } from '../../../main/services/message-actions';
import { replayPendingActions } from '../../../main/sync/actions/replay';
import type { EventName } from '../../../shared/ipc/channels';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { startCutProxy, type CutProxy } from '../sync/cut-proxy';
import { otherClient, rawMessage } from '../sync/fixture';
import { call, mailboxId, openApp, pending, rowBySubject, rowsBySubject, saveAccount } from './fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-actions-'));
let user: TestUser;
let proxy: CutProxy;
let app: NodeApp;
let accountId: string;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'act');
  for (let n = 1; n <= 8; n++) await deliverMessage(servers.dovecot, user.name, rawMessage(n));
  // STARTTLS through a relay the tests can cut: "offline" without stopping the shared Dovecot.
  proxy = await startCutProxy(servers.imap.port);
  app = await openApp(servers, profile);
  app.bus.subscribe((event, payload) => events.push({ event, payload }));
  accountId = await saveAccount(app, servers, user, proxy.port);
  const first = await call(app, 'sync:run', { accountId });
  expect(first.accounts[0]?.ok).toBe(true);
});
afterAll(async () => {
  await app.close();
  await proxy.close();
  rmSync(profile, { recursive: true, force: true });
});

const row = (n: number) => rowBySubject(app, accountId, `Message ${n}`);
const idOf = (n: number): string => row(n)?.id ?? `missing-${n}`;
const offline = (): void => {
  proxy.cutAfterBytes = 0;
};
const online = (): void => {
  proxy.cutAfterBytes = null;
};

/** What the server holds, seen by a second client: subject → flags, for one folder. */
async function serverView(path: string): Promise<Map<string, { uid: number; flags: string[] }>> {
  const client: ImapFlow = await otherClient(servers, user);
  try {
    await client.mailboxOpen(path, { readOnly: true });
    const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
    return new Map(
      messages.map((m) => [m.envelope?.subject ?? '', { uid: m.uid, flags: [...(m.flags ?? [])].sort() }]),
    );
  } catch (error) {
    if ((error as { responseStatus?: string }).responseStatus === 'NO') return new Map();
    throw error;
  } finally {
    await client.logout();
  }
}

async function withOther(fn: (client: ImapFlow) => Promise<void>): Promise<void> {
  const client = await otherClient(servers, user);
  try {
    await fn(client);
  } finally {
    await client.logout();
  }
}

describe.sequential('local message actions against Dovecot', () => {
  it('mark read and flag apply locally at once, emit mailbox:changed and reach the server', async () => {
    const inboxId = mailboxId(app, accountId, 'INBOX');
    expect(row(1)?.modseq).not.toBeNull(); // CONDSTORE: the guard below has something to compare
    events.length = 0;
    const read = await call(app, 'messages:setFlags', { ids: [idOf(1), idOf(2)], add: ['seen'] });
    const flag = await call(app, 'messages:setFlags', { ids: [idOf(2)], add: ['flagged'] });
    expect(read).toEqual({ changed: 2, queued: 1 });
    expect(flag).toEqual({ changed: 1, queued: 1 });
    // Local state before the server heard anything.
    expect(row(1)).toMatchObject({ unread: 0, flagged: 0 });
    expect(row(2)).toMatchObject({ unread: 0, flagged: 1 });
    expect(JSON.parse(row(2)?.flags ?? '[]')).toEqual(['\\Flagged', '\\Seen']);
    expect(events).toContainEqual({ event: 'mailbox:changed', payload: { accountId, mailboxId: inboxId } });

    await settleReplays(app.ctx);
    expect(pending(app, accountId)).toEqual([]);
    const server = await serverView('INBOX');
    expect(server.get('Message 1')?.flags).toEqual(['\\Seen']);
    expect(server.get('Message 2')?.flags).toEqual(['\\Flagged', '\\Seen']);
    expect(server.get('Message 3')?.flags).toEqual([]);

    const unread = await call(app, 'messages:setFlags', { ids: [idOf(1)], remove: ['seen'] });
    expect(unread.changed).toBe(1);
    await settleReplays(app.ctx);
    expect((await serverView('INBOX')).get('Message 1')?.flags).toEqual([]);
  });

  it('move and archive land on the server and the local rows get their new UIDs', async () => {
    const junk = mailboxId(app, accountId, 'Junk');
    const oldUid = row(3)?.uid;
    const moved = await call(app, 'messages:move', { ids: [idOf(3)], toMailboxId: junk });
    expect(moved).toEqual({ changed: 1, queued: 1 });
    // Re-homed at once, provisional (no UID) until the server answers.
    expect(row(3)).toMatchObject({ path: 'Junk', uid: null });
    const archived = await call(app, 'messages:archive', { ids: [idOf(4), idOf(5)] });
    expect(archived.changed).toBe(2);
    expect(row(4)?.path).toBe('Archive');

    await settleReplays(app.ctx);
    expect(pending(app, accountId)).toEqual([]);
    const inbox = await serverView('INBOX');
    const junkOnServer = await serverView('Junk');
    const archive = await serverView('Archive');
    expect(inbox.has('Message 3')).toBe(false);
    expect(junkOnServer.get('Message 3')?.uid).toBe(row(3)?.uid);
    expect(row(3)?.uid).not.toBe(null);
    expect(oldUid).not.toBeUndefined();
    expect(archive.get('Message 4')?.uid).toBe(row(4)?.uid);
    expect(archive.get('Message 5')?.uid).toBe(row(5)?.uid);

    // A sync pass afterwards agrees: nothing duplicated, nothing lost.
    const pass = await call(app, 'sync:run', { accountId });
    expect(pass.accounts[0]?.ok).toBe(true);
    for (const n of [3, 4, 5]) expect(rowsBySubject(app, accountId, `Message ${n}`)).toHaveLength(1);
  });

  it('delete goes to Trash; delete in Trash expunges for good', async () => {
    await call(app, 'messages:delete', { ids: [idOf(6)] });
    expect(row(6)?.path).toBe('Trash');
    await settleReplays(app.ctx);
    expect((await serverView('Trash')).get('Message 6')?.uid).toBe(row(6)?.uid);
    expect((await serverView('INBOX')).has('Message 6')).toBe(false);

    const gone = await call(app, 'messages:delete', { ids: [idOf(6)] });
    expect(gone).toEqual({ changed: 1, queued: 1 });
    expect(row(6)).toBeUndefined();
    await settleReplays(app.ctx);
    expect((await serverView('Trash')).has('Message 6')).toBe(false);
    expect(pending(app, accountId)).toEqual([]);
  });

  it('rejects an unknown message and a folder of another kind clearly', async () => {
    await expect(call(app, 'messages:delete', { ids: ['nope'] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call(app, 'messages:move', { ids: [idOf(7)], toMailboxId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('actions taken while the server is unreachable stay queued across a restart and replay once reachable', async () => {
    offline();
    await call(app, 'messages:setFlags', { ids: [idOf(7)], add: ['flagged'] });
    await call(app, 'messages:archive', { ids: [idOf(8)] });
    await settleReplays(app.ctx);
    expect(row(7)?.flagged).toBe(1);
    expect(pending(app, accountId).map((a) => a.kind)).toEqual(['add_flags', 'move']);
    const cut = await call(app, 'sync:run', { accountId });
    expect(cut.accounts[0]?.ok).toBe(false);

    // Durable: a fresh process sees the same queue.
    await app.close();
    app = await openApp(servers, profile);
    app.bus.subscribe((event, payload) => events.push({ event, payload }));
    expect(pending(app, accountId).map((a) => a.kind)).toEqual(['add_flags', 'move']);
    expect(row(8)?.path).toBe('Archive');

    online();
    const pass = await call(app, 'sync:run', { accountId });
    expect(pass.accounts[0]?.ok).toBe(true);
    expect(pending(app, accountId)).toEqual([]);
    expect((await serverView('INBOX')).get('Message 7')?.flags).toEqual(['\\Flagged']);
    expect((await serverView('Archive')).get('Message 8')?.uid).toBe(row(8)?.uid);
    expect(rowsBySubject(app, accountId, 'Message 8')).toHaveLength(1);
  });

  it('a flag changed on the server by another client before the replay wins', async () => {
    offline();
    await call(app, 'messages:setFlags', { ids: [idOf(7)], add: ['seen'] });
    expect(row(7)?.unread).toBe(0);
    await settleReplays(app.ctx);
    const uid = row(7)?.uid ?? 0;
    await withOther(async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsRemove(String(uid), ['\\Flagged'], { uid: true });
    });
    online();
    const result = await replayAccountNow(app.ctx, accountId);
    expect(result).toEqual({ done: 1, dropped: 0, waiting: 0 });
    // The server's version: unflagged by the other client, and our \Seen not applied.
    expect((await serverView('INBOX')).get('Message 7')?.flags).toEqual([]);
    expect(row(7)).toMatchObject({ unread: 1, flagged: 0 });
  });

  it('replaying twice is a no-op: a move the server already did counts as done, with no duplicate row', async () => {
    offline();
    await call(app, 'messages:move', { ids: [idOf(2)], toMailboxId: mailboxId(app, accountId, 'Junk') });
    await settleReplays(app.ctx);
    // As if a first replay moved it and was cut off before the store learned of it.
    await withOther(async (client) => {
      await client.mailboxOpen('INBOX');
      const uids = await client.search({ subject: 'Message 2' }, { uid: true });
      expect(Array.isArray(uids) ? uids : []).toHaveLength(1);
      await client.messageMove(Array.isArray(uids) ? uids.join(',') : '0', 'Junk', { uid: true });
    });
    online();
    expect(await replayAccountNow(app.ctx, accountId)).toEqual({ done: 1, dropped: 0, waiting: 0 });
    expect(await replayAccountNow(app.ctx, accountId)).toEqual({ done: 0, dropped: 0, waiting: 0 });
    await call(app, 'sync:run', { accountId });
    expect(rowsBySubject(app, accountId, 'Message 2').map((r) => r.path)).toEqual(['Junk']);
    expect([...(await serverView('Junk')).keys()].filter((s) => s === 'Message 2')).toHaveLength(1);
  });

  it("a UIDVALIDITY change drops that folder's pending actions with a notice", async () => {
    await withOther((client) => client.mailboxCreate('Projects').then(() => undefined));
    await deliverMessage(servers.dovecot, user.name, rawMessage(90), 'Projects');
    await call(app, 'sync:run', { accountId });
    offline();
    await call(app, 'messages:setFlags', { ids: [idOf(90)], add: ['flagged'] });
    await call(app, 'messages:move', { ids: [idOf(90)], toMailboxId: mailboxId(app, accountId, 'Archive') });
    await settleReplays(app.ctx);
    expect(pending(app, accountId)).toHaveLength(2);
    await withOther(async (client) => {
      await client.mailboxDelete('Projects');
      await client.mailboxCreate('Projects');
    });
    await deliverMessage(servers.dovecot, user.name, rawMessage(90), 'Projects');
    online();
    events.length = 0;
    expect(await replayAccountNow(app.ctx, accountId)).toEqual({ done: 0, dropped: 2, waiting: 0 });
    const notices = events
      .filter((e) => e.event === 'app:notice')
      .map((e) => (e.payload as { message: string }).message);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/Projects.*UIDVALIDITY/);
    // Nothing reached the server, and after the pass the folder is rebuilt from the server alone.
    expect((await serverView('Archive')).has('Message 90')).toBe(false);
    await call(app, 'sync:run', { accountId });
    expect(rowsBySubject(app, accountId, 'Message 90').map((r) => r.path)).toEqual(['Projects']);
    expect(row(90)?.flagged).toBe(0);
  });

  it('a connection lost during the replay keeps the action (attempts, last error) for the next pass', async () => {
    offline();
    await call(app, 'messages:setFlags', { ids: [idOf(8)], add: ['flagged'] });
    await settleReplays(app.ctx);
    online();
    const account = app.ctx.settings.get('accounts').find((a) => a.id === accountId);
    if (!account) throw new Error('account missing');
    const session = await openImapSession(account, user.password, { trust: { extraCa: [servers.tls.ca] } });
    session.client.close(); // logged in, then the line drops before the first command
    const notices: string[] = [];
    const deps = {
      db: app.ctx.store.db,
      client: session.client,
      condstore: session.condstore,
      notice: (_id: string, message: string) => notices.push(message),
      mailboxChanged: () => undefined,
    };
    await expect(replayPendingActions(deps, accountId)).rejects.toThrow();
    expect(pending(app, accountId)).toMatchObject([{ kind: 'add_flags', attempts: 1 }]);
    expect(pending(app, accountId)[0]?.last_error).toBeTruthy();
    expect(notices).toEqual([]);
    expect(await replayAccountNow(app.ctx, accountId)).toEqual({ done: 1, dropped: 0, waiting: 0 });
    expect((await serverView('Archive')).get('Message 8')?.flags).toEqual(['\\Flagged']);
  });

  it('a move the server refuses (destination deleted meanwhile) is dropped with a notice and undone locally', async () => {
    await withOther((client) => client.mailboxCreate('Later').then(() => undefined));
    await call(app, 'sync:run', { accountId });
    offline();
    const before = row(7);
    await call(app, 'messages:move', { ids: [idOf(7)], toMailboxId: mailboxId(app, accountId, 'Later') });
    await settleReplays(app.ctx);
    expect(row(7)?.path).toBe('Later');
    await withOther((client) => client.mailboxDelete('Later').then(() => undefined));
    online();
    events.length = 0;
    expect(await replayAccountNow(app.ctx, accountId)).toEqual({ done: 0, dropped: 1, waiting: 0 });
    expect(events.some((e) => e.event === 'app:notice')).toBe(true);
    expect(row(7)).toMatchObject({ path: 'INBOX', uid: before?.uid });
    expect((await serverView('INBOX')).has('Message 7')).toBe(true);
  });

  it('what the user does to a moved message before it has a UID follows it to the server', async () => {
    offline();
    const junk = mailboxId(app, accountId, 'Junk');
    await call(app, 'messages:move', { ids: [idOf(4), idOf(5)], toMailboxId: junk });
    // Neither has a UID in Junk yet: these change only the store now, and are sent after the move.
    expect(await call(app, 'messages:setFlags', { ids: [idOf(4)], add: ['flagged'] })).toEqual({
      changed: 1,
      queued: 0,
    });
    await call(app, 'messages:delete', { ids: [idOf(5)] }); // Junk → Trash
    expect(row(5)?.path).toBe('Trash');
    await call(app, 'messages:delete', { ids: [idOf(5)] }); // Trash → gone
    expect(row(5)).toBeUndefined();
    await settleReplays(app.ctx);
    online();
    const result = await replayAccountNow(app.ctx, accountId);
    expect(result).toMatchObject({ dropped: 0, waiting: 0 });
    expect(pending(app, accountId)).toEqual([]);
    const junkOnServer = await serverView('Junk');
    expect(junkOnServer.get('Message 4')).toEqual({ uid: row(4)?.uid, flags: ['\\Flagged'] });
    expect(junkOnServer.has('Message 5')).toBe(false);
    expect((await serverView('Archive')).has('Message 5')).toBe(false);
    expect((await serverView('Trash')).has('Message 5')).toBe(false);
    await call(app, 'sync:run', { accountId });
    expect(rowsBySubject(app, accountId, 'Message 4')).toHaveLength(1);
    expect(rowsBySubject(app, accountId, 'Message 5')).toHaveLength(0);
  });
});
