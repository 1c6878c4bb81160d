import { describe, expect, it } from 'vitest';
import { escapeHtml, textToHtml } from '../../../main/compose/html-escape';
import { parseMailto } from '../../../main/compose/mailto';
import { forwardBlock, replyQuote } from '../../../main/compose/quote';
import { assembleBody, signatureFor } from '../../../main/compose/signature';
import { formatAddressList, parseAddressText } from '../../../main/drafts/addresses';
import type { Identity } from '../../../shared/model/account';

describe('mailto: links (RFC 6068)', () => {
  it('takes to, cc, bcc, subject and body, percent-decoded as UTF-8', () => {
    expect(
      parseMailto(
        'mailto:grace@example.test,alan@example.test?cc=bob@example.test&BCC=eve@example.test' +
          '&subject=R%C3%A9union%20%E2%80%94%20ok&body=Line%201%0D%0ALine%202%20%2B%20more',
      ),
    ).toEqual({
      to: 'grace@example.test,alan@example.test',
      cc: 'bob@example.test',
      bcc: 'eve@example.test',
      subject: 'Réunion — ok',
      body: 'Line 1\nLine 2 + more',
      inReplyTo: null,
    });
  });

  it('joins to= with the address before "?", keeps a quoted comma inside a name, and + stays a plus', () => {
    const fields = parseMailto(
      'mailto:?to=%22Doe%2C%20Jane%22%20%3Cjane%40example.test%3E&to=a%2Bb@example.test&subject=1+1',
    );
    expect(fields.to).toBe('"Doe, Jane" <jane@example.test>, a+b@example.test');
    expect(fields.subject).toBe('1+1');
    expect(parseAddressText(fields.to, 'To').map((a) => a.address)).toEqual(['jane@example.test', 'a+b@example.test']);
  });

  it('ignores attach/attachment and unknown headers, and keeps CR/LF out of the subject', () => {
    const fields = parseMailto(
      'mailto:a@example.test?attach=/etc/passwd&attachment=file:///home/ada/.ssh/id_rsa&X-Evil=1&subject=Hi%0D%0ABcc:%20x@y',
    );
    expect(fields).toEqual({
      to: 'a@example.test',
      cc: '',
      bcc: '',
      subject: 'Hi Bcc: x@y',
      body: '',
      inReplyTo: null,
    });
  });

  it('takes In-Reply-To only when it is a message id, and refuses a broken escape', () => {
    expect(parseMailto('mailto:a@example.test?In-Reply-To=%3Cm1%40example.test%3E').inReplyTo).toBe(
      '<m1@example.test>',
    );
    expect(parseMailto('mailto:a@example.test?in-reply-to=nonsense').inReplyTo).toBeNull();
    expect(() => parseMailto('mailto:a@example.test?subject=%E2%82')).toThrow(/damaged/);
    expect(() => parseMailto('http://example.test')).toThrow(/mailto/);
  });
});

describe('address fields', () => {
  it('parses RFC 5322 lists with a real parser: commas in quoted names, groups, no empty entries', () => {
    expect(parseAddressText('"Doe, Jane" <jane@example.test>, , Team: a@example.test, b@example.test;', 'To')).toEqual([
      { name: 'Doe, Jane', address: 'jane@example.test' },
      { name: '', address: 'a@example.test' },
      { name: '', address: 'b@example.test' },
    ]);
    expect(parseAddressText('   ', 'Cc')).toEqual([]);
  });

  it('names the entry that is not an address', () => {
    expect(() => parseAddressText('grace@example.test, not-an-address', 'Cc')).toThrow(
      'Cc: "not-an-address" is not an email address.',
    );
  });

  it('formats addresses so they parse back unchanged', () => {
    const list = [
      { name: 'Doe, Jane', address: 'jane@example.test' },
      { name: 'O"Brien \\ Co', address: 'ob@example.test' },
      { name: '', address: 'plain@example.test' },
    ];
    expect(parseAddressText(formatAddressList(list), 'To')).toEqual(list);
  });
});

