/**
 * The SIZE an SMTP server advertises is remembered per server (host and port), learned by the
 * account check and by every send, kept across restarts, and offered to compose (compose:limits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailProbes } from '../../../main/mail/probes';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { Account } from '../../../shared/model/account';
import { startLimitedSmtpServer, type LimitedSmtpServer } from '../../support/limited-smtp';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { call, saveSender, waitForState } from '../outbox/fixture';

const servers = inject('mailServers');
const LIMIT = 300_000;
/** What the harness's own submission server advertises (test/support/smtp.ts). */
const HARNESS_LIMIT = 25 * 1024 * 1024;

let dir: string;
let limited: LimitedSmtpServer;
let sender: TestUser;
let recipient: TestUser;

const openApp = (): Promise<NodeApp> =>
  openNodeApp({
    profileDir: dir,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    probes: createMailProbes({ extraCa: [servers.tls.ca] }),
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    outbox: { extraCa: [servers.tls.ca], policy: { delayMs: () => 300, giveUpAfterMs: 60_000 }, timeoutMs: 5_000 },
  });

const limitsOf = (app: NodeApp, account: Account) =>
  call(app, 'compose:limits', { accountId: account.id, identityId: account.identities[0]?.id ?? '' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'letterbox-size-limits-'));
  limited = await startLimitedSmtpServer(servers, LIMIT);
  [sender, recipient] = await Promise.all([addMailUser(servers.dovecot, 'lim'), addMailUser(servers.dovecot, 'limr')]);
});

afterAll(async () => {
  await limited?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SMTP size limit of each server', () => {
  it('is learned by the account check and kept across a restart', async () => {
    let app = await openApp();
    try {
      const account = await saveSender(app, servers, sender, { port: limited.port });
      expect(await limitsOf(app, account)).toEqual({
        host: servers.host,
        port: limited.port,
        state: 'unknown',
        limit: null,
        seenAt: null,
      });

      const checked = await call(app, 'setup:verify', {
        requestId: 'size-limit-check',
        account,
        password: null,
      });
      expect(checked.outgoing.ok, JSON.stringify(checked.outgoing)).toBe(true);
      expect(await limitsOf(app, account)).toMatchObject({ state: 'advertised', limit: LIMIT, port: limited.port });
    } finally {
      await app.close();
    }
    app = await openApp();
    try {
      const [account] = app.ctx.settings.get('accounts');
      expect(account && (await limitsOf(app, account))).toMatchObject({ state: 'advertised', limit: LIMIT });
    } finally {
      await app.close();
    }
  });

  it('is learned by a real send through the harness server, without any account check', async () => {
    const app = await openApp();
    try {
      const other = await addMailUser(servers.dovecot, 'lims');
      const account = await saveSender(app, servers, other);
      await call(app, 'prefs:update', { undoSendSeconds: 0 });
      expect((await limitsOf(app, account)).state).toBe('unknown');

      const queued = await call(app, 'outbox:send', {
        draft: {
          accountId: account.id,
          identityId: account.identities[0]?.id ?? '',
          to: [{ name: '', address: recipient.address }],
          subject: 'Teaches the limit',
          text: 'Hello',
        },
      });
      await call(app, 'outbox:flush', {});
      await waitForState(app, queued.id, ['sent', 'filed']);
      const learned = await limitsOf(app, account);
      expect(learned).toMatchObject({ host: servers.host, port: servers.smtp.port, state: 'advertised' });
      expect(learned.limit).toBe(HARNESS_LIMIT);
      expect(Date.parse(learned.seenAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await app.close();
    }
  });
});
