import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { EventName } from '../../../shared/ipc/channels';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor, rawMessage } from './fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-sync-service-'));
let user: TestUser;
let app: NodeApp;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'svc');
  await deliverMessage(servers.dovecot, user.name, rawMessage(1));
  app = await openNodeApp({
    profileDir: profile,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
  });
  const draft = accountFor(servers, user);
  const saved = await app.dispatcher.dispatch(
    'accounts:save',
    { account: { ...draft, id: null }, password: user.password },
    { transport: 'test' },
  );
  expect(saved.ok).toBe(true);
});
afterAll(async () => {
  await app.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('sync:run through the dispatcher', () => {
  it('syncs, emits status/progress/mailbox:changed events, and the message list shows the rows', async () => {
    const events: { event: EventName; payload: unknown }[] = [];
    const unsubscribe = app.bus.subscribe((event, payload) => events.push({ event, payload }));
    const result = await app.dispatcher.dispatch('sync:run', { accountId: null }, { transport: 'test' });
    unsubscribe();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { accounts } = result.value as { accounts: { ok: boolean; folders: { path: string; added: number }[] }[] };
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.ok).toBe(true);

    const statuses = events.filter((e) => e.event === 'sync:status').map((e) => (e.payload as { state: string }).state);
    expect(statuses).toEqual(['syncing', 'idle']);
    const phases = new Set(
      events.filter((e) => e.event === 'sync:progress').map((e) => (e.payload as { phase: string }).phase),
    );
    expect([...phases]).toEqual(expect.arrayContaining(['folders', 'headers', 'bodies', 'done']));
    const changed = events.filter((e) => e.event === 'mailbox:changed');
    expect(changed.length).toBeGreaterThan(0);

    const boxes = await app.dispatcher.dispatch('mailboxes:list', { accountId: null }, { transport: 'test' });
    expect(boxes.ok).toBe(true);
    if (!boxes.ok) return;
    const inbox = (boxes.value as { mailboxes: { id: string; path: string; unread: number }[] }).mailboxes.find(
      (m) => m.path === 'INBOX',
    );
    expect(inbox?.unread).toBe(1);
    expect(changed.map((e) => (e.payload as { mailboxId: string }).mailboxId)).toContain(inbox?.id);

    // messages:list validates its output against the contract: the synced row must fit it.
    const list = await app.dispatcher.dispatch(
      'messages:list',
      { source: { kind: 'unified', specialUse: 'inbox' } },
      { transport: 'test' },
    );
    expect(list).toMatchObject({
      ok: true,
      value: { messages: [{ subject: 'Message 1', snippet: 'Body of message 1.', unread: true }] },
    });
  });

  it('rejects an unknown account', async () => {
    const result = await app.dispatcher.dispatch('sync:run', { accountId: 'nope' }, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
