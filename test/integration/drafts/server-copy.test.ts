import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import { syncDraftCopies } from '../../../main/services/draft-sync';
import { scheduleDraftSync, stopDraftSync } from '../../../main/services/draft-sync-scheduler';
import { pollUntil } from '../../support/poll';
import type { Account } from '../../../shared/model/account';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { call, openOutboxApp, saveSender, withImap } from '../outbox/fixture';

const servers = inject('mailServers');
let dir: string;
let user: TestUser;
let app: NodeApp;
let account: Account;

beforeAll(async () => {
  user = await addMailUser(servers.dovecot, 'dsc');
  dir = mkdtempSync(join(tmpdir(), 'letterbox-draft-copy-'));
  app = await openOutboxApp(servers, dir);
  account = await saveSender(app, servers, user);
  await call(app, 'sync:run', { accountId: account.id });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Subject, flags and Bcc of every message in the server's Drafts folder. */
async function serverDrafts(client: ImapFlow) {
  const lock = await client.getMailboxLock('Drafts');
  try {
    const all = await client.fetchAll('1:*', { envelope: true, flags: true, source: true }).catch(() => []);
    return all.map((m) => ({
      uid: m.uid,
      subject: m.envelope?.subject ?? '',
      draft: m.flags?.has('\\Draft') ?? false,
      bcc: /^Bcc: /m.test(m.source?.toString() ?? ''),
    }));
  } finally {
    lock.release();
  }
}

const fields = (subject: string) => ({
  accountId: account.id,
  to: 'grace@example.test, half-typed',
  bcc: 'hidden@example.test',
  subject,
  format: 'plain' as const,
  text: `Text of ${subject}`,
});

describe('drafts in the IMAP Drafts folder', () => {
  it('keeps one server copy per draft, replaced on change, removed when the draft is deleted', async () => {
    const { id } = await call(app, 'drafts:save', { id: null, fields: fields('Version 1') });
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ added: 1 });
    expect(await withImap(servers, user, serverDrafts)).toEqual([
      expect.objectContaining({ subject: 'Version 1', draft: true, bcc: true }),
    ]);
    // Unchanged: nothing to do, not even a connection.
    expect(await syncDraftCopies(app.ctx, account)).toEqual({
      added: 0,
      replaced: 0,
      keptBoth: 0,
      removed: 0,
      refused: 0,
      waiting: 0,
    });

    await call(app, 'drafts:save', { id, fields: fields('Version 2') });
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ replaced: 1 });
    expect((await withImap(servers, user, serverDrafts)).map((d) => d.subject)).toEqual(['Version 2']);

    await call(app, 'drafts:delete', { id });
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ removed: 1 });
    expect(await withImap(servers, user, serverDrafts)).toEqual([]);
  });

  it('keeps both versions when the server copy was changed by another client meanwhile', async () => {
    const { id } = await call(app, 'drafts:save', { id: null, fields: fields('Mine 1') });
    await syncDraftCopies(app.ctx, account);
    // Another client edits the draft: appends its version and removes ours.
    await withImap(servers, user, async (client) => {
      await client.append(
        'Drafts',
        'Subject: Theirs\r\nMessage-ID: <theirs@example.test>\r\n\r\nEdited elsewhere\r\n',
        ['\\Draft'],
      );
      const lock = await client.getMailboxLock('Drafts');
      try {
        await client.messageDelete({ header: { subject: 'Mine 1' } });
      } finally {
        lock.release();
      }
    });
    await call(app, 'drafts:save', { id, fields: fields('Mine 2') });
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ keptBoth: 1 });
    expect((await withImap(servers, user, serverDrafts)).map((d) => d.subject).sort()).toEqual(['Mine 2', 'Theirs']);

    // Sending removes our copy only; undo brings the draft back, and its copy with the next pass.
    await call(app, 'drafts:save', { id, fields: { ...fields('Mine 3'), to: 'grace@example.test' } });
    await call(app, 'prefs:update', { undoSendSeconds: 30 });
    try {
      const queued = await call(app, 'drafts:send', { id, sendAt: null });
      expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ removed: 1, added: 0 });
      expect((await withImap(servers, user, serverDrafts)).map((d) => d.subject)).toEqual(['Theirs']);
      await call(app, 'outbox:cancel', { id: queued.id });
      expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ added: 1 });
      expect((await withImap(servers, user, serverDrafts)).map((d) => d.subject).sort()).toEqual(['Mine 3', 'Theirs']);
    } finally {
      await call(app, 'prefs:update', { undoSendSeconds: 0 });
    }
  });

  it('copies a draft by itself once editing pauses (desktop and browser shells), and stops cleanly', async () => {
    const desktop = { ...app.ctx, shell: 'web' as const };
    const { id } = await call(app, 'drafts:save', { id: null, fields: fields('Scheduled copy') });
    scheduleDraftSync(app.ctx, account.id, 10); // the CLI never schedules
    scheduleDraftSync(desktop, account.id, 50);
    scheduleDraftSync(desktop, account.id, 50); // debounced: one pass
    await pollUntil(
      async () =>
        (await withImap(servers, user, serverDrafts)).some((d) => d.subject === 'Scheduled copy') ? true : undefined,
      { timeoutMs: 5_000, intervalMs: 100, what: 'the scheduled copy in Drafts' },
    );
    await stopDraftSync(desktop);
    await call(app, 'drafts:delete', { id });
    scheduleDraftSync(desktop, account.id, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Stopped: the deleted draft's copy stays until a running app syncs again.
    expect((await withImap(servers, user, serverDrafts)).map((d) => d.subject)).toContain('Scheduled copy');
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ removed: 1 });
  });
});
