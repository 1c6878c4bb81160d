import { describe, expect, it } from 'vitest';
import { secretKeys } from '../../main/accounts/credentials';
import { openNodeApp, type NodeApp } from '../../main/platform/node/open-node-app';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import { channelExamples } from '../../shared/ipc/examples';
import type { AccountDraft } from '../../shared/model/account';
import { noNetwork } from '../support/no-network';
import { filesContaining } from '../support/profile-scan';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'correct-horse-battery-42';

async function open(profileDir = tempDir()) {
  const app = await openNodeApp({ profileDir, shell: 'cli', env: { LETTERBOX_SECRETS: 'vault' }, probes: noNetwork });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await app.dispatcher.dispatch(channel, input, { transport: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as ChannelOutput<C>;
  };
  return Object.assign(app, { call });
}

const draft = (): AccountDraft => ({ ...channelExamples['accounts:get'].output, id: null });

function cacheMail(app: NodeApp, accountId: string, mailboxId: string, count: number): void {
  app.ctx.store.db.transaction((tx) => {
    tx.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES (?, ?, 'INBOX', 'Inbox')", [
      mailboxId,
      accountId,
    ]);
    for (let i = 0; i < count; i += 1) {
      tx.run("INSERT INTO messages (id, account_id, mailbox_id, date) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')", [
        `${mailboxId}-${i}`,
        accountId,
        mailboxId,
      ]);
    }
  });
}

describe('accounts', () => {
  it('saves a new account with its password in the secret store and nowhere else', async () => {
    const app = await open();
    const summary = await app.call('accounts:save', { account: draft(), password: PASSWORD });
    expect(summary).toMatchObject({ displayName: 'Work', email: 'ada@example.com', incoming: 'imap' });
    expect(await app.ctx.secrets.get(secretKeys.incoming(summary.id))).toBe(PASSWORD);
    const saved = await app.call('accounts:get', { id: summary.id });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(filesContaining(app.profileDir, PASSWORD)).toEqual([]);
    await app.close();
  });

  it('requires a password for a new account and refuses unacknowledged plaintext', async () => {
    const app = await open();
    await expect(app.call('accounts:save', { account: draft(), password: null })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const plaintext = { ...draft(), incoming: { ...draft().incoming, security: 'none' as const } };
    await expect(app.call('accounts:save', { account: plaintext, password: PASSWORD })).rejects.toThrow(
      /acknowledgement/,
    );
    expect(
      await app.call('accounts:save', { account: { ...plaintext, insecureAcknowledged: true }, password: PASSWORD }),
    ).toBeDefined();
    await app.close();
  });

  it('edits an account keeping its saved password when none is given', async () => {
    const app = await open();
    const { id } = await app.call('accounts:save', { account: draft(), password: PASSWORD });
    const account = await app.call('accounts:get', { id });
    await app.call('accounts:save', { account: { ...account, displayName: 'Office' }, password: null });
    expect((await app.call('accounts:list', {})).accounts).toMatchObject([{ id, displayName: 'Office' }]);
    expect(await app.ctx.secrets.get(secretKeys.incoming(id))).toBe(PASSWORD);
    await app.close();
  });

  it('removes an account with its cached mail and secrets, and nothing of other accounts', async () => {
    const app = await open();
    const keep = await app.call('accounts:save', { account: draft(), password: 'keep-me' });
    const drop = await app.call('accounts:save', {
      account: { ...draft(), displayName: 'Drop', outgoing: { ...draft().outgoing, sameCredentialsAsIncoming: false } },
      password: 'drop-me',
      outgoingPassword: 'drop-smtp',
    });
    cacheMail(app, keep.id, 'keep-inbox', 3);
    cacheMail(app, drop.id, 'drop-inbox', 5);
    expect(await app.call('accounts:remove', { id: drop.id })).toEqual({ removedMessages: 5 });
    expect((await app.call('accounts:list', {})).accounts.map((a) => a.id)).toEqual([keep.id]);
    expect(app.ctx.store.db.get('SELECT COUNT(*) AS n FROM messages')).toEqual({ n: 3 });
    expect(await app.ctx.secrets.get(secretKeys.incoming(drop.id))).toBeNull();
    expect(await app.ctx.secrets.get(secretKeys.outgoing(drop.id))).toBeNull();
    expect(await app.ctx.secrets.get(secretKeys.incoming(keep.id))).toBe('keep-me');
    await expect(app.call('accounts:get', { id: drop.id })).rejects.toMatchObject({ code: 'not_found' });
    await app.close();
  });

  it('tells every window when accounts change', async () => {
    const app = await open();
    const seen: unknown[] = [];
    app.bus.subscribe((event, payload) => seen.push([event, payload]));
    const { id } = await app.call('accounts:save', { account: draft(), password: PASSWORD });
    await app.call('accounts:remove', { id });
    expect(seen).toEqual([
      ['accounts:changed', { accountId: id, change: 'added' }],
      ['accounts:changed', { accountId: id, change: 'removed' }],
    ]);
    await app.close();
  });
});
