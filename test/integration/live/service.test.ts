import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { EventName } from '../../../shared/ipc/channels';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { accountFor, rawMessage, rowsOf } from '../sync/fixture';
import { waitFor } from './live-rig';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-live-service-'));
let user: TestUser;
let app: NodeApp;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'livesvc');
  app = await openNodeApp({
    profileDir: profile,
    shell: 'web',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    live: { pollIntervalMs: 600_000 },
  });
  app.bus.subscribe((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await app.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('live sync service (browser shell wiring)', () => {
  it('starts watching an account when it is added, pushes events, and stops when it is removed', async () => {
    const live = app.live;
    expect(live?.watching()).toEqual([]);
    const saved = await app.dispatcher.dispatch(
      'accounts:save',
      { account: { ...accountFor(servers, user), id: null }, password: user.password },
      { transport: 'test' },
    );
    expect(saved.ok).toBe(true);
    const accountId = (saved.ok ? (saved.value as { id: string }).id : '') as string;
    await waitFor('a watcher', () => live?.watching().includes(accountId) === true);
    await waitFor('the catch-up', () =>
      events.some((e) => e.event === 'sync:status' && (e.payload as { state: string }).state === 'idle'),
    );

    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'through the service' }));
    await waitFor('the pushed message', () =>
      rowsOf(app.ctx.store.db, accountId, 'INBOX').some((r) => r.subject === 'through the service'),
    );
    expect(events.some((e) => e.event === 'mailbox:changed')).toBe(true);
    expect(events.some((e) => e.event === 'sync:progress')).toBe(true);

    await app.dispatcher.dispatch('accounts:remove', { id: accountId }, { transport: 'test' });
    await waitFor('the watcher to go', () => live?.watching().length === 0);
  }, 30_000);
});
