/**
 * The message list at 100,000 messages, seeded straight into the profile's store: only a window of
 * rows in the DOM, the real size in aria-rowcount, End reaches the oldest message, sorting and
 * conversations, and a selection that survives a live update.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppSession } from './support/app-session';
import { interceptIpc } from './support/ipc-interceptor';
import { addMailbox, addMessages, openProfileStore, seedAccounts } from './support/seed-profile';

const session = useAppSession({ prefix: 'letterbox-list-', env: { LETTERBOX_SECRETS: 'vault' } });
const COUNT = 100_000;
let db: Database.Database;

beforeAll(async () => {
  seedAccounts(session.profileDir, [
    { id: 'big', name: 'Big', includeInUnified: true },
    { id: 'side', name: 'Side', includeInUnified: false },
  ]);
  db = openProfileStore(session.profileDir);
  addMailbox(db, { id: 'big-in', accountId: 'big', path: 'INBOX', name: 'Inbox', specialUse: 'inbox' });
  addMailbox(db, { id: 'big-arc', accountId: 'big', path: 'Archive', name: 'Archive', specialUse: 'archive' });
  addMailbox(db, { id: 'side-in', accountId: 'side', path: 'INBOX', name: 'Inbox', specialUse: 'inbox' });
  addMessages(db, { accountId: 'big', mailboxId: 'big-in', count: COUNT, prefix: 'Big', threadSize: 5 });
  addMessages(db, { accountId: 'side', mailboxId: 'side-in', count: 3, prefix: 'Side' });
  await session.restartShell('SIGTERM');
}, 120_000);

afterAll(() => db?.close());

const grid = () => session.app.messageGrid;

describe('the message list at 100,000 messages', () => {
  it('keeps only a window of rows in the DOM, tells the real size, and reaches the end with End', async () => {
    await session.page.goto(session.shell.url);
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe(String(COUNT));
    // Newest first: the last seeded message heads the unified inbox; the excluded account is absent.
    await session.app.messageRow(`Big message ${COUNT - 1}`).waitFor();
    expect(await grid().getByRole('row').filter({ hasText: 'Side message' }).count()).toBe(0);
    expect(await grid().getByRole('row').count()).toBeLessThan(200);

    await session.app.messageRow(`Big message ${COUNT - 1}`).click();
    await session.page.keyboard.press('End');
    const last = session.app.messageRow('Big message 0');
    await last.waitFor();
    await expect.poll(() => last.getAttribute('aria-selected')).toBe('true');
    expect(await last.getAttribute('aria-rowindex')).toBe(String(COUNT));
    expect(await last.evaluate((row) => row === document.activeElement)).toBe(true);
    expect(await grid().getByRole('row').count()).toBeLessThan(200);
    await session.app.reader.getByRole('heading', { name: 'Big message 0' }).waitFor();

    await session.page.keyboard.press('Home');
    await expect
      .poll(() => session.app.messageRow(`Big message ${COUNT - 1}`).getAttribute('aria-selected'))
      .toBe('true');
  });

  it('moves with j/k and arrows, extends with Shift, and keeps the selection through a live update', async () => {
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    await session.page.goto(session.shell.url);
    await session.app.messageRow(`Big message ${COUNT - 1}`).click();
    await session.page.keyboard.press('j');
    await session.page.keyboard.press('ArrowDown');
    // Opening an (odd, so unread) message marks it read; let that settle first, so that below only the
    // live update could change the selected rows.
    await session.app.reader.getByRole('heading', { name: `Big message ${COUNT - 3}` }).waitFor();
    await expect.poll(() => session.app.messageRow(`Big message ${COUNT - 3}`).textContent()).not.toContain('Unread');
    await session.page.keyboard.press('Shift+ArrowDown');
    const selected = grid().locator('[role="row"][aria-selected="true"]');
    await expect.poll(() => selected.allTextContents()).toHaveLength(2);
    const before = await selected.allTextContents();
    expect(before[0]).toContain(`Big message ${COUNT - 3}`);

    // Sync stores new mail and says so: the list refreshes and grows, the selection stays put.
    addMessages(db, { accountId: 'big', mailboxId: 'big-in', count: 1, prefix: 'Zlive' });
    db.prepare("UPDATE messages SET date = '2030-01-01T00:00:00.000Z' WHERE id = 'Zlive-0'").run();
    ipc.push({ type: 'event', event: 'mailbox:changed', payload: { accountId: 'big', mailboxId: 'big-in' } });
    try {
      await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
      await session.app.messageRow('Zlive message 0').waitFor();
      expect(await selected.allTextContents()).toEqual(before);
    } finally {
      // The later tests count the seeded mailbox exactly.
      db.prepare("DELETE FROM messages WHERE id = 'Zlive-0'").run();
    }
  });

  it('sorts by sender and by subject', async () => {
    await session.page.goto(session.shell.url);
    await session.app.messageRow(`Big message ${COUNT - 1}`).waitFor();
    await session.app.messages.getByLabel('Sort by').selectOption('sender');
    // A→Z by sender, newest first within one: Ada Lovelace's newest message comes first.
    const ada = db
      .prepare("SELECT subject FROM messages WHERE from_name = 'Ada Lovelace' ORDER BY date DESC LIMIT 1")
      .get() as { subject: string };
    await expect.poll(() => grid().getByRole('row').first().textContent()).toContain(ada.subject);
    await session.app.messages.getByLabel('Sort by').selectOption('subject');
    const first = db
      .prepare(
        "SELECT subject FROM messages WHERE mailbox_id = 'big-in' ORDER BY subject COLLATE NOCASE, date DESC LIMIT 1",
      )
      .get() as { subject: string };
    await expect.poll(() => grid().getByRole('row').first().textContent()).toContain(first.subject);
  });

  it('groups conversations with their counts and shows a conversation’s messages', async () => {
    await session.page.goto(session.shell.url);
    await session.app.messageRow(`Big message ${COUNT - 1}`).waitFor();
    await session.app.messages.getByRole('checkbox', { name: 'Conversations' }).check();
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe(String(COUNT / 5));
    const row = session.app.messageRow(`Big message ${COUNT - 1}`);
    await row.getByLabel('5 messages').waitFor();
    await row.click();
    await session.page.keyboard.press('Enter');
    const list = row.getByRole('list', { name: 'Messages in this conversation' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(5);
    await list.getByRole('button', { name: new RegExp(`Big message ${COUNT - 5}\\b`) }).waitFor();
  });
});
