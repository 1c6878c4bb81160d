import { describe, expect, it } from 'vitest';
import { parseHeadersOnly, parseMessage } from '../../../main/mail/mime/parse-message';
import {
  fixture,
  fixtureNames,
  hugeHeaderMessage,
  largeMessage,
  manyAttachmentsMessage,
} from '../../support/mime-fixtures/index';

describe('parseMessage limits and bad input', () => {
  it('nesting beyond the limit keeps the envelope and says so', async () => {
    expect(await parseMessage(fixture('deep-nesting.eml'))).toMatchObject({
      messageId: 'deep-1@example.com',
      subject: 'Deeply nested',
      from: { name: '', address: 'nester@example.com' },
      text: '',
      warnings: ['nesting limit reached', 'body not parsed'],
    });
    // Within a raised limit the same message parses to the bottom.
    expect(await parseMessage(fixture('deep-nesting.eml'), { maxNestingDepth: 64 })).toMatchObject({
      text: 'the bottom',
      warnings: [],
    });
  });

  it('a header block past the limit: the body is still parsed under the key headers', async () => {
    const raw = hugeHeaderMessage();
    expect(raw.length).toBeGreaterThan(1024 * 1024);
    expect(await parseMessage(raw)).toMatchObject({
      messageId: 'huge-header@example.com',
      subject: 'Mail loop survivor',
      from: { name: 'Loop', address: 'loop@example.com' },
      text: 'The body is still here.',
      warnings: ['header size limit'],
    });
  });

  it('lists at most maxAttachments, but still knows there are attachments', async () => {
    const message = await parseMessage(manyAttachmentsMessage(30), { maxAttachments: 10 });
    expect(message.attachments).toHaveLength(10);
    expect(message.attachments[9]).toMatchObject({ partId: '10', filename: 'f9.bin', size: 16 });
    expect(message.hasAttachments).toBe(true);
    expect(message.warnings).toEqual(['attachment limit reached: listed 10 of 30']);
  });

  it('parses only the first maxMessageBytes of a larger message', async () => {
    const message = await parseMessage(largeMessage(200_000), { maxMessageBytes: 100_000 });
    expect(message.subject).toBe('Large message');
    expect(message.text).toBe('A large file.');
    expect(message.attachments[0]?.size).toBeLessThan(100_000);
    expect(message.warnings).toEqual(['message larger than 100000 bytes: only the start was parsed']);
  });

  it('caps text, html and snippet', async () => {
    const long = 'word '.repeat(10_000);
    const raw = Buffer.from(
      `Subject: long\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\n${long}\r\n` +
        `--x\r\nContent-Type: text/html\r\n\r\n<p>${long}</p>\r\n--x--\r\n`,
    );
    const message = await parseMessage(raw, { maxTextChars: 1000, maxHtmlChars: 2000, snippetChars: 50 });
    expect(message.text).toHaveLength(1000);
    expect(message.html).toHaveLength(2000);
    expect(message.snippet).toHaveLength(50);
    expect(message.warnings).toEqual(['html cut to 2000 characters', 'text cut to 1000 characters']);
  });

  it('message/rfc822 nesting past maxRfc822Depth stays an attachment', async () => {
    let raw = 'Subject: level 3\r\n\r\nthe innermost text\r\n';
    for (let level = 2; level >= 0; level--) {
      raw = `Subject: level ${level}\r\nContent-Type: message/rfc822\r\n\r\n${raw}`;
    }
    const message = await parseMessage(Buffer.from(raw), { maxRfc822Depth: 1 });
    expect(message.subject).toBe('level 0');
    expect(message.attachments.map((attachment) => attachment.mimeType)).toEqual(['message/rfc822']);
    expect(message.text).not.toContain('the innermost text');
    expect(message.warnings).toEqual(['nested message limit reached']);
  });

  it('never throws for damaged input: every prefix of every fixture, and random bytes', async () => {
    let parsed = 0;
    for (const name of fixtureNames()) {
      const raw = fixture(name);
      for (let end = 0; end < raw.length; end += 7) {
        const message = await parseMessage(raw.subarray(0, end));
        expect(typeof message.subject).toBe('string');
        parsed++;
      }
    }
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 50 + (i % 17) * 40 }, random);
      await expect(parseMessage(bytes)).resolves.toHaveProperty('warnings');
      parsed++;
    }
    expect(parsed).toBeGreaterThan(1000);
  });

  it('throws for programmer errors only', async () => {
    await expect(parseMessage('Subject: x' as unknown as Uint8Array)).rejects.toThrow(TypeError);
    await expect(parseMessage(new Uint8Array(1), { maxNestingDepth: -1 })).rejects.toThrow(/maxNestingDepth/);
    await expect(parseMessage(new Uint8Array(1), { maxAttachments: 1.5 })).rejects.toThrow(TypeError);
  });

  it('parseHeadersOnly reads the envelope from a header block alone', async () => {
    const warnings = ['parse timed out after 5 ms'];
    expect(await parseHeadersOnly(fixture('plain.eml').subarray(0, 900), warnings)).toMatchObject({
      subject: 'Re: Analytical engine notes',
      from: { name: 'Lovelace, Ada', address: 'ada@example.com' },
      text: '',
      warnings: ['parse timed out after 5 ms'],
    });
  });
});
