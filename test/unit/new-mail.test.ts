import { describe, expect, it } from 'vitest';
import { openNodeApp } from '../../main/platform/node/open-node-app';
import { unifiedUnreadCount, watchNewMail } from '../../main/services/new-mail';
import type { EventPayload } from '../../shared/ipc/contract';
import { channelExamples } from '../../shared/ipc/examples';
import { noNetwork } from '../support/no-network';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

async function open() {
  const app = await openNodeApp({
    profileDir: tempDir(),
    shell: 'web',
    env: { LETTERBOX_SECRETS: 'vault' },
    probes: noNetwork,
  });
  const example = channelExamples['accounts:get'].output;
  app.ctx.settings.set('accounts', [
    { ...example, id: 'a1' },
    { ...example, id: 'a2', includeInUnified: false },
  ]);
  const news: EventPayload<'mail:new'>[] = [];
  app.bus.subscribe((event, payload) => {
    if (event === 'mail:new') news.push(payload as EventPayload<'mail:new'>);
  });
  return { app, news };
}

let n = 0;
function deliver(app: Awaited<ReturnType<typeof open>>['app'], mailbox: string, account: string, subject: string) {
  n += 1;
  app.ctx.store.db.run(
    `INSERT INTO messages (id, account_id, mailbox_id, subject, from_name, from_address, date, unread)
     VALUES (?, ?, ?, ?, 'Grace <b>H</b>', 'grace@example.org', '2026-01-01T00:00:00.000Z', 1)`,
    [`m${n}`, account, mailbox, subject],
  );
  app.bus.emit('mailbox:changed', { accountId: account, mailboxId: mailbox });
}

describe('new mail notifications and the unread badge count', () => {
  it('tells new unread inbox mail as plain text, after the first pass only, and not other folders', async () => {
    const { app, news } = await open();
    const db = app.ctx.store.db;
    db.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in1', 'a1', 'INBOX', 'Inbox', 'inbox')",
    );
    db.run("INSERT INTO mailboxes (id, account_id, path, name) VALUES ('f1', 'a1', 'Lists', 'Lists')");
    const stop = watchNewMail(app.ctx);
    deliver(app, 'in1', 'a1', 'first sync');
    expect(news).toEqual([]);
    deliver(app, 'in1', 'a1', 'still the first sync');
    expect(news).toEqual([]);
    // The account's pass ended: from now on, arrivals are news.
    app.bus.emit('sync:status', { accountId: 'a1', state: 'idle', message: null, at: '2026-01-01T00:00:00.000Z' });
    deliver(app, 'in1', 'a1', 'Lunch?\n\u0007 <script>x</script>');
    deliver(app, 'f1', 'a1', 'a list');
    expect(news).toEqual([
      {
        accountId: 'a1',
        mailboxId: 'in1',
        count: 1,
        messages: [{ id: `m${n - 1}`, from: 'Grace <b>H</b>', subject: 'Lunch? <script>x</script>' }],
      },
    ]);
    // A profile that was synced before starts ready.
    stop();
    db.run("UPDATE mailboxes SET synced_at = '2026-01-01T00:00:00Z' WHERE id = 'in1'");
    const restarted = watchNewMail(app.ctx);
    deliver(app, 'in1', 'a1', 'after a restart');
    expect(news).toHaveLength(2);
    expect(news.at(-1)?.messages[0]?.subject).toBe('after a restart');
    restarted();
    await app.close();
  });

  it('counts unread inbox mail of the accounts in the unified inbox', async () => {
    const { app } = await open();
    const db = app.ctx.store.db;
    db.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in1', 'a1', 'INBOX', 'Inbox', 'inbox')",
    );
    db.run(
      "INSERT INTO mailboxes (id, account_id, path, name, special_use) VALUES ('in2', 'a2', 'INBOX', 'Inbox', 'inbox')",
    );
    deliver(app, 'in1', 'a1', 'one');
    deliver(app, 'in1', 'a1', 'two');
    deliver(app, 'in2', 'a2', 'excluded');
    expect(unifiedUnreadCount(app.ctx)).toBe(2);
    db.run("UPDATE messages SET unread = 0 WHERE mailbox_id = 'in1'");
    expect(unifiedUnreadCount(app.ctx)).toBe(0);
    await app.close();
  });
});
