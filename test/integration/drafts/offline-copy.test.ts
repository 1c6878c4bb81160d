/**
 * A draft whose server copy could not be written (saved while the IMAP server was unreachable,
 * or by a process that does not copy drafts) reaches the account's Drafts folder by itself: at
 * the start of a shell that stays open, and once the account is reachable again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { SyncStatus } from '../../../shared/model/sync';
import { harnessAccount } from '../../support/harness-account';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { pollUntil } from '../../support/poll';
import { call, withImap } from '../outbox/fixture';
import { startCutProxy, type CutProxy } from '../sync/cut-proxy';

const servers = inject('mailServers');
let dir: string;
let user: TestUser;
let proxy: CutProxy;
let accountId: string;
/** A one-shot process on the same profile (like the CLI): it saves drafts and never copies them. */
let oneShot: NodeApp;
/** The browser shell: stays open, keeps accounts in sync, copies drafts. */
let shell: NodeApp | undefined;
const statuses: SyncStatus[] = [];

const open = (kind: 'cli' | 'web') =>
  openNodeApp({
    profileDir: dir,
    shell: kind,
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    ...(kind === 'web'
      ? { live: { backoff: { baseMs: 200, capMs: 400 }, pollIntervalMs: 600_000, pop3IntervalMs: 3_600_000 } }
      : {}),
  });

async function draftSubjects(client: ImapFlow): Promise<string[]> {
  const lock = await client.getMailboxLock('Drafts');
  try {
    const all = await client.fetchAll('1:*', { envelope: true }).catch(() => []);
    return all.map((m) => m.envelope?.subject ?? '');
  } finally {
    lock.release();
  }
}

const onServer = (subject: string) =>
  pollUntil(
    async () => ((await withImap(servers, user, draftSubjects)).includes(subject) ? true : undefined),
    // Well under the 15 s an edit waits: nothing here edits, so only the catch-up can copy it.
    { timeoutMs: 10_000, intervalMs: 200, what: `the draft "${subject}" in the server's Drafts folder` },
  );

const saveDraft = (subject: string) =>
  call(oneShot, 'drafts:save', {
    id: null,
    fields: { accountId, to: 'grace@example.test', subject, format: 'plain', text: `Text of ${subject}` },
  });

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'doff');
  dir = mkdtempSync(join(tmpdir(), 'letterbox-draft-offline-'));
  proxy = await startCutProxy(servers.imap.port);
  oneShot = await open('cli');
  const account = harnessAccount(servers, user, { port: proxy.port });
  accountId = (await call(oneShot, 'accounts:save', { account: { ...account, id: null }, password: user.password })).id;
  // Folders known, the Drafts folder among them.
  await call(oneShot, 'sync:run', { accountId });
});

afterAll(async () => {
  await shell?.close();
  await oneShot?.close();
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('drafts copied to the server without an edit', () => {
  it('at start-up of a shell that stays open', async () => {
    await saveDraft('Written before the app opened');
    expect(await withImap(servers, user, draftSubjects)).toEqual([]);
    shell = await open('web');
    shell.bus.subscribe((event, payload) => {
      if (event === 'sync:status') statuses.push(payload as SyncStatus);
    });
    await onServer('Written before the app opened');
  });

  it('once the IMAP server is reachable again after a draft was saved while it was not', async () => {
    const app = shell as NodeApp;
    await pollUntil(async () => (app.live?.watching().includes(accountId) ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the account being watched',
    });
    // Unreachable: every connection dropped, new ones cut as soon as the server speaks.
    proxy.cutAfterBytes = 0;
    proxy.cutAll();
    await pollUntil(async () => (statuses.some((s) => s.state === 'offline') ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the account reported offline',
    });
    await saveDraft('Written while offline');
    // A copy attempt now fails like the one 15 s after an edit would: nothing reaches the server.
    await expect(call(app, 'sync:run', { accountId })).resolves.toMatchObject({ accounts: [{ ok: false }] });
    proxy.cutAfterBytes = null;
    proxy.cutAll();
    statuses.length = 0;
    expect(await withImap(servers, user, draftSubjects)).not.toContain('Written while offline');

    await onServer('Written while offline');
    expect(statuses.some((s) => s.state === 'idle')).toBe(true);
    expect((await withImap(servers, user, draftSubjects)).sort()).toEqual([
      'Written before the app opened',
      'Written while offline',
    ]);
  });
});
