import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { normalizeInput } from '../../../main/mail/mime/header-block';
import { parseMessage, toParsedMessage } from '../../../main/mail/mime/parse-message';
import { skipAttachmentBodies, skippedSize } from '../../../main/mail/mime/skip-attachments';
import { resolveLimits } from '../../../main/mail/mime/types';
import { fixture, fixtureNames, largeMessage, manyAttachmentsMessage } from '../../support/mime-fixtures/index';

/** parseMessage's result as it was before attachments were skipped: every part decoded. */
async function decodingEverything(raw: Uint8Array) {
  const limits = resolveLimits();
  const warnings: string[] = [];
  const email = await PostalMime.parse(normalizeInput(raw, limits.maxMessageBytes, warnings), {
    attachmentEncoding: 'arraybuffer',
    maxNestingDepth: limits.maxNestingDepth,
    maxHeadersSize: limits.maxHeadersSize,
    maxRfc822NestingDepth: limits.maxRfc822Depth,
  });
  return toParsedMessage(email, limits, warnings);
}

const b64 = (bytes: number, fill = 0x41) => Buffer.alloc(bytes, fill).toString('base64').replace(/.{76}/g, '$&\r\n');

function mixed(parts: string[], { close = true, eol = '\r\n' } = {}): Buffer {
  const text = [
    'From: Ada <ada@example.com>',
    'Subject: Parts',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    'preamble',
    ...parts.flatMap((part) => ['--outer', part]),
    ...(close ? ['--outer--', ''] : []),
  ].join('\r\n');
  return Buffer.from(eol === '\r\n' ? text : text.replace(/\r\n/g, eol));
}

const part = (type: string, body: string, extra = '') =>
  `Content-Type: ${type}\r\n${extra}Content-Transfer-Encoding: base64\r\n\r\n${body}`;

