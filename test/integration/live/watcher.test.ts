import { afterEach, describe, expect, inject, it } from 'vitest';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import { startCutProxy } from '../sync/cut-proxy';
import { accountFor, otherClient, rawMessage, rowsOf } from '../sync/fixture';
import { liveRig, waitFor, type LiveRig } from './live-rig';

const servers = inject('mailServers');
let rig: LiveRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

/** The resources that keep Node alive: what a leaked watcher would leave behind. */
function handles(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap' || r === 'Timeout');
}

describe('live sync (IDLE + STATUS poll)', () => {
  it('shows mail delivered to the Inbox within seconds, through IDLE alone', async () => {
    const user = await addMailUser(servers.dovecot, 'idle');
    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'before start' }));
    const account = accountFor(servers, user);
    // A poll far away: only IDLE can bring the second message in.
    rig = liveRig(servers, account, user.password, { pollIntervalMs: 600_000 });
    const live = rig;
    await waitFor('the initial catch-up', () => rowsOf(live.db, account.id, 'INBOX').length === 1);
    await waitFor('IDLE to start', () => live.connections.some((c) => c.state === 'connected'));
    await new Promise((resolve) => setTimeout(resolve, 200));

    await deliverMessage(servers.dovecot, user.name, rawMessage(2, { subject: 'pushed by IDLE' }));
    const ms = await waitFor('the pushed message', () =>
      rowsOf(live.db, account.id, 'INBOX').some((r) => r.subject === 'pushed by IDLE' && r.body_state === 'stored'),
    );
    console.info(`IDLE delivery → stored with body: ${ms} ms`);
    expect(ms).toBeLessThan(5_000);
    expect(live.changes.some((c) => c.path === 'INBOX' && c.added === 1)).toBe(true);
    expect(live.recorded.changed.length).toBeGreaterThan(0);
  }, 30_000);

  it('applies a flag change and an expunge made by another client', async () => {
    const user = await addMailUser(servers.dovecot, 'flags');
    for (const n of [1, 2, 3]) await deliverMessage(servers.dovecot, user.name, rawMessage(n));
    const account = accountFor(servers, user);
    rig = liveRig(servers, account, user.password, { pollIntervalMs: 600_000 });
    const live = rig;
    await waitFor('the initial catch-up', () => rowsOf(live.db, account.id, 'INBOX').length === 3);
    await waitFor('IDLE to start', () => live.connections.some((c) => c.state === 'connected'));

    const other = await otherClient(servers, user);
    try {
      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd('1', ['\\Seen', '\\Flagged'], { uid: true });
      const flagMs = await waitFor('the flag change', () => {
        const first = rowsOf(live.db, account.id, 'INBOX').find((r) => r.uid === 1);
        return first?.unread === 0 && first.flagged === 1;
      });
      await other.messageDelete('2', { uid: true });
      const expungeMs = await waitFor('the expunge', () =>
        rowsOf(live.db, account.id, 'INBOX').every((r) => r.uid !== 2),
      );
      console.info(`flag change seen after ${flagMs} ms, expunge after ${expungeMs} ms`);
    } finally {
      await other.logout();
    }
    expect(rowsOf(live.db, account.id, 'INBOX').map((r) => r.uid)).toEqual([1, 3]);
    expect(live.changes.some((c) => c.updated === 1)).toBe(true);
    expect(live.changes.some((c) => c.removed === 1)).toBe(true);
  }, 30_000);

  it('picks up a change in another folder through the STATUS poll', async () => {
    const user = await addMailUser(servers.dovecot, 'poll');
    const other = await otherClient(servers, user);
    await other.mailboxCreate('Projects');
    await other.logout();
    const account = accountFor(servers, user);
    rig = liveRig(servers, account, user.password, { pollIntervalMs: 500 });
    const live = rig;
    await waitFor('IDLE to start', () => live.connections.some((c) => c.state === 'connected'));
    await waitFor('the first poll', () => live.recorded.statuses.includes('idle'));
    live.recorded.commands.length = 0;

    await deliverMessage(servers.dovecot, user.name, rawMessage(7, { subject: 'filed away' }), 'Projects');
    const ms = await waitFor('the polled folder', () =>
      live.changes.some((c) => c.path === 'Projects' && c.added === 1),
    );
    expect(rowsOf(live.db, account.id, 'Projects').map((r) => r.subject)).toEqual(['filed away']);
    console.info(`STATUS poll (500 ms) picked up Projects after ${ms} ms`);
    const count = (name: string) => live.recorded.commands.filter((c) => c === name).length;
    console.info(`commands: ${count('LIST')} LIST, ${count('EXAMINE')} EXAMINE, ${count('STATUS')} STATUS`);
    // Unchanged folders, the Inbox too, are not examined: each poll's LIST carried every folder's
    // STATUS (LIST-STATUS), so no STATUS of their own either. Projects is examined for its headers
    // and for its body.
    expect(count('STATUS')).toBe(0);
    expect(count('LIST')).toBeGreaterThan(0);
    expect(count('EXAMINE')).toBe(2);
  }, 30_000);

  it('examines nothing on a poll with no change, yet fetches a body an earlier pass left', async () => {
    const user = await addMailUser(servers.dovecot, 'quietpoll');
    for (const n of [1, 2]) await deliverMessage(servers.dovecot, user.name, rawMessage(n, { subject: `quiet ${n}` }));
    const account = accountFor(servers, user);
    rig = liveRig(servers, account, user.password, { pollIntervalMs: 300 });
    const live = rig;
    const idles = () => live.recorded.statuses.filter((s) => s === 'idle').length;
    await waitFor('the initial catch-up', () => {
      const rows = rowsOf(live.db, account.id, 'INBOX');
      return rows.length === 2 && rows.every((r) => r.body_state === 'stored');
    });
    await waitFor('the first poll', () => idles() >= 2);
    const count = (name: string) => live.recorded.commands.filter((c) => c === name).length;

    // At least two whole polls (the first 'idle' may end one that began before) with nothing changed.
    live.recorded.commands.length = 0;
    const before = idles();
    await waitFor('two more polls', () => idles() >= before + 3);
    console.info(`quiet polls: ${count('LIST')} LIST, ${count('EXAMINE')} EXAMINE, ${count('STATUS')} STATUS`);
    expect(count('LIST')).toBeGreaterThanOrEqual(2);
    expect(count('EXAMINE')).toBe(0);
    expect(count('STATUS')).toBe(0);
    expect(count('UID FETCH') + count('FETCH')).toBe(0);

    // A body download that broke off leaves the row without its body: the next poll fetches it
    // although the folder's headers did not change.
    live.db.run(`UPDATE messages SET body_state = 'none' WHERE account_id = ? AND uid = 1`, [account.id]);
    live.recorded.commands.length = 0;
    await waitFor(
      'the body to come',
      () => rowsOf(live.db, account.id, 'INBOX').find((r) => r.uid === 1)?.body_state === 'stored',
    );
    expect(count('EXAMINE')).toBe(1); // the body phase's; the header phase examined nothing
    expect(
      rowsOf(live.db, account.id, 'INBOX')
        .map((r) => r.subject)
        .sort(),
    ).toEqual(['quiet 1', 'quiet 2']);
  }, 30_000);

  it('reconnects with backoff after the line is cut and catches up', async () => {
    const user = await addMailUser(servers.dovecot, 'cut');
    await deliverMessage(servers.dovecot, user.name, rawMessage(1));
    const proxy = await startCutProxy(servers.imap.port);
    try {
      const account = accountFor(servers, user, { port: proxy.port });
      rig = liveRig(servers, account, user.password, {
        pollIntervalMs: 600_000,
        backoff: { baseMs: 300, capMs: 2_000, random: () => 0.5 },
      });
      const live = rig;
      await waitFor('the initial catch-up', () => rowsOf(live.db, account.id, 'INBOX').length === 1);
      await waitFor('IDLE to start', () => live.connections.some((c) => c.state === 'connected'));
      // Only the IDLE connection may be open when the line is cut, not the catch-up's.
      await waitFor('the catch-up to end', () => live.recorded.statuses.includes('idle'));
      // Its connection too: a last packet of it (the TLS close after LOGOUT) would take the cut.
      await waitFor('the catch-up connection to close', () => proxy.open() === 1);

      // The next bytes from the server (the EXISTS for this delivery) kill the line.
      proxy.cutAfterBytes = 0;
      await deliverMessage(servers.dovecot, user.name, rawMessage(2, { subject: 'arrived while cut' }));
      await waitFor('the cut', () => proxy.cuts > 0);
      proxy.cutAfterBytes = null;

      const ms = await waitFor('the catch-up after reconnecting', () =>
        rowsOf(live.db, account.id, 'INBOX').some((r) => r.subject === 'arrived while cut'),
      );
      console.info(`cut → reconnected and caught up in ${ms} ms`);
      const lost = live.connections.find((c) => c.state === 'lost');
      expect(lost?.retryInMs).toBe(225); // attempt 1: 300/2 + 300/2 × 0.5
      expect(live.connections.filter((c) => c.state === 'connected').length).toBeGreaterThanOrEqual(2);
      expect(live.recorded.statuses).toContain('offline');
    } finally {
      await rig?.stop();
      rig = null;
      await proxy.close();
    }
  }, 30_000);

  it('tells the UI about the folders of a new, empty account', async () => {
    const user = await addMailUser(servers.dovecot, 'empty');
    const account = accountFor(servers, user);
    rig = liveRig(servers, account, user.password, { pollIntervalMs: 600_000 });
    const live = rig;
    await waitFor('the first pass', () => live.recorded.statuses.includes('idle'));
    expect(rowsOf(live.db, account.id, 'INBOX')).toHaveLength(0);
    const inbox = live.db.get<{ id: string }>(`SELECT id FROM mailboxes WHERE account_id = ? AND path = 'INBOX'`, [
      account.id,
    ]);
    expect(live.recorded.changed).toContain(inbox?.id);
  }, 30_000);

  it('stops logging in after a wrong password until the user asks again', async () => {
    const user = await addMailUser(servers.dovecot, 'wrongpw');
    const account = accountFor(servers, user);
    rig = liveRig(servers, account, 'not-the-password', {
      pollIntervalMs: 100,
      backoff: { baseMs: 50, capMs: 50, random: () => 0.5 },
    });
    const live = rig;
    await waitFor('the login failure', () => live.recorded.statuses.includes('error'));
    const logins = () => live.recorded.commands.filter((c) => c === 'LOGIN' || c === 'AUTHENTICATE').length;
    const afterFailure = logins();
    // Many backoff and poll intervals: a retrying watcher would log in again and again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(logins()).toBe(afterFailure);
    expect(live.connections.at(-1)).toMatchObject({ state: 'lost', retryInMs: null });
    await live.watcher.checkNow();
    await waitFor('a new login on request', () => logins() > afterFailure);
  }, 30_000);

  it('stop() closes every socket and timer it opened', async () => {
    const user = await addMailUser(servers.dovecot, 'stop');
    await deliverMessage(servers.dovecot, user.name, rawMessage(1));
    const before = handles().length;
    const account = accountFor(servers, user);
    const live = liveRig(servers, account, user.password, { pollIntervalMs: 200 });
    await waitFor('IDLE to start', () => live.connections.some((c) => c.state === 'connected'));
    await waitFor('a poll', () => live.recorded.statuses.filter((s) => s === 'idle').length >= 2);
    expect(handles().length).toBeGreaterThan(before);
    await live.watcher.stop();
    // Destroyed sockets are released on a later tick; a leak would stay (and hang vitest).
    await waitFor('sockets and timers to go', () => handles().length <= before, 2_000);
    await live.stop();
  }, 30_000);
});
