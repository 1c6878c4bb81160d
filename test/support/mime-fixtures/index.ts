// The .eml corpus beside this file, plus messages too large (or too odd) to keep as files.
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('./', import.meta.url);

export function fixtureNames(): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort();
}

/** A fresh copy each call: the parser pool detaches buffers it is given. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, dir));
}

/** ~1.3 MB of Received headers before the Subject: past the default 1 MiB header limit. */
export function hugeHeaderMessage(): Buffer {
  const received = Array.from(
    { length: 3000 },
    (_, i) =>
      `Received: from relay${i}.example.net (relay${i}.example.net [192.0.2.${i % 250}])\r\n` +
      `\tby relay${i + 1}.example.net with ESMTP id ${String(i).padStart(8, '0')}; Tue, 5 Mar 2024 10:00:00 +0000\r\n` +
      `\t(padding ${'x'.repeat(300)})\r\n`,
  ).join('');
  return Buffer.from(
    received +
      'Message-ID: <huge-header@example.com>\r\nFrom: Loop <loop@example.com>\r\nSubject: Mail loop survivor\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n\r\nThe body is still here.\r\n',
  );
}

/** A plain message with `parts` base64 attachments of `partBytes` each. */
export function manyAttachmentsMessage(parts: number, partBytes = 16): Buffer {
  const body = Array.from(
    { length: parts },
    (_, i) =>
      `--b\r\nContent-Type: application/octet-stream; name="f${i}.bin"\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(partBytes, i % 256).toString('base64')}\r\n`,
  ).join('');
  return Buffer.from(
    `Subject: Many parts\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n${body}--b--\r\n`,
  );
}

/** A message of about `bytes` bytes: a text part followed by one large base64 attachment. */
export function largeMessage(bytes: number, extraHeader = ''): Buffer {
  const payload = Buffer.alloc(Math.floor((bytes * 3) / 4), 0x61)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `${extraHeader}Message-ID: <large@example.com>\r\nFrom: Big <big@example.com>\r\nSubject: Large message\r\n` +
      'Content-Type: multipart/mixed; boundary="big"\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\nA large file.\r\n' +
      `--big\r\nContent-Type: application/octet-stream; name="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${payload}\r\n--big--\r\n`,
  );
}
