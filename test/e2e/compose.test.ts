/**
 * Compose and drafts in the browser shell against the harness's Dovecot and SMTP server: a draft
 * survives the backend being killed mid-edit, a sent message arrives once (with its attachment)
 * and is filed in Sent, plain-text mode sends one text/plain part, and a reply threads.
 */
import { randomBytes } from 'node:crypto';
import PostalMime from 'postal-mime';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import type { ChannelName } from '../../shared/ipc/channels';
import { deliverMessage } from '../support/doveadm';
import { harnessImapClient } from '../support/imap-client';
import type { TestUser } from '../support/mail-servers';
import { addMailUser } from '../support/mail-users';
import { pollUntil } from '../support/poll';
import { readSpool, waitForSpooled, type RecordedMessage } from '../support/smtp-recorder';
import { useAppSession } from './support/app-session';
import { invokeFromPage } from './support/page-invoke';
import { ComposePage } from './support/compose-page';
import { harnessAppOpener } from './support/harness-app';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-compose-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});

let recipient: TestUser;

beforeAll(async () => {
  recipient = await addMailUser(servers.dovecot, 'crcpt');
});

function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return invokeFromPage(session.page, channel, input);
}

const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'compose',
  name: 'Cora Compose',
  accountName: 'Compose test',
  // The undo delay is tested in outbox.test.ts; here it would only slow every send down.
  afterSetup: async () => void (await invoke('prefs:update', { undoSendSeconds: 0 })),
});

const uniqueSubject = (what: string) => `${what} ${randomBytes(4).toString('hex')}`;
const withSubject = (subject: string) => (message: RecordedMessage) => message.raw.toString('utf8').includes(subject);
const spooled = async (subject: string) => (await readSpool(servers.smtp.spoolDir)).filter(withSubject(subject));

