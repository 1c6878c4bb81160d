import { describe, expect, inject, it } from 'vitest';
import { AccountSchema } from '../../../shared/model/account';
import type { SqlDriver } from '../../../main/store/driver';
import { deliverMessage } from '../../support/doveadm';
import { addMailUser } from '../../support/mail-users';
import { startCutProxy } from './cut-proxy';
import { accountFor, rawMessage, rowsOf, rigMaker } from './fixture';

const servers = inject('mailServers');
const newRig = rigMaker(servers, 'letterbox-sync-search-');

const rfcDate = (date: Date) => date.toUTCString().replace('GMT', '+0000');
const found = (db: SqlDriver, query: string) =>
  db
    .all<{ subject: string }>(
      `SELECT m.subject FROM message_search s JOIN messages m ON m.rowid = s.rowid
        WHERE message_search MATCH ? ORDER BY m.subject`,
      [query],
    )
    .map((r) => r.subject);
/** Index entries: a message indexed twice would count twice. */
const entries = (db: SqlDriver) => db.get<{ n: number }>('SELECT count(*) AS n FROM message_search')?.n ?? 0;
const held = (db: SqlDriver) =>
  db
    .all<{ subject: string }>('SELECT subject FROM messages WHERE search_pending = 1 ORDER BY subject')
    .map((r) => r.subject);

describe('search index during a first sync', () => {
  it('holds back only the messages whose body the pass downloads, and indexes each once', async () => {
    const user = await addMailUser(servers.dovecot, 'holdback');
    const now = new Date();
    await deliverMessage(servers.dovecot, user.name, rawMessage(1, { subject: 'recent alpha', date: rfcDate(now) }));
    await deliverMessage(
      servers.dovecot,
      user.name,
      rawMessage(2, { subject: 'ancient beta', date: 'Mon, 06 Jan 2020 10:00:00 +0000' }),
    );
    const big = rawMessage(3, { subject: 'huge gamma', date: rfcDate(now) }).replace(
      'Body of message 3.',
      'x'.repeat(76).concat('\r\n').repeat(400),
    );
    await deliverMessage(servers.dovecot, user.name, big);
    const account = AccountSchema.parse({ ...accountFor(servers, user), imap: { offlineWindowDays: 30 } });
    const rig = newRig({ maxBodyBytes: 20_000 });
    // When the body download starts, every header row is committed: what is held then is the plan.
    const atBodies: { held: string[]; ancient: string[]; recent: string[] }[] = [];
    const { progress } = rig.deps.events;
    rig.deps.events.progress = (p) => {
      if (p.phase === 'bodies' && p.done === 0)
        atBodies.push({ held: held(rig.db), ancient: found(rig.db, 'ancient'), recent: found(rig.db, 'recent') });
      progress(p);
    };

    const summary = await rig.sync(account, user.password);
    expect(summary.error).toBeNull();
    // Outside the window and over the size limit: searchable by their headers from the start.
    expect(atBodies[0]).toEqual({ held: ['recent alpha'], ancient: ['ancient beta'], recent: [] });
    expect(found(rig.db, 'ancient')).toEqual(['ancient beta']);
    // Downloaded: its headers and body went into the index together.
    expect(held(rig.db)).toEqual([]);
    expect(found(rig.db, 'recent')).toEqual(['recent alpha']);
    expect(found(rig.db, '"body of message 1"')).toEqual(['recent alpha']);
    expect(found(rig.db, 'huge')).toEqual(['huge gamma']);
    expect(entries(rig.db)).toBe(3);
  });

  it('makes what it held searchable by its headers when the download is cut, and indexes the body next time', async () => {
    const user = await addMailUser(servers.dovecot, 'holdcut');
    const now = new Date();
    const filler = 'lorem ipsum dolor sit amet '.repeat(3).concat('\r\n').repeat(250); // about 20 KB
    for (let n = 1; n <= 30; n++) {
      const raw = rawMessage(n, { subject: `report ${n}`, date: rfcDate(new Date(now.getTime() - n * 60_000)) });
      await deliverMessage(servers.dovecot, user.name, raw.replace(`Body of message ${n}.`, `zebra${n}\r\n${filler}`));
    }
    const proxy = await startCutProxy(servers.imap.tlsPort);
    try {
      const rig = newRig({ session: { trust: { extraCa: [servers.tls.ca] }, socketTimeoutMs: 10_000 } });
      const account = accountFor(servers, user, { port: proxy.port, security: 'implicit' });
      // Past the headers (under 1 KB a message), inside the bodies (about 20 KB each).
      proxy.cutAfterBytes = 200_000;
      const cut = await rig.sync(account, user.password);
      expect(proxy.cuts).toBeGreaterThan(0);
      expect(cut.ok).toBe(false);
      const rows = rowsOf(rig.db, account.id, 'INBOX');
      expect(rows).toHaveLength(30);
      // One FETCH carries these bodies: cut inside it, none of them came.
      expect(rows.filter((r) => r.body_state === 'none').length).toBeGreaterThan(0);
      // Nothing stays held: every message is found by its subject, downloaded or not.
      expect(held(rig.db)).toEqual([]);
      expect(found(rig.db, 'report')).toHaveLength(30);
      expect(entries(rig.db)).toBe(30);

      proxy.cutAfterBytes = null;
      const resumed = await rig.sync(account, user.password);
      expect(resumed.error).toBeNull();
      expect(rowsOf(rig.db, account.id, 'INBOX').every((r) => r.body_state === 'stored')).toBe(true);
      // The bodies that came in the second pass replaced their header-only entries.
      for (let n = 1; n <= 30; n++) expect(found(rig.db, `zebra${n}`)).toEqual([`report ${n}`]);
      expect(entries(rig.db)).toBe(30);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
