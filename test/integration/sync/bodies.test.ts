import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AccountSchema } from '../../../shared/model/account';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import { accountFor, rawMessage, rowsOf, syncRig } from './fixture';

const servers = inject('mailServers');
const profile = mkdtempSync(join(tmpdir(), 'letterbox-sync-bodies-'));
const rig = syncRig(servers, profile, { maxBodyBytes: 20_000 });
afterAll(async () => {
  await rig.close();
  rmSync(profile, { recursive: true, force: true });
});

const rfcDate = (date: Date) => date.toUTCString().replace('GMT', '+0000');

describe('body download', () => {
  it('fetches bodies only inside the offline window and skips very large messages', async () => {
    const user = await addMailUser(servers.dovecot, 'bodies');
    const now = new Date();
    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'recent', date: rfcDate(now) }));
    await deliverMessage(
      servers.dovecot,
      user.name,
      rawMessage(2, { subject: 'old', date: 'Mon, 06 Jan 2020 10:00:00 +0000' }),
    );
    const big = rawMessage(3, { subject: 'big', date: rfcDate(now) }).replace(
      'Body of message 3.',
      'x'.repeat(76).concat('\r\n').repeat(400),
    );
    await deliverMessage(servers.dovecot, user.name, big);
    const account = AccountSchema.parse({ ...accountFor(servers, user), imap: { offlineWindowDays: 30 } });

    const summary = await rig.sync(account, user.password);
    expect(summary.error).toBeNull();
    expect(summary.folders.find((f) => f.path === 'INBOX')?.bodies).toBe(1);
    const bySubject = new Map(rowsOf(rig.db, account.id, 'INBOX').map((r) => [r.subject, r]));
    expect(bySubject.get('recent')).toMatchObject({ body_state: 'stored', snippet: 'Body of message 1.' });
    expect(bySubject.get('recent')?.raw_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bySubject.get('old')).toMatchObject({ body_state: 'none', raw_hash: null });
    expect(bySubject.get('big')).toMatchObject({ body_state: 'too_large', raw_hash: null });

    // Widening the window later fetches what was left out; too-large stays on demand.
    const all = AccountSchema.parse({ ...account, imap: { offlineWindowDays: null } });
    const again = await rig.sync(all, user.password);
    expect(again.folders.find((f) => f.path === 'INBOX')?.bodies).toBe(1);
    expect(rowsOf(rig.db, account.id, 'INBOX').find((r) => r.subject === 'old')?.body_state).toBe('stored');
  });
});
