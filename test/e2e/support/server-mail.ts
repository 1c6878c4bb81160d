import { expect } from 'vitest';
import { harnessImapClient } from '../../support/imap-client';
import type { MailServers, TestUser } from '../../support/mail-servers';
import type { AppSession } from './app-session';

/** A plain-text message as delivered to the harness (UTF-8 headers and body, 8bit). */
export function rawMessage(subject: string, from: string, body = 'Body.'): string {
  return [
    `From: ${from}`,
    'To: reader@example.org',
    `Subject: ${subject}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.org>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Presses the toolbar's Sync now and waits for the pass to end. */
export async function syncNow(session: AppSession): Promise<void> {
  const button = session.app.toolbar.getByRole('button', { name: 'Sync now', exact: true });
  await button.click();
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** Flags of the messages with this subject in one server folder (empty when none is there). */
export async function flagsOnServer(
  servers: MailServers,
  user: TestUser,
  mailbox: string,
  subject: string,
): Promise<string[][]> {
  const client = harnessImapClient(servers, user);
  await client.connect();
  try {
    await client.mailboxOpen(mailbox);
    const found: string[][] = [];
    for await (const message of client.fetch({ subject }, { flags: true, envelope: true })) {
      if (message.envelope?.subject === subject) found.push([...(message.flags ?? [])].sort());
    }
    return found;
  } finally {
    await client.logout();
  }
}
