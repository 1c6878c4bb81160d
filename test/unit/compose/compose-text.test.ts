import { describe, expect, it } from 'vitest';
import { replaceToken, tokenAt } from '../../../renderer/src/features/compose/address-token';
import { sizeText } from '../../../renderer/src/features/compose/attachment-size';
import { docToText, textToHtml } from '../../../renderer/src/features/compose/body-text';
import { mentionsAttachment } from '../../../renderer/src/features/compose/forgotten-attachment';

describe('the rich body as plain text', () => {
  it('keeps quotes, lists and link targets, and drops formatting', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Hello', marks: [{ type: 'bold' }] }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
          ],
        },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] }],
        },
        {
          type: 'blockquote',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
            },
          ],
        },
      ],
    };
    expect(docToText(doc)).toBe('Hello\n\n- one\n- two\n\nsite <https://example.org/>\n\n> a\n> b');
  });

  it('turns plain text back into escaped paragraphs and quotes', () => {
    expect(textToHtml('a <b> & c\nnext\n\n> quoted')).toBe(
      '<p>a &lt;b&gt; &amp; c<br>next</p><blockquote><p>quoted</p></blockquote>',
    );
  });
});

describe('the address being typed', () => {
  it('does not split a quoted display name at its comma', () => {
    const value = '"Doe, Jane" <jane@x.org>, bo';
    expect(tokenAt(value, value.length)).toEqual({ start: 25, end: value.length, text: 'bo' });
    expect(tokenAt(value, 3).text).toBe('"Doe, Jane" <jane@x.org>');
  });

  it('replaces the entry with the chosen contact, quoting names that need it', () => {
    const value = 'ada@x.org, bo';
    const next = replaceToken(value, tokenAt(value, value.length), { name: 'Bob, Jr.', address: 'bob@y.org' });
    expect(next.value).toBe('ada@x.org, "Bob, Jr." <bob@y.org>, ');
    expect(next.caret).toBe(next.value.length);
  });
});

describe('the forgotten-attachment reminder', () => {
  it.each([
    'See attached.',
    'Die Datei ist angehängt',
    'Voir la pièce jointe',
    'Va adjunto',
    'In de bijlage',
    'In allegato',
  ])('notices "%s"', (text) => expect(mentionsAttachment('', text)).toBe(true));

  it('ignores quoted lines and words that merely contain the term', () => {
    expect(mentionsAttachment('Lunch', 'Sounds good.\n> see the attached menu')).toBe(false);
    expect(mentionsAttachment('', 'I am unattached to the idea')).toBe(false);
  });
});

it('shows sizes as people read them', () => {
  expect([sizeText(812), sizeText(3_600), sizeText(31_000_000)]).toEqual(['812 bytes', '3.6 KB', '31 MB']);
});
