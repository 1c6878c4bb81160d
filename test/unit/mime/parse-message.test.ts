import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../main/mail/mime/parse-message';
import type { ParsedMessage } from '../../../main/mail/mime/types';
import { fixture } from '../../support/mime-fixtures/index';

const parse = (name: string) => parseMessage(fixture(name));

const none = {
  inReplyTo: null,
  references: [],
  sender: null,
  replyTo: [],
  cc: [],
  bcc: [],
  html: null,
  attachments: [],
  hasAttachments: false,
  warnings: [],
} satisfies Partial<ParsedMessage>;
const grace = [{ name: '', address: 'grace@example.net' }];

describe('parseMessage on the fixture corpus', () => {
  it('plain text: threading ids, groups flattened, quoted reply and signature kept out of the snippet', async () => {
    expect(await parse('plain.eml')).toEqual({
      ...none,
      messageId: '20240305091407.GA1234@example.com',
      inReplyTo: 'CAF=original-1@mail.example.net',
      references: ['thread-root@example.org', 'CAF=original-1@mail.example.net'],
      subject: 'Re: Analytical engine notes',
      from: { name: 'Lovelace, Ada', address: 'ada@example.com' },
      sender: { name: '', address: 'list-bounces@lists.example.com' },
      replyTo: [
        { name: 'Engine Team', address: 'engine@example.com' },
        { name: '', address: 'charles@example.com' },
      ],
      to: [
        { name: 'Grace Hopper', address: 'grace@example.net' },
        { name: 'Turing, Alan', address: 'alan@example.org' },
      ],
      cc: [
        { name: '', address: 'bob@example.com' },
        { name: 'Carol', address: 'carol@example.com' },
        { name: '', address: 'dave@example.com' },
      ],
      date: '2024-03-05T09:14:07.000Z',
      text:
        'Hi Grace,\n\nThe bernoulli numbers table is attached to the wiki now.\nLet me know if the indexes look right.\n\n' +
        'On Mon, 4 Mar 2024 at 18:02, Grace Hopper <grace@example.net> wrote:\n> Could you send the table?\n> Thanks!\n\n-- \nAda',
      snippet:
        'Hi Grace, The bernoulli numbers table is attached to the wiki now. Let me know if the indexes look right.',
    });
  });

  it('multipart/alternative: quoted-printable text, base64 HTML, RFC 2047 subject and name', async () => {
    expect(await parse('alternative.eml')).toEqual({
      ...none,
      messageId: 'alt-1@example.com',
      subject: 'Café menu',
      from: { name: 'José García', address: 'jose@example.com' },
      to: [{ name: '', address: 'menu@example.com' }],
      date: '2024-03-06T17:00:00.000Z',
      text:
        'Café menu for Friday:\n\n* Crème brûlée\n* Tea & scones -- a very long line that will need a soft line break ' +
        'in quoted printable encoding to stay under 76',
      html: '<html><body><p>Café menu for <b>Friday</b>:</p><ul><li>Crème brûlée</li><li>Tea &amp; scones</li></ul></body></html>',
      snippet:
        'Café menu for Friday: * Crème brûlée * Tea & scones -- a very long line that will need a soft line break in ' +
        'quoted printable encoding to stay under 76',
    });
  });

  it('HTML only: text and snippet without head, style, script, comments or tags; windows-1252 € kept', async () => {
    const message = await parse('html-only.eml');
    expect(message.text).toBe(
      'This week\n\nPrices rose 5 % — read "more" €10 ✓\n\nLeft Right\n\n€ sign in windows-1252',
    );
    expect(message.snippet).toBe('This week Prices rose 5 % — read "more" €10 ✓ Left Right € sign in windows-1252');
    expect(message.html).toContain('<script type="text/javascript">document.write("tracking");</script>');
    expect(message.warnings).toEqual([]);
  });

  it('attachments: sizes, RFC 2231 and RFC 2047 filenames in several charsets, a named inline photo', async () => {
    const message = await parse('attachments.eml');
    expect(message.text).toBe('Please find the invoice attached.');
    expect(message.html).toBe('<p>Please find the <i>invoice</i> attached.</p>\n');
    expect(message.attachments).toEqual([
      {
        partId: '1',
        filename: 'invoice-2024-03.pdf',
        mimeType: 'application/pdf',
        size: 77,
        contentId: null,
        disposition: 'attachment',
      },
      {
        partId: '2',
        filename: '€-Abrechnung März.csv',
        mimeType: 'text/csv',
        size: 26,
        contentId: null,
        disposition: 'attachment',
      },
      {
        partId: '3',
        // 15 bytes of content; postal-mime counts the line break before the boundary into text parts.
        filename: 'résumé.txt',
        mimeType: 'text/plain',
        size: 16,
        contentId: null,
        disposition: 'attachment',
      },
      { partId: '4', filename: '写真.jpg', mimeType: 'image/jpeg', size: 91, contentId: null, disposition: 'inline' },
    ]);
    expect(message.hasAttachments).toBe(true);
  });

  it.each([
    ['subject-utf-8.eml', 'Grüße aus Köln — 東京 🚀', 'Jürgen'],
    ['subject-iso-8859-1.eml', 'Réunion à Genève: ordre du jour', 'Hélène'],
    ['subject-windows-1252.eml', '“Quoted” price: 10€ – final', 'Zoë'],
    ['subject-iso-2022-jp.eml', '会議の議事録について', '山田太郎'],
    ['subject-shift-jis.eml', '見積書の送付', '鈴木'],
    ['subject-koi8-r.eml', 'Привет, мир', 'Иван'],
  ])('RFC 2047 subject and sender name in %s', async (name, subject, sender) => {
    const message = await parse(name);
    expect(message.subject).toBe(subject);
    expect(message.from).toEqual({ name: sender, address: 'sender@example.com' });
    expect(message.date).toBe('2024-03-08T22:00:00.000Z');
    expect(message.warnings).toEqual([]);
  });

  it('an inline cid image is listed with its Content-ID but is not an attachment', async () => {
    const message = await parse('inline-cid.eml');
    expect(message.attachments).toEqual([
      {
        partId: '1',
        filename: 'logo.png',
        mimeType: 'image/png',
        size: 70,
        contentId: 'logo.png@example.com',
        disposition: 'inline',
      },
    ]);
    expect(message.hasAttachments).toBe(false);
    expect(message.text).toBe('Here is the logo:');
  });

  it('message/rfc822: an inline one is read into the text, one with disposition attachment stays an attachment', async () => {
    const message = await parse('forwarded-rfc822.eml');
    expect(message.subject).toBe('Fwd: Quarterly numbers');
    expect(message.text).toMatch(/^See the forwarded message below\.\n/);
    expect(message.text).toContain('Subject: Quarterly numbers');
    expect(message.text).toMatch(/Numbers inside the forwarded message\.$/);
    expect(message.attachments.map(({ filename, mimeType, size }) => ({ filename, mimeType, size }))).toEqual([
      { filename: 'q1.xls', mimeType: 'application/vnd.ms-excel', size: 16 },
      { filename: 'Old thread.eml', mimeType: 'message/rfc822', size: 109 },
    ]);
    expect(message.hasAttachments).toBe(true);
    expect(message.snippet).toMatch(/^See the forwarded message below\. From: Original Sender <orig@example\.org>/);
  });

  it('malformed and truncated: unclosed boundary, cut base64, bad date, odd ids and addresses', async () => {
    const message = await parse('malformed-truncated.eml');
    expect(message).toMatchObject({
      messageId: 'no-brackets-id@example.com',
      subject: 'Hello worx',
      date: null,
      text: 'The first part is fine.',
      to: grace,
      hasAttachments: true,
      warnings: ['unparseable date'],
    });
    expect(message.attachments).toEqual([
      {
        partId: '1',
        filename: 'cut.zip',
        mimeType: 'application/zip',
        size: 40,
        contentId: null,
        disposition: 'attachment',
      },
    ]);
  });

  it('bare LF line endings, with a quoted-printable soft break', async () => {
    expect(await parse('bare-lf.eml')).toMatchObject({
      subject: 'Bare LF line endings',
      text: 'Line one\nand a soft break.',
      html: '<p>Line one</p>\n',
      warnings: [],
    });
  });

  it('headers and no body at all', async () => {
    expect(await parse('no-body.eml')).toEqual({
      ...none,
      messageId: 'nobody-1@example.com',
      subject: '(no body at all)',
      from: { name: 'Empty', address: 'empty@example.com' },
      to: grace,
      date: '2024-03-13T08:00:00.000Z',
      text: '',
      snippet: '',
    });
  });

  it('no headers at all: everything is body', async () => {
    expect(await parse('no-headers.eml')).toEqual({
      ...none,
      messageId: null,
      subject: '',
      from: null,
      to: [],
      date: null,
      text: 'Just some text that someone saved without any headers.\nSecond line: with a colon later on.',
      snippet: 'Just some text that someone saved without any headers. Second line: with a colon later on.',
      warnings: ['no headers'],
    });
  });

  it('raw 8-bit headers: Latin-1 bytes read as windows-1252, UTF-8 bytes as UTF-8', async () => {
    expect(await parse('8bit-latin1-headers.eml')).toMatchObject({
      subject: 'Réservation confirmée',
      from: { name: 'Françoise Müller', address: 'fm@example.com' },
      text: 'Votre réservation est confirmée.',
      warnings: ['8-bit header bytes read as windows-1252'],
    });
    expect(await parse('8bit-utf8-headers.eml')).toMatchObject({
      subject: 'Smörgåsbord für alle 🎉',
      from: { name: 'Zoë Ångström', address: 'zoe@example.com' },
      text: 'Hej!',
      warnings: [],
    });
  });

  it('an mbox "From " line in front is not a header', async () => {
    const raw = Buffer.concat([Buffer.from('From ada@example.com Tue Mar  5 10:14:07 2024\n'), fixture('no-body.eml')]);
    expect(await parseMessage(raw)).toMatchObject({ subject: '(no body at all)', warnings: [] });
  });

  it.each([
    ['a named inline part outside multipart/related (Apple Mail style)', 'mixed', 'inline; filename="scan.pdf"', true],
    ['an unnamed part without disposition', 'mixed', '', false],
    ['a part with an unknown disposition token, which counts as attachment', 'mixed', 'form-data', true],
    ['a named inline part with a Content-ID inside multipart/related', 'related', 'inline; filename="a.png"', false],
  ])('hasAttachments: %s', async (_, multipart, disposition, expected) => {
    const raw = Buffer.from(
      `Subject: x\r\nContent-Type: multipart/${multipart}; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n` +
        `--b\r\nContent-Type: application/octet-stream\r\nContent-ID: <p1@x>\r\n` +
        (disposition ? `Content-Disposition: ${disposition}\r\n` : '') +
        `\r\nAAAA\r\n--b--\r\n`,
    );
    const message = await parseMessage(raw);
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]?.disposition).toBe(
      disposition === '' ? null : disposition.startsWith('inline') ? 'inline' : 'attachment',
    );
    expect(message.hasAttachments).toBe(expected);
  });

  it('empty input', async () => {
    expect(await parseMessage(new Uint8Array(0))).toMatchObject({ subject: '', text: '', from: null, warnings: [] });
  });
});