/** The Message-IDs of messages in the sender's Sent folder on the server whose subject is `subject`. */
async function inSent(user: TestUser, subject: string): Promise<number> {
  const client = harnessImapClient(servers, user);
  await client.connect();
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      const uids = await client.search({ subject }, { uid: true });
      return uids ? uids.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A plain-text message from the recipient lands in `user`'s Inbox and is synced, as if it just arrived. */
async function receive(user: TestUser, headers: string[], body: string): Promise<void> {
  const raw = [
    `From: Rita Recipient <${recipient.address}>`,
    `To: ${user.address}`,
    ...headers,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
  await deliverMessage(servers.dovecot, user.name, raw);
  await invoke('sync:run', { accountId: null });
}

/** Opens the message about `topic` from All inboxes and answers it with Reply. */
async function replyTo(topic: string): Promise<ComposePage> {
  await session.app.folders.getByRole('button', { name: /^All inboxes\b/ }).click();
  await session.app.messageRow(topic).click();
  await session.app.reader.getByRole('button', { name: 'Reply', exact: true }).click();
  return ComposePage.waitFor(session.app, 'Reply');
}

/** A 1×1 PNG, as a screenshot tool would put on the clipboard. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const CSV = 'month,sales\n2026-10,41\n2026-11,58\n';

const NOTES = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Line one\nLine two\n'.repeat(200)) };

describe('compose and drafts', () => {
  it('keeps every field and the attachment of a draft when the backend is killed mid-edit', async () => {
    await openAppWithAccount();
    const subject = uniqueSubject('Survives a crash');
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'Half-written thoughts about the crash.' });
    await compose.field('Cc').fill(`"Doe, Jane" <jane@example.test>`);
    await compose.attach([NOTES]);
    await compose.attachments.getByText('3.6 KB', { exact: true }).waitFor();
    await compose.saved.waitFor();

    // Killed while the dialog is still open: only what autosave stored can come back.
    await session.restartShell('SIGKILL');
    // The old page's bridge keeps trying the dead server; those failed connections are expected.
    await session.page.goto(session.shell.url);
    session.problems.list.splice(0, session.problems.list.length, ...session.problems.list.filter(notReconnect));

    await session.app.draftsFolder.click();
    const drafts = session.app.drafts;
    await drafts.getByRole('button', { name: new RegExp(subject) }).click();
    const reopened = await ComposePage.waitFor(session.app);
    expect(await reopened.field('To').inputValue()).toBe(recipient.address);
    expect(await reopened.field('Cc').inputValue()).toBe(`"Doe, Jane" <jane@example.test>`);
    expect(await reopened.field('Subject').inputValue()).toBe(subject);
    expect(await reopened.field('Message').innerText()).toBe('Half-written thoughts about the crash.');
    await reopened.attachments.getByText('notes.txt', { exact: true }).waitFor();
    await reopened.attachments.getByText('3.6 KB', { exact: true }).waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox-compose-reopened.png' });
  });

  it('sends a message with an attachment once, and files it in Sent', async () => {
    const user = await openAppWithAccount();
    const subject = uniqueSubject('With a file');
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'The notes are in the file.' });
    await compose.attach([NOTES]);
    await compose.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(subject));
    expect(message.envelope.rcptTo).toEqual([recipient.address]);
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trim()).toBe('The notes are in the file.');
    expect(parsed.attachments.map((a) => [a.filename, a.mimeType])).toEqual([['notes.txt', 'text/plain']]);
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer).equals(NOTES.buffer)).toBe(true);

    await pollUntil(async () => ((await inSent(user, subject)) > 0 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the sent message in the Sent folder',
    });
    expect(await inSent(user, subject)).toBe(1);
    expect(await spooled(subject)).toHaveLength(1);
    // Sending removed the draft.
    await session.app.draftsFolder.click();
    const drafts = session.app.drafts;
    await drafts.waitFor();
    expect(await drafts.getByText(subject).count()).toBe(0);
  });

  it('reminds about a forgotten attachment and lets the user attach it before sending', async () => {
    await openAppWithAccount();
    const subject = uniqueSubject('Agenda');
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'Die Agenda ist angehängt.' });
    await compose.send.click();
    const reminder = compose.dialog.getByRole('alertdialog', { name: /mentions an attachment/ });
    await reminder.waitFor();
    const chooser = session.page.waitForEvent('filechooser');
    await reminder.getByRole('button', { name: 'Attach a file', exact: true }).click();
    await (await chooser).setFiles([NOTES]);
    await compose.attachments.getByRole('button', { name: 'Remove notes.txt', exact: true }).waitFor();
    await compose.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(subject));
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['notes.txt']);
  });

  it('sends a pasted image as an inline cid: part of the HTML and a dropped file as an attachment', async () => {
    await openAppWithAccount();
    const subject = uniqueSubject('Pasted and dropped');
    const compose = await ComposePage.open(session.app);
    await compose.fill({ to: recipient.address, subject, body: 'The chart, and the data:' });
    const body = compose.field('Message');
    await body.press('End');
    // A screenshot on the clipboard: a nameless PNG, as browsers hand one over.
    await body.evaluate((editor, base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([bytes], '', { type: 'image/png' }));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await body.locator('img.inline-image[src^="data:image/png"]').waitFor();
    // A file from the file manager, dropped on the dialog (not into the text).
    await compose.attachments.evaluate((region, csv) => {
      const drag = new DataTransfer();
      drag.items.add(new File([csv], 'data.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        region.dispatchEvent(new DragEvent(type, { dataTransfer: drag, bubbles: true, cancelable: true }));
      }
    }, CSV);
    await compose.attachments.getByRole('button', { name: 'Remove data.csv', exact: true }).waitFor();
    expect(await compose.attachments.getByText('image.png').count()).toBe(0);
    await compose.saved.waitFor();
    await compose.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(subject));
    const parsed = await PostalMime.parse(message.raw);
    const cids = [...(parsed.html ?? '').matchAll(/<img[^>]*src="cid:([^"]+)"/g)].map((match) => match[1]);
    expect(cids).toHaveLength(1);
    const image = parsed.attachments.find((a) => a.mimeType === 'image/png');
    expect(image?.contentId).toBe(`<${cids[0]}>`);
    expect(image?.related).toBe(true);
    expect(Buffer.from(image?.content as ArrayBuffer).equals(PNG)).toBe(true);
    const file = parsed.attachments.find((a) => a.filename === 'data.csv');
    expect(file?.disposition).toBe('attachment');
    expect(Buffer.from(file?.content as ArrayBuffer).toString('utf8')).toBe(CSV);
    expect(parsed.attachments).toHaveLength(2);
    expect(parsed.text).toContain('The chart, and the data:');
  });

  it('sends plain-text mode as a single text/plain part', async () => {
    await openAppWithAccount();
    const subject = uniqueSubject('Plain only');
    // The shortcut, from the message list (focus is not in a text field).
    await session.page.keyboard.press('c');
    const compose = await ComposePage.waitFor(session.app);
    await compose.field('Subject').fill(subject);
    await compose.field('To').fill(recipient.address);
    await compose.field('Message').fill('Rich at first');
    await compose.switchToPlainText();
    expect(await compose.field('Message').inputValue()).toBe('Rich at first');
    await compose.field('Message').fill('Just text.\nNo markup at all.');
    await compose.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(subject));
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.html).toBeUndefined();
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text?.trim()).toBe('Just text.\nNo markup at all.');
    const head = message.raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
    expect(head).toMatch(/^Content-Type: text\/plain/im);
    expect(head).not.toMatch(/multipart/i);
  });

  it('replies to a message in the Inbox with its thread headers and one "Re: "', async () => {
    const user = await openAppWithAccount();
    const topic = uniqueSubject('Lunch');
    const originalId = `<orig-${randomBytes(6).toString('hex')}@example.test>`;
    const earlierId = `<earlier-${randomBytes(6).toString('hex')}@example.test>`;
    await receive(
      user,
      [`Subject: Re: ${topic}`, `Message-ID: ${originalId}`, `In-Reply-To: ${earlierId}`, `References: ${earlierId}`],
      'Shall we meet at noon?',
    );
    const reply = await replyTo(topic);
    expect(await reply.field('Subject').inputValue()).toBe(`Re: ${topic}`);
    expect(await reply.field('To').inputValue()).toContain(recipient.address);
    await reply.field('Message').press('ControlOrMeta+Home');
    await reply.field('Message').pressSequentially('Noon works.');
    await reply.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(`Re: ${topic}`));
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.subject).toBe(`Re: ${topic}`);
    expect(parsed.inReplyTo).toBe(originalId);
    expect(parsed.references?.split(/\s+/)).toEqual([earlierId, originalId]);
    expect(parsed.text).toContain('Noon works.');
    expect(message.envelope.rcptTo).toEqual([recipient.address]);
  });

  it('puts the reply signature, formatted, above the quote when the settings say so', async () => {
    const user = await openAppWithAccount();
    await session.app.settings.click();
    const settings = session.app.dialog('Settings');
    const signatures = settings.getByRole('region', { name: 'Signatures', exact: true });
    await signatures.getByLabel('Signature in replies and forwards', { exact: true }).selectOption({
      label: 'Above the quoted message',
    });
    await signatures.getByLabel('Signature for new messages', { exact: true }).fill('Cora at her desk');
    await signatures.getByLabel('A different signature for replies and forwards', { exact: true }).check();
    await signatures.getByLabel('Signature for replies and forwards', { exact: true }).fill('Cora, on the road');
    await signatures.getByLabel('Formatted version for replies and forwards', { exact: true }).check();
    const rich = signatures.getByRole('textbox', { name: 'Formatted signature for replies and forwards' });
    await rich.click();
    await rich.press('End');
    await rich.press('ControlOrMeta+b');
    await rich.pressSequentially(' (mobile)');
    await signatures.getByRole('button', { name: 'Save signatures', exact: true }).click();
    await signatures.getByRole('status').filter({ hasText: 'Signatures saved.' }).waitFor();
    await session.page.screenshot({ path: '/tmp/letterbox-settings-signatures.png' });
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    const topic = uniqueSubject('Road trip');
    await receive(
      user,
      [`Subject: ${topic}`, `Message-ID: <road-${randomBytes(6).toString('hex')}@example.test>`],
      'Where are you today?',
    );
    const reply = await replyTo(topic);
    const shown = await reply.field('Message').innerText();
    expect(shown).not.toContain('Cora at her desk');
    expect(shown.indexOf('Cora, on the road (mobile)')).toBeGreaterThan(-1);
    expect(shown.indexOf('Cora, on the road (mobile)')).toBeLessThan(shown.indexOf('Where are you today?'));
    await reply.field('Message').press('ControlOrMeta+Home');
    await reply.field('Message').pressSequentially('In Lyon.');
    await reply.sendAndClose();

    const message = await waitForSpooled(servers.smtp.spoolDir, withSubject(`Re: ${topic}`));
    const parsed = await PostalMime.parse(message.raw);
    const text = parsed.text ?? '';
    expect(text).not.toContain('Cora at her desk');
    // The text alternative keeps the RFC 3676 delimiter exactly, the signature right under it.
    expect(text).toMatch(
      /^In Lyon\.\n\n-- \nCora, on the road \(mobile\)\n\nOn .+ wrote:\n\n> Where are you today\?\n*$/,
    );
    const html = parsed.html ?? '';
    expect(html).toContain('<p>Cora, on the road<strong> (mobile)</strong></p>');
    expect(html.indexOf('(mobile)')).toBeLessThan(html.indexOf('<blockquote'));
    await invoke('prefs:update', { signaturePlacement: 'below' });
  });

  it('suggests addresses from mail as the user types, by keyboard, and discards a draft on request', async () => {
    const from = `Mona Suggest <${recipient.address}>`;
    const subject = uniqueSubject('Suggest');
    const raw = `From: ${from}\r\nTo: x@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(' ', '-')}@example.test>\r\n\r\nHi\r\n`;
    const user = await openAppWithAccount();
    await deliverMessage(servers.dovecot, user.name, raw);
    await invoke('sync:run', { accountId: null });

    const compose = await ComposePage.open(session.app);
    const to = compose.field('To');
    await to.pressSequentially('Mona');
    const suggestions = compose.dialog.getByRole('listbox', { name: 'To suggestions' });
    await suggestions.getByRole('option', { name: from }).waitFor();
    expect(await to.getAttribute('aria-expanded')).toBe('true');
    await to.press('Enter');
    expect(await to.inputValue()).toBe(`${from}, `);
    expect(await to.getAttribute('aria-expanded')).toBe('false');
    await compose.field('Subject').fill(subject);
    await compose.saved.waitFor();

    await compose.dialog.getByRole('button', { name: 'Discard', exact: true }).click();
    await compose.dialog
      .getByRole('alertdialog', { name: /Discard this draft/ })
      .getByRole('button', { name: 'Discard', exact: true })
      .click();
    await compose.dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await invoke('drafts:list', {})).drafts.some((d) => d.subject === subject))
      .toBe(false);
  });
});

function notReconnect(problem: string): boolean {
  return !/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/__letterbox\/ipc/.test(problem);
}
