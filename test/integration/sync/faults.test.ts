import { describe, expect, inject, it } from 'vitest';
import { openImapSession } from '../../../main/mail/imap/session';
import { applyFolderList, listServerFolders } from '../../../main/sync/folders';
import { HEADER_FETCH_SIZE, syncMailboxHeaders } from '../../../main/sync/mailbox-sync';
import { syncAccounts } from '../../../main/sync/account-sync';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import { startCutProxy } from './cut-proxy';
import { accountFor, otherClient, rowsOf, rigMaker } from './fixture';
import { seedMaildir } from './maildir';

const servers = inject('mailServers');
const newRig = rigMaker(servers, 'letterbox-sync-faults-');

interface FolderRow {
  uidnext: number | null;
  message_count: number | null;
}

describe('IMAP sync under load and faults', () => {
  it('syncs a mailbox of 3000 messages completely, headers and bodies', async () => {
    const user = await addMailUser(servers.dovecot, 'big');
    await seedMaildir(servers.dovecot, user, 3000);
    const rig = newRig();
    const account = accountFor(servers, user);
    const started = Date.now();
    const summary = await rig.sync(account, user.password);
    const elapsed = Date.now() - started;
    console.info(
      `first sync of 3000 messages: ${elapsed} ms`,
      summary.folders.find((f) => f.path === 'INBOX'),
    );
    expect(summary.error).toBeNull();
    const rows = rowsOf(rig.db, account.id, 'INBOX');
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(3000);
    expect(rows.filter((r) => r.unread === 0)).toHaveLength(1000);
    expect(rows.every((r) => r.body_state === 'stored')).toBe(true);
    const again = await rig.sync(account, user.password);
    expect(again.folders.find((f) => f.path === 'INBOX')?.strategy).toBe('unchanged');
  }, 120_000);

  it('keeps the saved state consistent when the server goes away mid-sync, and the next pass completes', async () => {
    const user = await addMailUser(servers.dovecot, 'cut');
    await seedMaildir(servers.dovecot, user, 1000);
    const proxy = await startCutProxy(servers.imap.tlsPort);
    try {
      const rig = newRig({ session: { trust: { extraCa: [servers.tls.ca] }, socketTimeoutMs: 10_000 } });
      const viaProxy = accountFor(servers, user, { port: proxy.port, security: 'implicit' });
      proxy.cutAfterBytes = 150_000; // inside the header batches (about 300 bytes a message)
      const cut = await rig.sync(viaProxy, user.password);
      expect(proxy.cuts).toBeGreaterThan(0);
      expect(cut.ok).toBe(false);
      expect(cut.error).not.toBeNull();

      const partial = rowsOf(rig.db, viaProxy.id, 'INBOX');
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(1000);
      const state = rig.db.get<FolderRow>(`SELECT uidnext, message_count FROM mailboxes WHERE path = 'INBOX'`);
      // The folder's UIDNEXT is only saved together with the last batch: never ahead of the rows.
      expect(state?.uidnext).toBeNull();

      proxy.cutAfterBytes = null;
      const resumed = await rig.sync(viaProxy, user.password);
      expect(resumed.error).toBeNull();
      // Resumed, not restarted: the rows that made it stay, only the rest is fetched.
      expect(resumed.folders.find((f) => f.path === 'INBOX')).toMatchObject({
        strategy: 'full',
        added: 1000 - partial.length,
      });
      const rows = rowsOf(rig.db, viaProxy.id, 'INBOX');
      expect(rows).toHaveLength(1000);
      expect(new Set(rows.map((r) => r.uid)).size).toBe(1000);
      expect(rig.db.get<FolderRow>(`SELECT uidnext, message_count FROM mailboxes WHERE path = 'INBOX'`)).toEqual({
        uidnext: 1001,
        message_count: 1000,
      });
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('stops the pass at a header write that fails (disk full), with the folder state never ahead of the rows', async () => {
    const user = await addMailUser(servers.dovecot, 'hdrfull');
    await seedMaildir(servers.dovecot, user, 450);
    const rig = newRig();
    const account = accountFor(servers, user);
    // On the writer thread's connection (a trigger is in the file, so every connection has it):
    // the seventh batch of 50 (newest first) fails, the two after it (the last with the state) would not.
    rig.db.exec(`CREATE TRIGGER test_disk_full BEFORE INSERT ON messages
      WHEN NEW.uid BETWEEN 101 AND 150 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const failed = await rig.sync(account, user.password);
    expect(failed.folders.find((f) => f.path === 'INBOX')?.error).toMatch(/disk is full/);
    const partial = rowsOf(rig.db, account.id, 'INBOX');
    expect(partial.some((r) => r.uid >= 101 && r.uid <= 150)).toBe(false);
    // The last batch, which carries the folder's new UIDNEXT, must not commit after a failed one:
    // the next pass would then take the folder as complete and never fetch what is missing.
    expect(rig.db.get<FolderRow>(`SELECT uidnext FROM mailboxes WHERE path = 'INBOX'`)?.uidnext).toBeNull();

    rig.db.exec('DROP TRIGGER test_disk_full');
    const resumed = await rig.sync(account, user.password);
    expect(resumed.error).toBeNull();
    const rows = rowsOf(rig.db, account.id, 'INBOX');
    expect(rows).toHaveLength(450);
    expect(rows.every((r) => r.body_state === 'stored')).toBe(true);
    expect(rig.db.get<FolderRow>(`SELECT uidnext, message_count FROM mailboxes WHERE path = 'INBOX'`)).toEqual({
      uidnext: 451,
      message_count: 450,
    });
  }, 60_000);

  it('does not break when messages are expunged while the header fetch runs', async () => {
    const user = await addMailUser(servers.dovecot, 'race');
    await seedMaildir(servers.dovecot, user, 1200);
    const rig = newRig();
    const account = accountFor(servers, user);
    const session = await openImapSession(account, user.password, { trust: { extraCa: [servers.tls.ca] } });
    const other = await otherClient(servers, user);
    try {
      const { folders } = applyFolderList(rig.db, account.id, await listServerFolders(session.client));
      const inbox = folders.find((f) => f.path === 'INBOX');
      await other.mailboxOpen('INBOX');
      const result = await syncMailboxHeaders({
        db: rig.db,
        client: session.client,
        accountId: account.id,
        mailboxId: inbox?.id ?? '',
        path: 'INBOX',
        condstore: session.condstore,
        qresync: session.qresync,
        serverThreads: session.serverThreads,
        onProgress: async (done) => {
          // After the newest FETCH (HEADER_FETCH_SIZE): another client expunges the oldest 100,
          // not fetched yet.
          if (done === HEADER_FETCH_SIZE) await other.messageDelete('1:100', { uid: true });
        },
      });
      expect(result.strategy).toBe('reseed');
      expect(rowsOf(rig.db, account.id, 'INBOX')).toHaveLength(1100);
    } finally {
      await other.logout();
      await session.close();
    }
    const next = await rig.sync(account, user.password);
    expect(next.error).toBeNull();
    expect(rowsOf(rig.db, account.id, 'INBOX').map((r) => r.uid)[0]).toBe(101);
    expect(rowsOf(rig.db, account.id, 'INBOX')).toHaveLength(1100);
  });

  it('syncs several accounts at once; one failing does not stop the others', async () => {
    const user = await addMailUser(servers.dovecot, 'multi');
    await deliverMessage(servers.dovecot, user.name, 'Subject: hello\r\n\r\nhi\r\n');
    const rig = newRig();
    const good = accountFor(servers, user);
    const refused = { ...accountFor(servers, user, { port: 1 }), id: 'acc-refused' };
    const [ok, failed] = await syncAccounts(rig.deps, [
      { account: good, password: user.password },
      { account: refused, password: user.password },
    ]);
    expect(ok?.ok).toBe(true);
    expect(rowsOf(rig.db, good.id, 'INBOX')).toHaveLength(1);
    expect(failed?.ok).toBe(false);
    expect(failed?.error).toMatch(/refused/);
    expect(rig.recorded.statuses).toContain('offline');
  });

  it('applies expunges without QRESYNC (CONDSTORE only: count check and UID SEARCH)', async () => {
    const user = await addMailUser(servers.dovecot, 'noqr');
    await seedMaildir(servers.dovecot, user, 20);
    const rig = newRig({ session: { trust: { extraCa: [servers.tls.ca] }, qresync: false } });
    const account = accountFor(servers, user);
    await rig.sync(account, user.password);
    const other = await otherClient(servers, user);
    try {
      await other.mailboxOpen('INBOX');
      await other.messageDelete('3,5', { uid: true });
      await other.messageFlagsAdd('7', ['\\Flagged'], { uid: true });
    } finally {
      await other.logout();
    }
    const summary = await rig.sync(account, user.password);
    expect(summary.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      strategy: 'condstore',
      removed: 2,
      updated: 1,
    });
    const rows = rowsOf(rig.db, account.id, 'INBOX');
    expect(rows.map((r) => r.uid)).not.toContain(3);
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.uid === 7)?.flagged).toBe(1);
  });

  it('without CONDSTORE: append-only path for new mail, full UID+flags diff otherwise', async () => {
    const user = await addMailUser(servers.dovecot, 'plain');
    await seedMaildir(servers.dovecot, user, 10);
    const rig = newRig();
    const account = accountFor(servers, user);
    const session = await openImapSession(account, user.password, {
      trust: { extraCa: [servers.tls.ca] },
      qresync: false,
    });
    const pass = async () => {
      const { folders } = applyFolderList(rig.db, account.id, await listServerFolders(session.client));
      const inbox = folders.find((f) => f.path === 'INBOX');
      await session.client.mailboxClose().catch(() => undefined); // SELECT again: fresh UIDNEXT/EXISTS
      return syncMailboxHeaders({
        db: rig.db,
        client: session.client,
        accountId: account.id,
        mailboxId: inbox?.id ?? '',
        path: 'INBOX',
        condstore: false, // as a server without CONDSTORE would be handled
        qresync: false,
        serverThreads: false,
      });
    };
    try {
      expect(await pass()).toMatchObject({ strategy: 'reseed', added: 10 });
      await deliverMessage(servers.dovecot, user.name, 'Subject: eleven\r\n\r\nx\r\n');
      await deliverMessage(servers.dovecot, user.name, 'Subject: twelve\r\n\r\nx\r\n');
      expect(await pass()).toMatchObject({ strategy: 'append', added: 2, removed: 0 });

      const other = await otherClient(servers, user);
      try {
        await other.mailboxOpen('INBOX');
        await other.messageDelete('4', { uid: true });
        await other.messageFlagsAdd('5', ['\\Seen'], { uid: true });
      } finally {
        await other.logout();
      }
      expect(await pass()).toMatchObject({ strategy: 'full', removed: 1, updated: 1, added: 0 });
      const rows = rowsOf(rig.db, account.id, 'INBOX');
      expect(rows).toHaveLength(11);
      expect(rows.find((r) => r.uid === 5)?.unread).toBe(0);
    } finally {
      await session.close();
    }
  });
});
