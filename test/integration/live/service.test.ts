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

    const delivered = rawMessage(1, { subject: 'through the service' });
    await deliverMessage(servers.dovecot, user.name, delivered);
    await waitFor('the pushed message', () =>
      rowsOf(app.ctx.store.db, accountId, 'INBOX').some((r) => r.subject === 'through the service'),
    );
    // Its body arrived through the app's own parser pool, and the raw bytes kept are exactly the
    // ones delivered (the parser copies them; it must never take the buffer the store writes).
    const stored = () =>
      app.ctx.store.db.get<{ bytes: Buffer }>(
        `SELECT r.bytes FROM messages m JOIN raw_messages r ON r.hash = m.raw_hash
          WHERE m.account_id = ? AND m.subject = 'through the service' AND m.body_state = 'stored'`,
        [accountId],
      )?.bytes;
    await waitFor('the stored body', () => stored() !== undefined);
    expect(stored()?.equals(Buffer.from(delivered))).toBe(true);
    expect(events.some((e) => e.event === 'mailbox:changed')).toBe(true);
    expect(events.some((e) => e.event === 'sync:progress')).toBe(true);

    await app.dispatcher.dispatch('accounts:remove', { id: accountId }, { transport: 'test' });
    await waitFor('the watcher to go', () => live?.watching().length === 0);
  }, 30_000);

  it('never runs a pass the user asks for at the same time as the watcher’s pass over the account', async () => {
    const other = await addMailUser(servers.dovecot, 'livelock');
    for (let n = 1; n <= 30; n++)
      await deliverMessage(servers.dovecot, other.name, rawMessage(n, { subject: `lock ${n}` }));
    const from = events.length;
    const saved = await app.dispatcher.dispatch(
      'accounts:save',
      { account: { ...accountFor(servers, other), id: null }, password: other.password },
      { transport: 'test' },
    );
    const accountId = (saved.ok ? (saved.value as { id: string }).id : '') as string;
    // The watcher's catch-up starts as soon as the account is saved; these ask for more at once.
    const asked = await Promise.all(
      [1, 2, 3].map(() => app.dispatcher.dispatch('sync:run', { accountId }, { transport: 'test' })),
    );
    expect(asked.every((r) => r.ok)).toBe(true);
    await waitFor('the watcher to finish', () =>
      events
        .slice(from)
        .some((e) => e.event === 'sync:status' && (e.payload as { accountId: string; state: string }).state === 'idle'),
    );
    await app.live?.checkNow(accountId);
    const states = events
      .slice(from)
      .filter((e) => e.event === 'sync:status' && (e.payload as { accountId: string }).accountId === accountId)
      .map((e) => (e.payload as { state: string }).state);
    // Each pass says syncing when it starts and idle when it ends: two passes at once would
    // show two syncing in a row.
    expect(states.length).toBeGreaterThanOrEqual(4);
    expect(states.join(' ')).not.toMatch(/syncing syncing/);
    expect(rowsOf(app.ctx.store.db, accountId, 'INBOX')).toHaveLength(30);
    await app.dispatcher.dispatch('accounts:remove', { id: accountId }, { transport: 'test' });
  }, 60_000);
});
