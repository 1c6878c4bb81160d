import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import { downloadBody } from '../../../main/services/download-body';
import { readRawMessage, runSync } from '../../../main/services/sync';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor, rawMessage, rowsOf } from './fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-download-body-'));
let user: TestUser;
let app: NodeApp;
let accountId: string;
// Bigger than the limit below: sync leaves its body on the server.
const big = rawMessage(1, { subject: 'Large report' }).replace(
  'Body of message 1.',
  `Body of message 1.\r\n${'A long line of the large report.\r\n'.repeat(400)}`,
);

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'ondemand');
  await deliverMessage(servers.dovecot, user.name, big);
  await deliverMessage(servers.dovecot, user.name, rawMessage(2, { subject: 'Small note' }));
  app = await openNodeApp({
    profileDir: profile,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } }, maxBodyBytes: 4_000 },
  });
  const saved = await app.dispatcher.dispatch(
    'accounts:save',
    { account: { ...accountFor(servers, user), id: null }, password: user.password },
    { transport: 'test' },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  accountId = (saved.value as { id: string }).id;
  await runSync(app.ctx, accountId);
});
afterAll(async () => {
  await app.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('a body sync left on the server, fetched when the user opens the message', () => {
  it('downloads, parses and stores it byte for byte, whatever its size', async () => {
    const before = rowsOf(app.ctx.store.db, accountId, 'INBOX');
    const large = before.find((r) => r.subject === 'Large report');
    expect(large?.body_state).toBe('too_large');
    expect(before.find((r) => r.subject === 'Small note')?.body_state).toBe('stored');

    const id =
      app.ctx.store.db.get<{ id: string }>('SELECT id FROM messages WHERE account_id = ? AND subject = ?', [
        accountId,
        'Large report',
      ])?.id ?? '';
    const detail = await downloadBody(app.ctx, id);
    expect(detail.bodyState).toBe('stored');
    expect(detail.text).toContain('A long line of the large report.');
    const raw = await readRawMessage(app.ctx, detail.rawHash ?? '');
    expect(raw?.toString('utf8')).toBe(big);
    // Asking again changes nothing and needs no server.
    expect((await downloadBody(app.ctx, id)).rawHash).toBe(detail.rawHash);
  });
});
