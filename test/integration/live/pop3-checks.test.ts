import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor, rawMessage, rowsOf } from '../sync/fixture';
import { waitFor } from './live-rig';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-pop3-checks-'));
let user: TestUser;
let app: NodeApp;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'pop3tick');
  app = await openNodeApp({
    profileDir: profile,
    shell: 'web',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    live: { pollIntervalMs: 600_000, pop3IntervalMs: 300 },
  });
});
afterAll(async () => {
  await app.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('POP3 checks on a timer (live sync service)', () => {
  it('retrieves mail for a POP3 account without anyone asking, and keeps doing so', async () => {
    const imap = accountFor(servers, user);
    const account = {
      ...imap,
      id: null,
      incoming: { ...imap.incoming, protocol: 'pop3' as const, port: servers.pop3.port, security: 'starttls' as const },
    };
    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'first by timer' }));
    const saved = await app.dispatcher.dispatch(
      'accounts:save',
      { account, password: user.password },
      { transport: 'test' },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    const accountId = (saved.value as { id: string }).id;
    await waitFor('the first check', () => rowsOf(app.ctx.store.db, accountId, 'INBOX').length === 1);

    await deliverMessage(servers.dovecot, user.name, rawMessage(2, { subject: 'second by timer' }));
    await waitFor('a later check', () => rowsOf(app.ctx.store.db, accountId, 'INBOX').length === 2);
    expect(
      rowsOf(app.ctx.store.db, accountId, 'INBOX')
        .map((r) => r.subject)
        .sort(),
    ).toEqual(['first by timer', 'second by timer']);
    // The IMAP watcher leaves POP3 accounts alone.
    expect(app.live?.watching()).toEqual([]);
  }, 30_000);
});
