import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { FLOWED_WIDTH, fromFlowed, toFlowed } from '../../../main/compose/flowed';
import { sanitizeHtml } from '../../../main/compose/sanitize-html';
import { buildRawMessage } from '../../../main/outbox/compose-raw';
import { htmlToPlain } from '../../../main/outbox/mime-body';
import { draft, identity } from '../outbox/outbox-rig';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const at = new Date('2026-11-30T10:00:00Z');

/** Content-Type and body of every leaf part, in order. */
function leafTypes(raw: Buffer): string[] {
  return [...raw.toString('latin1').matchAll(/^Content-Type: ([^;\r\n]+)/gim)].map((m) => (m[1] ?? '').toLowerCase());
}

describe('rich mode', () => {
  it('sends HTML with a text alternative, CSS inlined and inline images as cid: related parts', async () => {
    const built = await buildRawMessage(
      draft({
        html: '<style>.big { font-size: 20px }</style><p class="big">Hello <b>Grace</b></p><img src="cid:plan@letterbox" alt="plan">',
        text: '',
        attachments: [
          {
            filename: 'plan.png',
            contentType: 'image/png',
            contentBase64: PNG.toString('base64'),
            contentId: 'plan@letterbox',
          },
          { filename: 'notes.txt', contentType: 'text/plain', contentBase64: Buffer.from('n').toString('base64') },
        ],
      }),
      identity,
      at,
    );
    expect(leafTypes(built.raw)).toEqual([
      'multipart/mixed',
      'multipart/alternative',
      'text/plain',
      'multipart/related',
      'text/html',
      'image/png',
      'text/plain',
    ]);
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.html).toContain('<p class="big" style="font-size: 20px;">Hello <b>Grace</b></p>');
    expect(parsed.html).not.toContain('<style');
    expect(parsed.text?.trim()).toBe('Hello Grace');
    const image = parsed.attachments.find((a) => a.filename === 'plan.png');
    expect(image).toMatchObject({ contentId: '<plan@letterbox>', disposition: 'inline', related: true });
    // The cid: reference in the HTML resolves to that part.
    expect(parsed.html).toContain(`src="cid:${image?.contentId?.slice(1, -1)}"`);
    expect(Buffer.from(image?.content as ArrayBuffer).equals(PNG)).toBe(true);
    expect(parsed.attachments.find((a) => a.filename === 'notes.txt')?.disposition).toBe('attachment');
  });

  it('carries no script, event handler or javascript: link into the message', async () => {
    const built = await buildRawMessage(
      draft({
        html:
          '<p onclick="steal()" onmouseover="x()">Hi<script>alert(1)</script></p>' +
          '<a href="javascript:alert(1)">bad</a> <a href=" java\nscript:alert(2)">bad2</a> <a href="https://example.test/">ok</a>' +
          '<img src="file:///etc/passwd"><img src="x" onerror="alert(3)"><iframe src="https://evil.test"></iframe>' +
          '<div style="background:url(javascript:alert(4))">styled</div><form><input name="q"></form>',
        text: '',
      }),
      identity,
      at,
    );
    const parsed = await PostalMime.parse(built.raw);
    const html = parsed.html ?? '';
    for (const bad of [
      '<script',
      'onclick',
      'onmouseover',
      'onerror',
      'javascript:',
      'file:',
      '<iframe',
      '<form',
      '<input',
      'alert(',
    ]) {
      expect(html.toLowerCase()).not.toContain(bad);
    }
    expect(html).toContain('<a href="https://example.test/" rel="noopener noreferrer">ok</a>');
  });
});

describe('the text alternative of a rich body', () => {
  it('keeps the signature delimiter "-- " exactly, with the signature right under it', () => {
    // The editor turns the signature block into paragraphs: "-- " and a line break, then the text.
    const html = '<p>In Lyon.</p><p>-- <br></p><p>Cora, on the road<strong> (mobile)</strong></p><p>Quoted</p>';
    expect(htmlToPlain(html)).toBe('In Lyon.\n\n-- \nCora, on the road (mobile)\n\nQuoted');
    expect(htmlToPlain('<div class="signature">-- <br><p>Ada</p></div>')).toBe('-- \nAda');
  });
});

describe('plain mode', () => {
  it('is exactly one text/plain part, format=flowed, that reads back as typed', async () => {
    const text = `${'word '.repeat(40).trim()}\n\n> quoted line\nFrom the start\n -- indented\n-- \nAda`;
    const built = await buildRawMessage(draft({ html: null, text }), identity, at);
    const head = built.raw.toString().split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^Content-Type: text\/plain; charset=utf-8; format=flowed$/m);
    expect(leafTypes(built.raw)).toEqual(['text/plain']);
    const body = built.raw.toString().split('\r\n\r\n').slice(1).join('\r\n\r\n');
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(body).toContain('\r\n From the start\r\n');
    expect(body).toContain('\r\n  -- indented\r\n');
    expect(body).toContain('\r\n-- \r\nAda');
    expect(fromFlowed(body.replace(/\r\n$/, ''))).toBe(text);
  });
});

