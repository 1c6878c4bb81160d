import { describe, expect, it } from 'vitest';
import { repairC1 } from '../../../main/mail/mime/c1-repair';
import { decodeEntities, htmlToText, makeSnippet, truncate } from '../../../main/mail/mime/html-text';

describe('htmlToText', () => {
  it('drops scripts, styles, head, comments and tags; keeps block structure', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><div>One<br>Two</div>' +
      '<script>var a = "<p>x</p>";</script><!-- <p>hidden</p> --><p>Three &amp; <b>four</b></p>' +
      '<table><tr><td>a</td><td>b</td></tr></table><noscript>no</noscript></body></html>';
    expect(htmlToText(html)).toBe('One\nTwo\n\nThree & four\n\na b');
  });

  it('a <head> without its end tag ends at <body>', () => {
    expect(htmlToText('<head><meta charset=utf-8><body><p>Visible</p>')).toBe('Visible');
  });

  it('quoted attribute values may contain ">", stray quotes do not swallow the document', () => {
    expect(htmlToText('<a title="a > b" href=\'x\'>link</a> after')).toBe('link after');
    expect(htmlToText("<p class=it's>kept</p><p>also kept</p>")).toBe('kept\n\nalso kept');
  });

  it('an unclosed script drops the rest, a stray "<" stays text', () => {
    expect(htmlToText('before<script>alert(1)')).toBe('before');
    expect(htmlToText('1 < 2 and 3 <4')).toBe('1 < 2 and 3 <4');
  });

  it('decodes numeric and common named entities, leaves unknown ones alone', () => {
    expect(decodeEntities('&#8364;&#x20AC;&euro;&nbsp;&hellip;&bogus;&#0;&#xD800;')).toBe('€€€ …&bogus;\ufffd\ufffd');
  });

  it('turns each run of blanks into one space and drops blanks beside line breaks', () => {
    expect(htmlToText('a \t b\u00a0\u00a0c\fd  \n  e\r\n\tf\n\n\n\ng \u2003h')).toBe('a b c d\ne\nf\n\ng h');
    // Against the rule written out plainly, on every mix of these characters up to length 5.
    const chars = ['x', ' ', '\t', '\u00a0', '\n', '\r'];
    const plainly = (text: string) =>
      text
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    const mixes = (length: number): string[] =>
      length === 0 ? [''] : mixes(length - 1).flatMap((rest) => chars.map((c) => c + rest));
    for (const text of mixes(5)) expect(htmlToText(`x${text}x`)).toBe(plainly(`x${text}x`));
  });

  it('stays linear on hostile markup', () => {
    const hostile = ['<a '.repeat(100_000), '<!--'.repeat(50_000), '<script>'.repeat(30_000), '<p x="'.repeat(50_000)];
    const started = performance.now();
    for (const html of hostile) htmlToText(html);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('makeSnippet', () => {
  it('leaves out quoted lines, their attribution and the signature', () => {
    const text = 'Sounds good.\n\nOn Tue, Ada wrote:\n> old\n> older\nSee you then.\n-- \nGrace\nCEO';
    expect(makeSnippet(text, 200)).toBe('Sounds good. See you then.');
  });

  it('stops at an Outlook original-message header', () => {
    expect(makeSnippet('Yes.\n-----Original Message-----\nFrom: x', 200)).toBe('Yes.');
  });

  it('falls back to the quote when there is nothing else', () => {
    expect(makeSnippet('> only a quote', 200)).toBe('> only a quote');
  });

  it('collapses whitespace and cuts without splitting a surrogate pair', () => {
    expect(makeSnippet('a\t\tb \n\n c', 200)).toBe('a b c');
    expect(truncate('ab😀', 3)).toBe('ab');
    expect(makeSnippet('x'.repeat(500), 200)).toHaveLength(200);
  });
});

describe('repairC1', () => {
  it('maps C1 controls left by a Latin-1 decode back to windows-1252 characters', () => {
    expect(repairC1('\u0080 \u0093q\u0094 \u0096 \u0085 \u0081')).toBe('€ “q” – … \u0081');
    expect(repairC1('plain')).toBe('plain');
  });
});
