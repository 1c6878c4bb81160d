import { describe, expect, it } from 'vitest';
import { headerHash, headerKeys } from '../../../main/sync/pop3/header-key';

const message = (extra = '', body = 'Hello.\r\n') =>
  Buffer.from(
    [
      'From: Ann <ann@example.test>',
      'Subject: a folded',
      '\tsubject line',
      'Date: Mon, 30 Nov 2026 06:00:00 +0000',
      'Message-ID: <one@example.test>',
      extra,
      '',
      body,
    ]
      .filter((line, i, all) => line !== '' || i === all.length - 2)
      .join('\r\n'),
    'latin1',
  );

describe('header hash fallback (servers without UIDL)', () => {
  it('is the same for the same headers, whatever the body or the line ends', () => {
    const key = headerHash(message());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(headerHash(message('', 'Another body entirely.\r\n'))).toBe(key);
    expect(headerHash(Buffer.from(message().toString('latin1').replace(/\r\n/g, '\n'), 'latin1'))).toBe(key);
    // TOP n 0 output (headers and the blank line only) hashes like the whole message.
    const top = message().toString('latin1').split('\r\n\r\n')[0] + '\r\n\r\n';
    expect(headerHash(Buffer.from(top, 'latin1'))).toBe(key);
  });

  it('ignores headers servers add when a message is read, and trailing whitespace', () => {
    const key = headerHash(message());
    expect(headerHash(message('Status: RO'))).toBe(key);
    expect(headerHash(message('X-UIDL: 12345'))).toBe(key);
    expect(
      headerHash(
        Buffer.from(message().toString('latin1').replace('Subject: a folded', 'Subject: a folded  '), 'latin1'),
      ),
    ).toBe(key);
  });

  it('differs when a meaningful header differs', () => {
    expect(headerHash(message('X-Other: 1'))).not.toBe(headerHash(message()));
    expect(headerHash(Buffer.from(message().toString('latin1').replace('<one@', '<two@'), 'latin1'))).not.toBe(
      headerHash(message()),
    );
  });

  it('numbers identical copies in message order, so each copy keeps its key', () => {
    const keys = headerKeys([
      { number: 3, headers: message() },
      { number: 1, headers: message() },
      { number: 2, headers: message('X-Other: 1') },
    ]);
    const base = `hdr:${headerHash(message())}`;
    expect(keys).toEqual([
      { number: 1, uidl: base },
      { number: 2, uidl: `hdr:${headerHash(message('X-Other: 1'))}` },
      { number: 3, uidl: `${base}#2` },
    ]);
    expect(keys.every((k) => k.uidl.length <= 70)).toBe(true);
  });
});
