/**
 * The mail window around the list: folder trees and the unified views, splitters and the
 * reader-below layout kept in the preferences, actions by key, toolbar, context menu and the
 * move dialog, the shortcut help, themes and an axe-core scan. Mail is seeded into the profile's
 * store (local rows: actions apply there; the server side is covered in mail-window-server).
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppSession } from './support/app-session';
import { runAxe } from './support/axe';
import { interceptIpc } from './support/ipc-interceptor';
import { recordNotifications } from './support/notifications';
import { addMailbox, addMessages, openProfileStore, seedAccounts } from './support/seed-profile';

const session = useAppSession({ prefix: 'letterbox-window-', env: { LETTERBOX_SECRETS: 'vault' } });
let db: Database.Database;

beforeAll(async () => {
  seedAccounts(session.profileDir, [
    { id: 'work', name: 'Work', includeInUnified: true },
    { id: 'home', name: 'Home', includeInUnified: false },
  ]);
  db = openProfileStore(session.profileDir);
  addMailbox(db, { id: 'w-in', accountId: 'work', path: 'INBOX', name: 'Inbox', specialUse: 'inbox' });
  addMailbox(db, { id: 'w-arc', accountId: 'work', path: 'Archive', name: 'Archive', specialUse: 'archive' });
  addMailbox(db, { id: 'w-trash', accountId: 'work', path: 'Trash', name: 'Trash', specialUse: 'trash' });
  addMailbox(db, { id: 'w-proj', accountId: 'work', path: 'Projects', name: 'Projects' });
  addMailbox(db, { id: 'w-alpha', accountId: 'work', path: 'Projects/Alpha', name: 'Alpha', parentId: 'w-proj' });
  addMailbox(db, { id: 'h-in', accountId: 'home', path: 'INBOX', name: 'Inbox', specialUse: 'inbox' });
  addMessages(db, { accountId: 'work', mailboxId: 'w-in', count: 30, prefix: 'Work' });
  addMessages(db, { accountId: 'home', mailboxId: 'h-in', count: 3, prefix: 'Home' });
  await session.restartShell('SIGTERM');
}, 60_000);

afterAll(() => db?.close());

/** A folder's accessible name: its name, then the count and what it counts (punctuation between may vary). */
const unreadName = (label: string, n: number) => new RegExp(`^${label}\\W+${n} unread$`);
const focusedFolder = () =>
  session.page.evaluate(() => document.activeElement?.querySelector('.folder-name')?.firstChild?.textContent ?? null);
const count = (mailbox: string) =>
  (db.prepare('SELECT count(*) AS n FROM messages WHERE mailbox_id = ?').get(mailbox) as { n: number }).n;

async function openInbox() {
  await session.page.goto(session.shell.url);
  await session.app.messageGrid.getByRole('row').first().waitFor();
}

