import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Security, Server } from '../../../shared/model/account';
import type { AttemptRecord, SendOutcome, SmtpTarget } from '../../../main/mail/smtp';

/** Server settings as the account model stores them, for a server on 127.0.0.1. */
export function serverAt(port: number, security: Security, username: string, extra: Partial<Server> = {}): Server {
  return { host: '127.0.0.1', port, security, username, authMethod: 'auto', pinnedCertificate: null, ...extra };
}

export function targetFor(
  port: number,
  security: Security,
  credentials: { username: string; password: string },
  extra: Omit<Partial<SmtpTarget>, 'server'> & { server?: Partial<Server> } = {},
): SmtpTarget {
  const { server, ...rest } = extra;
  return {
    server: serverAt(port, security, credentials.username, server),
    username: credentials.username,
    password: credentials.password,
    clientName: 'letterbox.test',
    timeoutMs: 10_000,
    ...rest,
  };
}

/**
 * A small RFC 5322 message with CRLF line ends and a unique Message-ID. The body has a line
 * starting with a dot, which must survive SMTP dot-stuffing byte for byte, and `padding` bytes
 * of filler to make it as large as a test needs.
 */
export function rawMessage(from: string, to: readonly string[], padding = 0): { raw: Buffer; messageId: string } {
  const messageId = `<${randomUUID()}@letterbox.test>`;
  const lines = [
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    'Subject: SMTP transport test',
    `Message-ID: ${messageId}`,
    'Date: Mon, 30 Nov 2026 08:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Hello from the SMTP transport tests. Grüße!',
    '.a line that starts with a dot',
    ...Array.from({ length: Math.ceil(padding / 76) }, () => 'x'.repeat(74)),
    '',
  ];
  return { raw: Buffer.from(lines.join('\r\n'), 'utf8'), messageId };
}

/** The password must not appear in any form in anything Letterbox keeps about an attempt. */
export function expectNoSecret(value: unknown, username: string, password: string): void {
  const text = JSON.stringify(value);
  const base64 = (input: string): string => Buffer.from(input, 'utf8').toString('base64');
  for (const secret of [password, base64(password), base64(`\0${username}\0${password}`)]) {
    expect(text).not.toContain(secret);
  }
}

/** The client and server lines of a transcript, with the times left out. */
export function wire(attempt: AttemptRecord): string[] {
  return attempt.transcript.filter((line) => line.dir !== 'info').map((line) => `${line.dir}: ${line.text}`);
}

/** The outcome narrowed to one kind, failing the test when it is another. */
export function expectKind<K extends SendOutcome['kind']>(
  outcome: SendOutcome,
  kind: K,
): Extract<SendOutcome, { kind: K }> {
  expect(outcome.kind, JSON.stringify(outcome, null, 2)).toBe(kind);
  return outcome as Extract<SendOutcome, { kind: K }>;
}
