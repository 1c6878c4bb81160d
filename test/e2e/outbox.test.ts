/**
 * Compose, undo send and the outbox in the browser shell, against the harness's real SMTP
 * submission server (STARTTLS, AUTH), which delivers into Dovecot and spools every message it
 * accepts: the spool is the ground truth for "sent exactly once" and "never sent".
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { MailApi } from '../../shared/ipc/api';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';
import { readSpool, waitForSpooled } from '../support/smtp-recorder';
import { useAppSession } from './support/app-session';
import { ComposePage } from './support/compose-page';
import { harnessAppOpener } from './support/harness-app';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-outbox-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

let recipient: TestUser;

beforeAll(async () => {
  recipient = await addMailUser(servers.dovecot, 'rcpt');
});

/** Opens the app; the first test to get here adds the sending account through the setup dialog. */
const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'outbox',
  name: 'Olive Outbox',
  accountName: 'Outbox test',
});

function undoSeconds(): Promise<number | null> {
  return session.page.evaluate(async () => {
    const result = await (window as unknown as { mail: MailApi }).mail.invoke('prefs:get', {});
    return result.ok ? result.value.undoSendSeconds : null;
  });
}

async function setUndoDelay(label: 'Off' | '5 seconds', seconds: number): Promise<void> {
  await session.app.settings.click();
  const dialog = session.app.dialog('Settings');
  await dialog.getByLabel('Undo send delay', { exact: true }).selectOption({ label });
  await expect.poll(undoSeconds).toBe(seconds);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const uniqueSubject = (what: string) => `${what} ${randomBytes(4).toString('hex')}`;
const spooled = async (subject: string) =>
  (await readSpool(servers.smtp.spoolDir)).filter((message) => message.raw.toString('utf8').includes(subject));

describe('sending through the outbox', () => {
  it('takes a message back with Undo before the delay ends: nothing reaches the server', async () => {
    await openAppWithAccount();
    await setUndoDelay('5 seconds', 5);
    const subject = uniqueSubject('Undo me');
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'This should never arrive.' });
    await compose.sendAndClose();
    const sentAt = Date.now();

    const toasts = session.app.sendToasts;
    await toasts.getByText(/^Sending in \d s…$/).waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox-outbox-undo.png' });
    await toasts.getByRole('button', { name: 'Undo', exact: true }).click();
    await toasts.getByText('Message returned to drafts', { exact: false }).waitFor();

    // The delay is what is tested: wait until the message would have gone, then look for it.
    await sleep(Math.max(0, sentAt + 5_000 + 2_000 - Date.now()));
    expect(await spooled(subject)).toEqual([]);
    await session.app.outboxFolder.click();
    await session.app.outbox.getByRole('button', { name: 'Send all now', exact: true }).waitFor();
    expect(await session.app.outbox.getByText(subject).count()).toBe(0);
  });

  it('sends at once with undo Off, shows it live until Sent, delivers it once, and shows the SMTP conversation', async () => {
    const user = await openAppWithAccount();
    await setUndoDelay('Off', 0);
    const subject = uniqueSubject('Outbox live');
    await session.app.outboxFolder.click();
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'Hello from the outbox test.' });
    await compose.sendAndClose();

    const row = session.app.outbox.getByRole('listitem').filter({ hasText: subject });
    // Waits for a final state, so a refusal fails at once with the server's words in the message.
    const final = row.getByText(/^(Sent|Failed|Not sure it was sent)$/);
    await final.waitFor({ timeout: 30_000 });
    expect(await final.textContent(), await row.innerText()).toBe('Sent');
    const message = await waitForSpooled(servers.smtp.spoolDir, (m) => m.raw.toString('utf8').includes(subject));
    expect(message.envelope.rcptTo).toEqual([recipient.address]);
    expect(await spooled(subject)).toHaveLength(1);

    await row.getByRole('button', { name: new RegExp(subject) }).click();
    const details = session.app.reader.getByRole('article', { name: 'Delivery details' });
    const transcript = details.getByRole('figure', { name: /SMTP conversation/ });
    await transcript.waitFor();
    const lines = (await transcript.locator('pre').textContent()) ?? '';
    for (const command of [/^C: EHLO /m, /^C: MAIL FROM:<[^>]+>/m, /^C: RCPT TO:<[^>]+>/m, /^C: DATA$/m]) {
      expect(lines).toMatch(command);
    }
    const text = await details.innerText();
    expect(text).toMatch(/TLSv1\.[23]/);
    expect(text).toMatch(new RegExp(`Queue id\\s+${message.seq}\\b`));
    const plain = Buffer.from(`\0${user.name}\0${user.password}`).toString('base64');
    expect(text).not.toContain(user.password);
    expect(text).not.toContain(plain);
    await session.page.screenshot({ path: '/tmp/letterbox-outbox-details.png' });
  });

  it('marks an address that is not one and keeps Send disabled', async () => {
    await openAppWithAccount();
    const compose = await ComposePage.open(session.app);
    const to = compose.field('To');
    await to.fill('not an address');
    await to.press('Tab');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await compose.dialog.getByText('“not an address” is not an email address').waitFor();
    expect(await compose.send.isDisabled()).toBe(true);
    await compose.dialog.getByText('Correct the address in To to send.').waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox-outbox-compose.png' });

    await to.fill(`Someone <${recipient.address}>`);
    expect(await compose.send.isEnabled()).toBe(true);
    expect(await to.getAttribute('aria-invalid')).toBeNull();
  });
});