describe('the mail window', () => {
  it('lists unified views across included accounts and each account’s folders as a keyboard tree', async () => {
    await openInbox();
    // Work has 15 unread (odd-numbered messages); Home is left out of the unified inbox.
    await session.app.folders.getByRole('button', { name: unreadName('All inboxes', 15) }).waitFor();
    expect(await session.app.messageGrid.getByRole('row').filter({ hasText: 'Home message' }).count()).toBe(0);

    const tree = session.app.folderTree('Work');
    const items = await tree
      .getByRole('treeitem')
      .evaluateAll((els) =>
        els.map((e) => [e.querySelector('.folder-name')?.firstChild?.textContent, e.getAttribute('aria-level')]),
      );
    expect(items).toEqual([
      ['Inbox', '1'],
      ['Archive', '1'],
      ['Trash', '1'],
      ['Projects', '1'],
      ['Alpha', '2'],
    ]);
    await tree.getByRole('treeitem', { name: unreadName('Inbox', 15) }).focus();
    await session.page.keyboard.press('End');
    expect(await focusedFolder()).toBe('Alpha');
    await session.page.keyboard.press('ArrowLeft');
    expect(await focusedFolder()).toBe('Projects');
    await session.page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => tree.getByRole('treeitem', { name: 'Projects' }).getAttribute('aria-expanded'))
      .toBe('false');
    expect(await tree.getByRole('treeitem', { name: 'Alpha' }).count()).toBe(0);
    await session.page.keyboard.press('ArrowRight');
    await tree.getByRole('treeitem', { name: 'Alpha' }).waitFor();
    await session.page.keyboard.press('Enter');
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
    expect(await tree.getByRole('treeitem', { name: 'Projects' }).getAttribute('aria-selected')).toBe('true');

    await session.app
      .folderTree('Home')
      .getByRole('treeitem', { name: unreadName('Inbox', 1) })
      .click();
    await session.app.messageRow('Home message 2').waitFor();
  });

  it('resizes panes by keyboard and keeps the sizes and the reader-below layout after a reload', async () => {
    await openInbox();
    const splitter = session.page.getByRole('separator', { name: 'Resize folders pane' });
    const start = Number(await splitter.getAttribute('aria-valuenow'));
    const width = () => session.app.folders.evaluate((el) => Math.round(el.getBoundingClientRect().width));
    await splitter.focus();
    await session.page.keyboard.press('ArrowRight');
    await session.page.keyboard.press('ArrowRight');
    await expect.poll(() => splitter.getAttribute('aria-valuenow')).toBe(String(start + 32));
    await expect.poll(width).toBe(start + 32);

    const toggle = session.page.getByRole('button', { name: 'Reader below', exact: true });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await session.page.reload();
    await session.app.messageRow('Work message 29').waitFor();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await splitter.getAttribute('aria-valuenow')).toBe(String(start + 32));
    const list = await session.app.messages.boundingBox();
    const reader = await session.app.reader.boundingBox();
    expect(reader && list && reader.y >= list.y + list.height).toBe(true);
    const below = session.page.getByRole('separator', { name: 'Resize message list' });
    expect(await below.getAttribute('aria-orientation')).toBe('horizontal');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('archives, flags, marks unread and deletes by key, with multi-select', async () => {
    await openInbox();
    await session.app.messageRow('Work message 29').click();
    await session.page.keyboard.press('Shift+ArrowDown');
    await session.page.keyboard.press('e');
    await session.app.messageRow('Work message 29').waitFor({ state: 'detached' });
    await session.app.messageRow('Work message 28').waitFor({ state: 'detached' });
    expect(count('w-arc')).toBe(2);
    // The row after the archived ones is selected next.
    const next = session.app.messageRow('Work message 27');
    await expect.poll(() => next.getAttribute('aria-selected')).toBe('true');

    // Message 26 was seeded read (even numbers are).
    await session.page.keyboard.press('j');
    const read = session.app.messageRow('Work message 26');
    await expect.poll(() => read.getAttribute('aria-selected')).toBe('true');
    expect(await read.getByText('Unread,', { exact: false }).count()).toBe(0);
    await session.page.keyboard.press('s');
    await read.getByText('Flagged').waitFor();
    await session.page.keyboard.press('u');
    await read.getByText('Unread,', { exact: false }).waitFor();
    await session.app.messageActions.getByRole('button', { name: 'Mark read or unread' }).click();
    await read.getByText('Unread,', { exact: false }).waitFor({ state: 'detached' });
    expect(db.prepare("SELECT unread, flagged FROM messages WHERE id = 'Work-26'").get()).toEqual({
      unread: 0,
      flagged: 1,
    });
    await read.click();
    await session.page.keyboard.press('#');
    await read.waitFor({ state: 'detached' });
    expect(count('w-trash')).toBe(1);
    await session.app
      .folderTree('Work')
      .getByRole('treeitem', { name: /^Archive/ })
      .click();
    await session.app.messageRow('Work message 28').waitFor();
  });

  it('opens the context menu by key and moves with the type-to-filter dialog', async () => {
    await openInbox();
    const row = session.app.messageRow('Work message 25');
    await row.click();
    await session.page.keyboard.press('Shift+F10');
    const menu = session.page.getByRole('menu', { name: 'Message actions' });
    await menu.waitFor();
    expect(
      await menu
        .getByRole('menuitem')
        .first()
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await session.page.keyboard.press('End');
    await session.page.keyboard.press('Enter');
    const dialog = session.app.dialog('Move to folder');
    await dialog.waitFor();
    await session.page.keyboard.type('alp');
    const options = dialog.getByRole('listbox', { name: 'Folders' }).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['Projects/Alpha']);
    await session.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    expect(count('w-alpha')).toBe(1);

    // Right click opens the same menu; Escape closes it and focus goes back to the row.
    await session.app.messageRow('Work message 24').click({ button: 'right' });
    await menu.waitFor();
    await session.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('lists every shortcut on ?, focuses search on /, and passes an axe scan in light and dark', async () => {
    await openInbox();
    await session.page.locator('body').press('?');
    const help = session.app.dialog('Keyboard shortcuts');
    await help.getByRole('row', { name: /Archive/ }).waitFor();
    for (const label of ['Compose a new message', 'Reply all', 'Delete', 'Next message', 'Search mail']) {
      await help.getByRole('cell', { name: label, exact: true }).waitFor();
    }
    await session.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await session.page.locator('body').press('/');
    expect(
      await session.page
        .getByRole('searchbox', { name: 'Search mail' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);

    await session.app.messageRow('Work message 23').click();
    expect(await runAxe(session.page)).toEqual([]);
    await session.page.emulateMedia({ colorScheme: 'dark' });
    const background = await session.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(22, 25, 31)');
    expect(await runAxe(session.page)).toEqual([]);
  });

  it('shows a browser notification for mail:new as plain text and the unread count in the title', async () => {
    const recorded = await recordNotifications(session);
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    await openInbox();
    await expect.poll(() => session.page.title()).toMatch(/^\(\d+\) Letterbox$/);
    const payload = {
      accountId: 'work',
      mailboxId: 'w-in',
      count: 1,
      messages: [{ id: 'x', from: 'Grace <b>Hopper</b>', subject: '<img src=x onerror=alert(1)> Lunch?' }],
    };
    ipc.push({ type: 'event', event: 'mail:new', payload });
    await expect
      .poll(recorded)
      .toEqual([{ title: 'Grace <b>Hopper</b>', body: '<img src=x onerror=alert(1)> Lunch?' }]);
  });
});
