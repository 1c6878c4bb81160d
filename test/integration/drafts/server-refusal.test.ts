import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import { FIRST_RETRY_MS } from '../../../main/drafts/server-refusals';
import { syncDraftCopies } from '../../../main/services/draft-sync';
import type { Account } from '../../../shared/model/account';
import { addMailUser, storageQuota } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { call, openOutboxApp, saveSender, withImap } from '../outbox/fixture';

const servers = inject('mailServers');
let dir: string;
let user: TestUser;
let app: NodeApp;
let account: Account;

beforeAll(async () => {
  // 100 KB of mail at most: a draft with a 150 KB attachment cannot go into Drafts.
  user = await addMailUser(servers.dovecot, 'dquota', { userdbFields: storageQuota(100) });
  dir = mkdtempSync(join(tmpdir(), 'letterbox-draft-refusal-'));
  app = await openOutboxApp(servers, dir);
  account = await saveSender(app, servers, user);
  await call(app, 'sync:run', { accountId: account.id });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serverSubjects(): Promise<string[]> {
  return withImap(servers, user, async (client) => {
    const lock = await client.getMailboxLock('Drafts');
    try {
      const all = await client.fetchAll('1:*', { envelope: true }).catch(() => []);
      return all.map((m) => m.envelope?.subject ?? '').sort();
    } finally {
      lock.release();
    }
  });
}

const fields = (subject: string) => ({
  accountId: account.id,
  to: 'grace@example.test',
  subject,
  format: 'plain' as const,
  text: `Text of ${subject}`,
});

async function listed(id: string) {
  const { drafts } = await call(app, 'drafts:list', {});
  return drafts.find((d) => d.id === id);
}

/** Moves the draft's last refusal back in time, as if the wait had passed. */
function ageRefusal(id: string, ms: number): void {
  app.ctx.store.db.run(
    `UPDATE drafts SET server_error_at = strftime('%Y-%m-%dT%H:%M:%fZ', server_error_at, ?) WHERE id = ?`,
    [`-${ms / 1000} seconds`, id],
  );
}

describe('a draft the server refuses', () => {
  it('does not hold up the others, says why in the drafts list, and waits before it is offered again', async () => {
    // Saved first, so it comes first in the pass: before, its refusal ended the pass there.
    const big = await call(app, 'drafts:save', { id: null, fields: fields('Site photos') });
    const photo = await call(app, 'drafts:attach', {
      draftId: big.id,
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      contentBase64: randomBytes(150 * 1024).toString('base64'),
    });
    const small = await call(app, 'drafts:save', { id: null, fields: fields('Short note') });

    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ added: 1, refused: 1, waiting: 0 });
    expect(await serverSubjects()).toEqual(['Short note']);
    expect((await listed(big.id))?.serverError).toMatch(/quota/i);
    expect((await listed(small.id))?.serverError).toBeNull();

    // The same version is not uploaded again at once: no connection, nothing sent.
    expect(await syncDraftCopies(app.ctx, account)).toEqual({
      added: 0,
      replaced: 0,
      keptBoth: 0,
      removed: 0,
      refused: 0,
      waiting: 1,
    });
    // Once the wait is over it is, and the next wait is twice as long.
    ageRefusal(big.id, FIRST_RETRY_MS);
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ refused: 1, waiting: 0 });
    ageRefusal(big.id, FIRST_RETRY_MS);
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ refused: 0, waiting: 1 });

    // An edit is a new version: offered at once. Without the photo it fits, and the note goes.
    await call(app, 'drafts:detach', { draftId: big.id, attachmentId: photo.id });
    expect(await syncDraftCopies(app.ctx, account)).toMatchObject({ added: 1, refused: 0, waiting: 0 });
    expect(await serverSubjects()).toEqual(['Short note', 'Site photos']);
    expect((await listed(big.id))?.serverError).toBeNull();
  });
});
