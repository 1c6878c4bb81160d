import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import { getRaw } from '../../../main/outbox/outbox-store';
import { readRawMessage } from '../../../main/services/sync';
import { harnessAccount } from '../../support/harness-account';
import type { EventName } from '../../../shared/ipc/channels';
import type { Account } from '../../../shared/model/account';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { startCutProxy, type CutProxy } from '../sync/cut-proxy';
import { call, findByMessageId, openOutboxApp, saveSender, spooled, waitForState, withImap } from './fixture';

const servers = inject('mailServers');
const profiles: string[] = [];
const profile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'letterbox-outbox-'));
  profiles.push(dir);
  return dir;
};
let sender: TestUser;
let recipient: TestUser;
let app: NodeApp;
let account: Account;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  sender = await addMailUser(servers.dovecot, 'out');
  recipient = await addMailUser(servers.dovecot, 'rcpt');
  app = await openOutboxApp(servers, profile(), { live: true });
  app.bus.subscribe((event, payload) => events.push({ event, payload }));
  account = await saveSender(app, servers, sender);
  await call(app, 'prefs:update', { undoSendSeconds: 0 });
});

afterAll(async () => {
  await app?.close();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

const draft = (subject: string, extra: Record<string, unknown> = {}) => ({
  accountId: account.id,
  identityId: account.identities[0]?.id ?? '',
  to: [{ name: 'Recipient', address: recipient.address }],
  subject,
  text: `Body of ${subject}`,
  ...extra,
});

describe('outbox over the harness SMTP server and Dovecot', () => {
  it('sends once, byte for byte, files the same bytes in Sent as read, and keeps the delivery details', async () => {
    const queued = await call(app, 'outbox:send', { draft: draft('First over the outbox') });
    const item = await waitForState(app, queued.id, ['filed']);
    const stored = getRaw(app.ctx.store.db, queued.id);

    const delivered = await spooled(servers, item.messageId);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.raw.equals(stored ?? Buffer.alloc(0))).toBe(true);
    expect(delivered[0]?.envelope).toEqual({ mailFrom: sender.address, rcptTo: [recipient.address] });
    expect(delivered[0]?.secure).toBe(true);

    const [inbox, sent] = await Promise.all([
      withImap(servers, recipient, (c) => findByMessageId(c, 'INBOX', item.messageId)),
      withImap(servers, sender, (c) => findByMessageId(c, 'Sent', item.messageId)),
    ]);
    expect(inbox).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.source.equals(stored ?? Buffer.alloc(0))).toBe(true);
    expect(sent[0]?.flags.has('\\Seen')).toBe(true);

    const details = await call(app, 'outbox:get', { id: queued.id });
    expect(details.filing.state).toBe('filed');
    const attempt = details.attemptLog[0];
    expect(attempt?.outcome).toBe('sent');
    expect(attempt?.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(attempt?.server).toBe(`${servers.host}:${servers.smtp.port}`);
    const transcript = attempt?.transcript.map((l) => `${l.dir} ${l.text}`).join('\n') ?? '';
    for (const step of [
      'client EHLO',
      'client STARTTLS',
      'client AUTH',
      'client MAIL FROM',
      'client RCPT TO',
      'server 250',
    ])
      expect(transcript).toContain(step);
    expect(transcript).not.toContain(sender.password);
    expect(transcript).not.toContain(Buffer.from(`\0${sender.name}\0${sender.password}`).toString('base64'));
    const states = events
      .filter((e) => e.event === 'outbox:changed' && (e.payload as { id: string }).id === queued.id)
      .map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(expect.arrayContaining(['queued', 'sending', 'sent', 'filed']));
  });

  it('logs in to SMTP with the incoming login when the account shares one for both servers', async () => {
    const dir = profile();
    const shared = await openOutboxApp(servers, dir);
    try {
      // As manual setup leaves it: outgoing username is the address, "same credentials" ticked.
      const own = await saveSender(shared, servers, sender, { username: sender.address });
      await call(shared, 'prefs:update', { undoSendSeconds: 0 });
      const queued = await call(shared, 'outbox:send', {
        draft: { ...draft('Shared login'), accountId: own.id, identityId: own.identities[0]?.id ?? '' },
      });
      await call(shared, 'outbox:flush', {});
      expect((await call(shared, 'outbox:get', { id: queued.id })).state).toMatch(/sent|filed/);
      expect(await spooled(servers, queued.messageId)).toHaveLength(1);
    } finally {
      await shared.close();
    }
  });

  it('files a POP3 account’s sent mail into its local Sent folder, readable byte for byte', async () => {
    const dir = profile();
    const pop = await openOutboxApp(servers, dir);
    try {
      const base = harnessAccount(servers, sender, { protocol: 'pop3', port: servers.pop3.port });
      const saved = await call(pop, 'accounts:save', { account: { ...base, id: null }, password: sender.password });
      const own = await call(pop, 'accounts:get', { id: saved.id });
      await call(pop, 'prefs:update', { undoSendSeconds: 0 });
      const queued = await call(pop, 'outbox:send', {
        draft: { ...draft('From a POP3 account'), accountId: own.id, identityId: own.identities[0]?.id ?? '' },
      });
      await call(pop, 'outbox:flush', {});
      expect((await call(pop, 'outbox:get', { id: queued.id })).state).toBe('filed');
      const row = pop.ctx.store.db.get<{ path: string; raw_hash: string; unread: number; subject: string }>(
        `SELECT mbx.path, msg.raw_hash, msg.unread, msg.subject FROM messages msg
           JOIN mailboxes mbx ON mbx.id = msg.mailbox_id WHERE msg.account_id = ? AND msg.message_id = ?`,
        [own.id, queued.messageId],
      );
      expect(row).toMatchObject({ path: 'Sent', unread: 0, subject: 'From a POP3 account' });
      const bytes = await readRawMessage(pop.ctx, row?.raw_hash ?? '');
      expect(bytes?.equals(getRaw(pop.ctx.store.db, queued.id) ?? Buffer.alloc(0))).toBe(true);
    } finally {
      await pop.close();
    }
  });

  it('gives a message back as a draft when undo is pressed within the delay', async () => {
    await call(app, 'prefs:update', { undoSendSeconds: 30 });
    try {
      const queued = await call(app, 'outbox:send', { draft: draft('Undone before it left') });
      expect(queued.state).toBe('scheduled');
      const { draftId } = await call(app, 'outbox:cancel', { id: queued.id });
      const saved = app.ctx.store.db.get<{ draft_json: string }>('SELECT draft_json FROM drafts WHERE id = ?', [
        draftId,
      ]);
      expect(JSON.parse(saved?.draft_json ?? '{}')).toMatchObject({ subject: 'Undone before it left' });
      // "Send now" would have taken it, had it still been in the outbox.
      expect((await call(app, 'outbox:flush', {})).attempted).toBe(0);
      expect(await spooled(servers, queued.messageId)).toHaveLength(0);
    } finally {
      await call(app, 'prefs:update', { undoSendSeconds: 0 });
    }
  });

  it('sends a send-later message at its time and not before', async () => {
    const at = new Date(Date.now() + 1500);
    const queued = await call(app, 'outbox:send', { draft: draft('Later please'), sendAt: at.toISOString() });
    expect(queued).toMatchObject({ state: 'scheduled', sendLater: true });
    expect(queued.note).toMatch(/next starts/);
    const done = await waitForState(app, queued.id, ['filed']);
    expect(Date.parse(done.sentAt ?? '')).toBeGreaterThanOrEqual(at.getTime());
    expect(await spooled(servers, queued.messageId)).toHaveLength(1);
  });

  it('sends a send-later message whose time passed while the app was closed when it next starts', async () => {
    const dir = profile();
    const closed = await openOutboxApp(servers, dir);
    const own = await saveSender(closed, servers, sender);
    const queued = await call(closed, 'outbox:send', {
      draft: { ...draft('While I was away'), accountId: own.id, identityId: own.identities[0]?.id ?? '' },
      sendAt: new Date(Date.now() + 300).toISOString(),
    });
    await closed.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await spooled(servers, queued.messageId)).toHaveLength(0);
    const reopened = await openOutboxApp(servers, dir, { live: true });
    try {
      await waitForState(reopened, queued.id, ['filed']);
      expect(await spooled(servers, queued.messageId)).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('keeps sends while the server is unreachable and delivers them in order once it is back', async () => {
    const proxy: CutProxy = await startCutProxy(servers.smtp.port);
    const dir = profile();
    const offline = await openOutboxApp(servers, dir, { live: true });
    try {
      const own = await saveSender(offline, servers, sender, { port: proxy.port });
      await call(offline, 'prefs:update', { undoSendSeconds: 0 });
      proxy.cutAfterBytes = 0; // every connection dies at the greeting: "no network"
      const ids = [];
      for (const n of [1, 2, 3]) {
        const item = await call(offline, 'outbox:send', {
          draft: { ...draft(`Offline ${n}`), accountId: own.id, identityId: own.identities[0]?.id ?? '' },
        });
        ids.push(item);
      }
      const waiting = await waitForState(offline, ids[0]?.id ?? '', ['queued']);
      expect(waiting.lastError?.phase).toMatch(/connect|greeting|tls/);
      expect(waiting.nextAttemptAt).not.toBeNull();
      proxy.cutAfterBytes = null;
      for (const item of ids) await waitForState(offline, item.id, ['filed'], 15_000);
      const order = [];
      for (const item of ids) order.push((await spooled(servers, item.messageId))[0]?.seq ?? -1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const item of ids) expect(await spooled(servers, item.messageId)).toHaveLength(1);
    } finally {
      await offline.close();
      await proxy.close();
    }
  });
});