const cases: Record<string, () => Buffer> = {
  'many attachments': () => manyAttachmentsMessage(40, 3000),
  'large attachment': () => largeMessage(600_000),
  'LF line ends': () => mixed([part('text/plain', b64(100, 0x62)), part('image/png', b64(5000))], { eol: '\n' }),
  'sizes that leave a remainder': () =>
    mixed(
      [1, 2, 3, 4, 5, 77].map((n) => part('application/octet-stream', b64(n), 'Content-Disposition: attachment\r\n')),
    ),
  'blanks at line ends and padding on its own line': () =>
    mixed([part('application/octet-stream', `${b64(301).replace(/\r\n/g, ' \t\r\n')}\r\n=\r\n`)]),
  'stray characters in base64 (decoded as before)': () =>
    mixed([part('application/pdf', `${b64(300)}\r\n!!junk!!\r\nQUJD`)]),
  'padding inside the data (decoded as before)': () => mixed([part('application/pdf', 'QQ==\r\nQUI=\r\nQUJD\r\n')]),
  // Padding deep inside long data, at each offset within a 4-byte word (these sizes put it at
  // offsets 3, 2, 1 and 0 of the message): where the bulk is read a word at a time, the word that
  // holds it must stop the count.
  'padding after kilobytes of data, at every offset of a word (decoded as before)': () =>
    mixed([301, 304, 307, 310].map((n) => part('application/pdf', `${b64(n)}\r\n${b64(3001, 0x42)}`))),
  'a byte that is not ASCII inside the data (decoded as before)': () =>
    mixed([part('image/png', `${b64(3000).slice(0, 2001)}\u00e9${b64(3000).slice(2001)}`)]),
  'a part cut off at the end (decoded as before)': () =>
    mixed([part('text/plain', b64(50)), part('application/zip', b64(4000))], { close: false }),
  'text attachments (skipped) and calendars (decoded as before)': () =>
    mixed([
      part('text/plain; name="notes.txt"', b64(500, 0x61), 'Content-Disposition: attachment\r\n'),
      part('text/html; name="page.html"', b64(300, 0x62), 'Content-Disposition: ATTACHMENT; filename="page.html"\r\n'),
      part('text/csv; name="rows.csv"', b64(700, 0x63)),
      part('text/plain; charset=utf-8', b64(40, 0x64), 'Content-Disposition: inline\r\n'),
      part('application/ics; method=REQUEST', Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64')),
      part(
        'text/calendar; method=REQUEST',
        Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64'),
        'Content-Disposition: attachment\r\n',
      ),
    ]),
  'two Content-Disposition headers on a text part (decoded as before)': () =>
    mixed([part('text/plain', b64(200), 'Content-Disposition: attachment\r\nContent-Disposition: inline\r\n')]),
  'related images inside alternative inside mixed': () =>
    mixed([
      'Content-Type: multipart/related; boundary="rel"\r\n\r\n--rel\r\n' +
        'Content-Type: text/html\r\n\r\n<p>hi <img src="cid:logo"></p>\r\n--rel\r\n' +
        `${part('image/gif', b64(2000), 'Content-ID: <logo>\r\n')}\r\n--rel--`,
      part('application/octet-stream; name="a.bin"', b64(9000)),
    ]),
  'two Content-Type headers on a part (decoded as before)': () =>
    mixed([`Content-Type: image/png\r\n${part('application/pdf', b64(900))}`]),
};

describe('skipping attachment bodies', () => {
  it.each([...fixtureNames().map((name) => [name, () => fixture(name)] as const), ...Object.entries(cases)])(
    'gives the same ParsedMessage as decoding everything: %s',
    async (_name, make) => {
      const reference = await decodingEverything(make()).catch(() => null);
      // Mail postal-mime rejects outright (past the nesting limit) is not touched at all.
      if (reference === null) expect(skipAttachmentBodies(make())).toEqual(make());
      else expect(await parseMessage(make())).toEqual(reference);
    },
  );

  it('really skips: the parsed input shrinks to markers, and the sizes come back exact', () => {
    const raw = largeMessage(600_000);
    const skipped = skipAttachmentBodies(raw);
    expect(skipped.length).toBeLessThan(1000);
    const marker = Buffer.from(skipped).toString('latin1').split('\r\n\r\n').at(-1)?.split('\r\n')[0] ?? '';
    expect(skippedSize(Buffer.from(marker, 'base64'))).toBe(Math.floor((600_000 * 3) / 4));
  });

  it('gives the same sizes wherever the message lies in memory (the count reads aligned words)', () => {
    const raw = largeMessage(600_001);
    const expected = Buffer.from(skipAttachmentBodies(raw));
    expect(expected.length).toBeLessThan(1000);
    for (const offset of [1, 2, 3, 5]) {
      const memory = new Uint8Array(raw.length + 8);
      memory.set(raw, offset);
      expect(Buffer.from(skipAttachmentBodies(memory.subarray(offset, offset + raw.length)))).toEqual(expected);
    }
  });

  it('skips text that postal-mime takes as an attachment, and keeps body text and calendars', () => {
    const raw = cases['text attachments (skipped) and calendars (decoded as before)']?.() ?? Buffer.alloc(0);
    const left = Buffer.from(skipAttachmentBodies(raw)).toString('latin1');
    expect(left).not.toContain(b64(500, 0x61).slice(0, 40)); // notes.txt, an attachment by disposition
    expect(left).not.toContain(b64(300, 0x62).slice(0, 40)); // page.html, likewise
    expect(left).not.toContain(b64(700, 0x63).slice(0, 40)); // text/csv is never body text
    expect(left).toContain(b64(40, 0x64)); // inline text/plain is the body
    expect(left).toContain(Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64'));
  });

  it('returns the input itself when there is nothing to skip', () => {
    const raw = fixture('plain.eml');
    expect(skipAttachmentBodies(raw)).toBe(raw);
  });

  it('does not take real content for a marker', () => {
    expect(skippedSize(Buffer.from('\0skipped-attachment:0000:12'))).toBeNull();
    expect(skippedSize(new ArrayBuffer(0))).toBeNull();
  });
});
