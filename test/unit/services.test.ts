import { describe, expect, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../main/platform/node/open-node-app';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import { channelExamples } from '../../shared/ipc/examples';
import { noNetwork } from '../support/no-network';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

async function open(): Promise<
  NodeApp & { call: <C extends ChannelName>(c: C, i: ChannelInput<C>) => Promise<ChannelOutput<C>> }
> {
  const app = await openNodeApp({
    profileDir: tempDir(),
    shell: 'web',
    env: { LETTERBOX_SECRETS: 'vault' },
    probes: noNetwork,
  });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>) => {
    const result = await app.dispatcher.dispatch(channel, input, { transport: 'test' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as ChannelOutput<C>;
  };
  return Object.assign(app, { call });
}

function seed(app: NodeApp, count: number): void {
  const example = channelExamples['accounts:get'].output;
  app.ctx.settings.set('accounts', [
    { ...example, id: 'a1', displayName: 'Home' },
    {
      ...example,
      id: 'a2',
      displayName: 'Shop',
      includeInUnified: false,
      incoming: { ...example.incoming, protocol: 'pop3' },
    },
  ]);
  const db = app.ctx.store.db;
  db.transaction((tx) => {
    tx.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in1', 'a1', 'INBOX', 'Inbox', 'inbox')",
    );
    tx.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('arch1', 'a1', 'Archive', 'Archive', 'archive')",
    );
    tx.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in2', 'a2', 'INBOX', 'Inbox', 'inbox')",
    );
    for (let i = 0; i < count; i += 1) {
      const date = new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 2))).toISOString(); // pairs share a date
      tx.run(
        `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, unread)
         VALUES (?, 'a1', 'in1', ?, 'Grace', 'grace@example.org', ?, ?)`,
        [`m${String(i).padStart(3, '0')}`, `Subject ${i}`, date, i % 3 === 0 ? 1 : 0],
      );
    }
    tx.run(
      "INSERT INTO messages (id, account_id, mailbox_id, date) VALUES ('other', 'a2', 'in2', '2027-01-01T00:00:00.000Z')",
    );
  });
}

describe('services through the dispatcher, on a real store', () => {
  it('app:info describes the shell, profile, schema and secret backend', async () => {
    const app = await open();
    const info = await app.call('app:info', {});
    expect(info).toMatchObject({
      name: 'Letterbox',
      shell: 'web',
      profileDir: app.profileDir,
      schemaVersion: LATEST_SCHEMA_VERSION,
      secretBackend: 'file-vault',
    });
    expect(info.notices.map((n) => n.code)).toContain('weak_secret_store');
    await app.close();
  });

  it('lists accounts from settings and folders with counts, special folders first', async () => {
    const app = await open();
    seed(app, 9);
    expect((await app.call('accounts:list', {})).accounts.map((a) => a.id)).toEqual(['a1', 'a2']);
    const { mailboxes } = await app.call('mailboxes:list', { accountId: 'a1' });
    expect(mailboxes.map((m) => [m.id, m.unread, m.total])).toEqual([
      ['in1', 3, 9],
      ['arch1', 0, 0],
    ]);
    expect((await app.call('mailboxes:list', {})).mailboxes).toHaveLength(3);
    await app.close();
  });

  it('pages messages newest first with a cursor, without skipping or repeating equal dates', async () => {
    const app = await open();
    seed(app, 25);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ChannelOutput<'messages:list'> = await app.call('messages:list', {
        source: { kind: 'mailbox', mailboxId: 'in1' },
        limit: 7,
        cursor,
      });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: 25 }, (_, i) => `m${String(24 - i).padStart(3, '0')}`);
    expect(seen).toEqual(expected);
    await app.close();
  });

  it('unified inbox includes only accounts that take part in it', async () => {
    const app = await open();
    seed(app, 3);
    const { messages } = await app.call('messages:list', { source: { kind: 'unified', specialUse: 'inbox' } });
    expect(messages.map((m) => m.accountId)).toEqual(['a1', 'a1', 'a1']);
    expect(messages[0]).toMatchObject({ from: { name: 'Grace', address: 'grace@example.org' }, unread: false });
    await app.close();
  });

  it('rejects a forged cursor with a clear error', async () => {
    const app = await open();
    const result = await app.dispatcher.dispatch(
      'messages:list',
      { source: { kind: 'mailbox', mailboxId: 'x' }, cursor: 'not-a-cursor' },
      { transport: 'test' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await app.close();
  });

  it('sync:statuses gives a window opened later each account’s last status', async () => {
    const app = await open();
    try {
      expect(await app.call('sync:statuses', {})).toEqual({ statuses: [] });
      const at = '2026-11-30T10:00:00.000Z';
      app.bus.emit('sync:status', { accountId: 'a1', state: 'syncing', message: null, at });
      app.bus.emit('sync:status', { accountId: 'a1', state: 'error', message: 'Login refused', at });
      app.bus.emit('sync:status', { accountId: 'a2', state: 'idle', message: null, at });
      expect((await app.call('sync:statuses', {})).statuses).toEqual([
        { accountId: 'a1', state: 'error', message: 'Login refused', at },
        { accountId: 'a2', state: 'idle', message: null, at },
      ]);
      app.bus.emit('accounts:changed', { accountId: 'a1', change: 'removed' });
      expect((await app.call('sync:statuses', {})).statuses.map((s) => s.accountId)).toEqual(['a2']);
    } finally {
      await app.close();
    }
  });

  it('prefs:update changes only the given fields and persists them', async () => {
    const app = await open();
    await app.call('prefs:update', { paneSizes: [250, 500] });
    expect(await app.call('prefs:update', { layout: 'stacked' })).toEqual({
      layout: 'stacked',
      paneSizes: [250, 500],
      undoSendSeconds: 5,
      signaturePlacement: 'below',
      remoteContentSenders: [],
      listHeight: 320,
    });
    await app.close();
    const reopened = await openNodeApp({
      profileDir: app.profileDir,
      shell: 'cli',
      env: { LETTERBOX_SECRETS: 'vault' },
    });
    expect(reopened.ctx.settings.get('prefs')).toEqual({
      layout: 'stacked',
      paneSizes: [250, 500],
      undoSendSeconds: 5,
      signaturePlacement: 'below',
      remoteContentSenders: [],
      listHeight: 320,
    });
    await reopened.close();
  });
});
