import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppPage } from './support/app-page';
import { launchChromium, watchProblems, type PageProblems } from './support/browser';
import { assertBuilt } from './support/build-output';
import { interceptIpc } from './support/ipc-interceptor';
import { startWebShellProcess, type WebShellProcess } from './support/web-shell-process';

let profileDir: string;
let shell: WebShellProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: AppPage;
let problems: PageProblems;

beforeAll(async () => {
  assertBuilt();
  profileDir = mkdtempSync(join(tmpdir(), 'letterbox-e2e-'));
  // The file vault with a key file: deterministic here, and it makes main raise a start-up notice.
  shell = await startWebShellProcess(['--port', '0', '--profile', profileDir], { LETTERBOX_SECRETS: 'vault' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  const code = await shell?.stop();
  rmSync(profileDir, { recursive: true, force: true });
  // SIGTERM is how the user (Ctrl-C) stops it too: it must close cleanly, not crash.
  expect(code, shell?.stderr()).toBe(0);
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  problems = await watchProblems(context, page);
  app = new AppPage(page);
});

afterEach(async () => {
  await context.close();
  expect(problems.list).toEqual([]);
});

describe('the browser shell', () => {
  it('shows the three panes, the toolbar and the empty states main reported', async () => {
    await page.goto(shell.url);
    for (const region of [app.folders, app.messages, app.reader]) await region.waitFor();
    await app.addAccount.waitFor();
    await app.compose.waitFor();
    await app.folders.getByText('No accounts yet', { exact: false }).waitFor();
    await app.messages.getByText('No messages', { exact: true }).waitFor();
    await app.reader.getByText('No message selected', { exact: true }).waitFor();
    // Only the server knows the profile folder: this text came through app:info.
    await app.statusBar.getByText(profileDir, { exact: false }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'No system keyring is available' }).waitFor();
    await page.screenshot({ path: '/tmp/letterbox.png' });
  });

  it('shows "No messages" only once messages:list has answered', async () => {
    const ipc = await interceptIpc(page, (call) =>
      call.channel === 'messages:list' ? { hold: true } : { pass: true },
    );
    await page.goto(shell.url);
    await app.messages.getByRole('status').filter({ hasText: 'Loading messages…' }).waitFor();
    await app.folders.getByText('No accounts yet', { exact: false }).waitFor();
    expect(await app.messages.getByText('No messages', { exact: true }).count()).toBe(0);
    expect(ipc.seen.find((call) => call.channel === 'messages:list')?.input).toEqual({
      source: { kind: 'unified', specialUse: 'inbox' },
      limit: 100,
      cursor: null,
    });
    ipc.release('messages:list');
    await app.messages.getByText('No messages', { exact: true }).waitFor();
  });

  it('shows an IPC error in words with a Retry that calls main again', async () => {
    let failures = 1;
    const ipc = await interceptIpc(page, (call) => {
      if (call.channel !== 'messages:list' || failures-- <= 0) return { pass: true };
      return { answer: { ok: false, error: { code: 'store_unavailable', message: 'The mail store is locked.' } } };
    });
    await page.goto(shell.url);
    const alert = app.messages.getByRole('alert');
    await alert.getByText('Could not load messages. The mail store is locked.').waitFor();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await app.messages.getByText('No messages', { exact: true }).waitFor();
    expect(ipc.seen.filter((call) => call.channel === 'messages:list')).toHaveLength(2);
  });

  it('reconnects after losing the connection and retries the call that was cut off', async () => {
    let drops = 1;
    const ipc = await interceptIpc(page, (call) =>
      call.channel === 'messages:list' && drops-- > 0 ? { drop: true } : { pass: true },
    );
    await page.goto(shell.url);
    await app.messages.getByText('No messages', { exact: true }).waitFor();
    expect(ipc.connections()).toBe(2);
    expect(ipc.seen.filter((call) => call.channel === 'messages:list')).toHaveLength(2);
  });

  it('opens and closes the Add account and Compose dialogs, saying they are not built yet', async () => {
    await page.goto(shell.url);
    await app.addAccount.click();
    const dialog = app.dialog('Add account');
    await dialog.getByText('Setting up an account is not in this build of Letterbox yet.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await app.addAccount.evaluate((button) => button === document.activeElement)).toBe(true);

    await app.compose.click();
    const compose = app.dialog('New message');
    await compose.getByText('Writing messages is not in this build of Letterbox yet.').waitFor();
    await page.keyboard.press('Escape');
    await compose.waitFor({ state: 'detached' });
  });

  it('moves between toolbar buttons with the arrow keys', async () => {
    await page.goto(shell.url);
    await app.compose.focus();
    await page.keyboard.press('ArrowRight');
    expect(await app.addAccount.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await app.compose.getAttribute('tabindex')).toBe('-1');
  });

  it('shows notices main pushes later (app:notice) and lets the user dismiss them', async () => {
    const ipc = await interceptIpc(page, () => ({ pass: true }));
    await page.goto(shell.url);
    await app.messages.getByText('No messages', { exact: true }).waitFor();
    const payload = { level: 'info', code: 'offline', message: 'You are offline; sends wait in the outbox.' };
    ipc.push({ type: 'event', event: 'app:notice', payload });
    const notice = page.getByRole('status').filter({ hasText: payload.message });
    await notice.waitFor();
    await notice.getByRole('button', { name: `Dismiss: ${payload.message}` }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