describe('format=flowed', () => {
  it('soft-breaks long lines with a trailing space and keeps words whole', () => {
    const flowed = toFlowed('x'.repeat(10) + ' ' + 'y '.repeat(50) + 'z'.repeat(100));
    const lines = flowed.split('\n');
    expect(lines.slice(0, -1).every((l) => l.endsWith(' ') && l.length <= FLOWED_WIDTH)).toBe(true);
    expect(lines.at(-1)).toBe('z'.repeat(100));
  });

  it('strips trailing spaces before hard breaks, space-stuffs, and re-prefixes wrapped quotes', () => {
    expect(toFlowed('end   \n>x\nFrom me\n plain')).toBe('end\n> x\n From me\n  plain');
    const quoted = toFlowed(`> ${'quote '.repeat(20).trim()}`).split('\n');
    expect(quoted.length).toBeGreaterThan(1);
    expect(quoted.every((l) => l.startsWith('> '))).toBe(true);
    expect(fromFlowed(quoted.join('\n'))).toBe(`> ${'quote '.repeat(20).trim()}`);
  });
});

describe('non-ASCII headers, addresses and file names', () => {
  it('encodes subject and names, punycodes internationalised domains, and names files per RFC 2231', async () => {
    const built = await buildRawMessage(
      draft({
        subject: 'Grüße — 日本語 ✓',
        to: [{ name: 'Jörg Müller', address: 'joerg@bücher.example' }],
        cc: [{ name: 'Doe, Jane', address: 'jane@example.test' }],
        html: null,
        text: 'Hallo',
        attachments: [
          {
            filename: 'Übersicht – März 2026 (final).pdf',
            contentType: 'application/pdf',
            contentBase64: Buffer.from('%PDF').toString('base64'),
          },
        ],
      }),
      identity,
      at,
    );
    const ascii = built.raw.toString('latin1');
    expect(/[^ -~\t\r\n]/.test(ascii.split('\r\n\r\n')[0] ?? '')).toBe(false);
    expect(ascii).toContain('joerg@xn--bcher-kva.example');
    expect(ascii).toMatch(/filename\*0\*=utf-8''/i);
    // SMTP without SMTPUTF8 needs the ASCII form of the domain in RCPT TO as well.
    expect(built.envelope.to).toContain('joerg@xn--bcher-kva.example');
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.subject).toBe('Grüße — 日本語 ✓');
    expect(parsed.to).toEqual([{ name: 'Jörg Müller', address: 'joerg@xn--bcher-kva.example' }]);
    expect(parsed.cc).toEqual([{ name: 'Doe, Jane', address: 'jane@example.test' }]);
    expect(parsed.attachments[0]?.filename).toBe('Übersicht – März 2026 (final).pdf');
  });

  it('attaches a forwarded message as message/rfc822 with its bytes intact', async () => {
    const original = Buffer.from(
      'From: grace@example.test\r\nSubject: Original\r\nMessage-ID: <o1@example.test>\r\n\r\nBody\r\n',
    );
    const built = await buildRawMessage(
      draft({
        html: null,
        text: 'See below',
        attachments: [
          { filename: 'Original.eml', contentType: 'message/rfc822', contentBase64: original.toString('base64') },
        ],
      }),
      identity,
      at,
    );
    const parsed = await PostalMime.parse(built.raw, { forceRfc822Attachments: true });
    const attached = parsed.attachments[0];
    expect(attached).toMatchObject({ mimeType: 'message/rfc822', disposition: 'attachment' });
    expect(Buffer.from(attached?.content as ArrayBuffer).toString()).toContain('Message-ID: <o1@example.test>');
  });
});

describe('HTML allow-list', () => {
  it('keeps formatting, drops what could run or fetch', () => {
    expect(sanitizeHtml('<P ALIGN="center" onClick="x">a &amp; b<br/>c</P>')).toBe(
      '<p align="center">a &amp; b<br>c</p>',
    );
    expect(sanitizeHtml('<svg><script>x</script><image href="https://t.test"/></svg>ok')).toBe('ok');
    expect(sanitizeHtml('<a href="mailto:a@example.test" target="_blank">m</a>')).toBe(
      '<a href="mailto:a@example.test" rel="noopener noreferrer">m</a>',
    );
    expect(sanitizeHtml('<style>p{color:red}</style><style>@import url(https://t.test/x.css)</style>')).toBe(
      '<style>p{color:red}</style><style></style>',
    );
    expect(sanitizeHtml('<style>p{}</style></style><script>alert(1)</script>')).toBe('<style>p{}</style>');
  });
});
