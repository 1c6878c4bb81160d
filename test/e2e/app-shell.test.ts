import { describe, expect, it } from 'vitest';
import { useAppSession } from './support/app-session';
import { interceptIpc } from './support/ipc-interceptor';

const session = useAppSession({
  prefix: 'letterbox-e2e-',
  env: { LETTERBOX_SECRETS: 'vault' },
  viewport: { width: 1280, height: 800 },
});

describe('the browser shell', () => {
  it('shows the three panes, the toolbar and the empty states main reported', async () => {
    await session.page.goto(session.shell.url);
    for (const region of [session.app.folders, session.app.messages, session.app.reader]) await region.waitFor();
    await session.app.addAccount.waitFor();
    await session.app.compose.waitFor();
    await session.app.folders.getByText('No accounts yet', { exact: false }).waitFor();
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
    await session.app.reader.getByText('No message selected', { exact: true }).waitFor();
    // Only the server knows the profile folder: this text came through app:info.
    await session.app.statusBar.getByText(session.profileDir, { exact: false }).waitFor();
    await session.page.getByRole('alert').filter({ hasText: 'No system keyring is available' }).waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox.png' });
  });

  it('shows "No messages" only once messages:list has answered', async () => {
    const ipc = await interceptIpc(session.page, (call) =>
      call.channel === 'messages:list' ? { hold: true } : { pass: true },
    );
    await session.page.goto(session.shell.url);
    await session.app.messages.getByRole('status').filter({ hasText: 'Loading messages…' }).waitFor();
    await session.app.folders.getByText('No accounts yet', { exact: false }).waitFor();
    expect(await session.app.messages.getByText('No messages', { exact: true }).count()).toBe(0);
    expect(ipc.seen.find((call) => call.channel === 'messages:list')?.input).toEqual({
      source: { kind: 'unified', specialUse: 'inbox' },
      limit: 100,
      offset: 0,
      sort: 'date',
      conversations: false,
    });
    ipc.release('messages:list');
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
  });

  it('shows an IPC error in words with a Retry that calls main again', async () => {
    let failures = 1;
    const ipc = await interceptIpc(session.page, (call) => {
      if (call.channel !== 'messages:list' || failures-- <= 0) return { pass: true };
      return { answer: { ok: false, error: { code: 'store_unavailable', message: 'The mail store is locked.' } } };
    });
    await session.page.goto(session.shell.url);
    const alert = session.app.messages.getByRole('alert');
    await alert.getByText('Could not load messages. The mail store is locked.').waitFor();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
    expect(ipc.seen.filter((call) => call.channel === 'messages:list')).toHaveLength(2);
  });

  it('reconnects after losing the connection and retries the call that was cut off', async () => {
    let drops = 1;
    const ipc = await interceptIpc(session.page, (call) =>
      call.channel === 'messages:list' && drops-- > 0 ? { drop: true } : { pass: true },
    );
    await session.page.goto(session.shell.url);
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
    expect(ipc.connections()).toBe(2);
    expect(ipc.seen.filter((call) => call.channel === 'messages:list')).toHaveLength(2);
  });

  it('opens and closes the Add account dialog (setup, step 1) and the Compose dialog', async () => {
    await session.page.goto(session.shell.url);
    await session.app.addAccount.click();
    const dialog = session.app.dialog('Add account');
    await dialog.getByRole('heading', { name: 'Your name, address and password' }).waitFor();
    await dialog.getByRole('list', { name: 'Setup steps' }).getByText('Your details').waitFor();
    await session.page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'name');
    expect(
      await dialog.getByLabel('Your name', { exact: true }).evaluate((input) => input === document.activeElement),
    ).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await session.app.addAccount.evaluate((button) => button === document.activeElement)).toBe(true);

    await session.app.compose.click();
    const compose = session.app.dialog('New message');
    // Drafts need no account: the form opens, and says Send waits for one.
    await compose.getByText('No account yet: the draft is saved', { exact: false }).waitFor();
    await session.page.keyboard.press('Escape');
    await compose.waitFor({ state: 'detached' });
  });

  it('moves between toolbar buttons with the arrow keys', async () => {
    await session.page.goto(session.shell.url);
    await session.app.compose.focus();
    await session.page.keyboard.press('ArrowRight');
    expect(await session.app.addAccount.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await session.app.compose.getAttribute('tabindex')).toBe('-1');
  });

  it('shows notices main pushes later (app:notice) and lets the user dismiss them', async () => {
    const ipc = await interceptIpc(session.page, () => ({ pass: true }));
    await session.page.goto(session.shell.url);
    await session.app.messages.getByText('No messages', { exact: true }).waitFor();
    const payload = { level: 'info', code: 'offline', message: 'You are offline; sends wait in the outbox.' };
    ipc.push({ type: 'event', event: 'app:notice', payload });
    const notice = session.page.getByRole('status').filter({ hasText: payload.message });
    await notice.waitFor();
    await notice.getByRole('button', { name: `Dismiss: ${payload.message}` }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