const message = {
  from: { name: 'Grace <Admiral>', address: 'grace@example.test' },
  to: [{ name: 'Ada', address: 'ada@example.test' }],
  cc: [],
  subject: 'Plans & <ideas>',
  date: '2026-11-30T09:15:00.000Z',
  text: 'First line\n> earlier quote\n\n<script>alert(1)</script>',
};

describe('quoting the original', () => {
  it('plain: an attribution line and every line quoted, nested quotes deepened', () => {
    expect(replyQuote(message, 'UTC').text).toBe(
      'On 30 Nov 2026, 09:15, Grace <Admiral> wrote:\n> First line\n>> earlier quote\n>\n> <script>alert(1)</script>',
    );
  });

  it('rich: the text escaped into a <blockquote>, so markup in the original stays text', () => {
    const html = replyQuote(message, 'UTC').html;
    expect(html).toBe(
      '<p>On 30 Nov 2026, 09:15, Grace &lt;Admiral&gt; wrote:</p><blockquote type="cite">' +
        '<p>First line<br>&gt; earlier quote</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></blockquote>',
    );
    expect(html).not.toContain('<script');
  });

  it('forward inline: From, Date, Subject and To above the unquoted original', () => {
    const block = forwardBlock(message, 'UTC');
    expect(block.text).toBe(
      '---------- Forwarded message ----------\nFrom: "Grace <Admiral>" <grace@example.test>\n' +
        'Date: 30 Nov 2026, 09:15\nSubject: Plans & <ideas>\nTo: Ada <ada@example.test>\n\n' +
        message.text,
    );
    expect(block.html).toContain('Subject: Plans &amp; &lt;ideas&gt;');
    expect(block.html).not.toContain('<script');
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(textToHtml('a\nb\n\nc')).toBe('<p>a<br>b</p><p>c</p>');
  });
});

describe('signatures', () => {
  const identity: Identity = {
    id: 'id-1',
    name: 'Ada',
    address: 'ada@example.test',
    replyTo: null,
    signature: 'Ada Lovelace\nAnalyst',
    signatureHtml: '<p><b>Ada</b> Lovelace</p>',
    replySignature: 'Ada',
    replySignatureHtml: null,
    smtp: null,
  };

  it('uses the new-message signature for new mail and the reply one for replies and forwards', () => {
    expect(signatureFor(identity, 'new')).toEqual({
      text: '-- \nAda Lovelace\nAnalyst',
      html: '<div class="signature">-- <br><p><b>Ada</b> Lovelace</p></div>',
    });
    expect(signatureFor(identity, 'reply')).toEqual({
      text: '-- \nAda',
      html: '<div class="signature">-- <br><p>Ada</p></div>',
    });
    expect(signatureFor(identity, 'forward')?.text).toBe('-- \nAda');
  });

  it('falls back to the new-message signature, never doubles a typed delimiter, and is null when empty', () => {
    const old = { ...identity, signature: '-- \nAda', signatureHtml: null, replySignature: null };
    expect(signatureFor(old, 'replyAll')?.text).toBe('-- \nAda');
    expect(signatureFor({ ...old, signature: '  ' }, 'new')).toBeNull();
  });

  it('goes above or below the quote as the preference says', () => {
    const sig = { text: '-- \nAda', html: '<div>sig</div>' };
    const quote = { text: '> hi', html: '<blockquote>hi</blockquote>' };
    expect(assembleBody(sig, quote, 'above')).toEqual({
      text: '\n\n-- \nAda\n\n> hi',
      html: '<p></p><div>sig</div><blockquote>hi</blockquote>',
    });
    expect(assembleBody(sig, quote, 'below').text).toBe('\n\n> hi\n\n-- \nAda');
    expect(assembleBody(null, null, 'below')).toEqual({ text: '', html: '<p></p>' });
  });
});
