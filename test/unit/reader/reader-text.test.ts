import { describe, expect, it } from 'vitest';
import {
  cssUrls,
  sanitizeInlineCss,
  sanitizeStyleSheet,
} from '../../../renderer/src/features/reader/content/css-sanitize';
import { classifyLink } from '../../../renderer/src/features/reader/content/link-action';
import { linkMismatch } from '../../../renderer/src/features/reader/content/link-mismatch';
import { linkify } from '../../../renderer/src/features/reader/content/linkify';

const blockAll = () => null;

describe('linkMismatch', () => {
  it.each([
    ['https://www.paypal.com/login', 'https://paypal.com.evil.example/login', 'paypal.com', 'paypal.com.evil.example'],
    ['www.bank.com', 'http://192.0.2.7/', 'bank.com', '192.0.2.7'],
    ['bank.com', 'https://bаnk.com/', 'bank.com', 'xn--bnk-6cd.com'],
    ['support@bank.com', 'mailto:phish@evil.example', 'support@bank.com', 'phish@evil.example'],
    ['support@bank.com', 'https://evil.example/', 'support@bank.com', 'evil.example'],
    ['https://bank.com', 'mailto:x@bank.com', 'bank.com', 'x@bank.com'],
    ['https://bank.com', 'javascript:alert(1)', 'bank.com', 'javascript:'],
  ])('flags %j → %j', (text, href, shown, actual) => {
    expect(linkMismatch(text, href)).toEqual({ shown, actual });
  });

  it.each([
    ['Click here', 'https://evil.example/'],
    ['https://example.com/a', 'https://example.com/b?x=1'],
    ['www.example.com', 'https://example.com/'],
    ['EXAMPLE.com', 'https://example.COM./'],
    ['ada@example.com', 'mailto:ada@example.com?subject=Hi'],
    ['Read the 2.5 release notes', 'https://example.com/'],
    ['', 'https://example.com/'],
  ])('leaves %j → %j alone', (text, href) => {
    expect(linkMismatch(text, href)).toBeNull();
  });
});

describe('classifyLink', () => {
  it('opens web links and mail links', () => {
    expect(classifyLink('https://example.com/x')).toEqual({ kind: 'web', url: 'https://example.com/x' });
    expect(classifyLink(' http://example.com ')).toEqual({ kind: 'web', url: 'http://example.com' });
    expect(classifyLink('mailto:ada@example.com?subject=Hi')).toEqual({
      kind: 'mailto',
      url: 'mailto:ada@example.com?subject=Hi',
    });
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@bank.example/',
    'mailto:',
    '/relative/path',
  ])('refuses %s with a reason', (href) => {
    const action = classifyLink(href);
    expect(action.kind).toBe('refused');
    expect(action.kind === 'refused' && action.reason.length > 10).toBe(true);
  });
});

describe('linkify', () => {
  it('splits text and addresses and keeps every character', () => {
    const text = 'See https://example.com/a?b=1, or www.example.org. Mail ada@example.com!';
    const pieces = linkify(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'link', text: 'www.example.org', href: 'http://www.example.org' },
      { kind: 'link', text: 'ada@example.com', href: 'mailto:ada@example.com' },
    ]);
  });

  it('keeps a parenthesis that belongs to the URL', () => {
    const pieces = linkify('(see https://en.wikipedia.org/wiki/Foo_(bar))');
    expect(pieces.find((p) => p.kind === 'link')?.text).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
  });

  it('never makes a link of javascript: or other schemes', () => {
    expect(linkify('javascript:alert(1) file:///etc/passwd').every((p) => p.kind === 'text')).toBe(true);
  });
});

describe('CSS sanitizing', () => {
  it('drops remote url() while blocked and resolves it once allowed', () => {
    const css = 'background: url("https://tracker.example/p.gif") no-repeat; color: red';
    expect(sanitizeInlineCss(css, blockAll)).toBe('background: none no-repeat; color: red');
    const allowed = sanitizeInlineCss(css, (url) => (url.startsWith('https:') ? 'data:image/gif;base64,R0lG' : null));
    expect(allowed).toBe('background: url("data:image/gif;base64,R0lG") no-repeat; color: red');
  });

  it.each([
    'width: expression(alert(1))',
    'behavior: url(x.htc)',
    '-moz-binding: url(x.xml#xss)',
    'background: url(javascript:alert(1))',
    'background: u\\72l(javascript:alert(1))',
    'x: \\65 xpression(alert(1))',
  ])('drops the whole style attribute %j', (css) => {
    expect(sanitizeInlineCss(css, blockAll)).toBe('');
  });

  it('finds url() hidden behind CSS escapes and quotes', () => {
    expect(sanitizeInlineCss('background: \\75 rl(https://t.example/x)', blockAll)).toBe('background: none');
    expect(sanitizeInlineCss("background-image: url( 'https://t.example/x' )", blockAll)).toBe(
      'background-image: none',
    );
    expect(sanitizeInlineCss('background-image: image-set("https://t.example/x" 1x)', blockAll)).not.toContain(
      'image-set(',
    );
  });

  it('removes @import and keeps ordinary rules in style sheets', () => {
    const sheet = sanitizeStyleSheet(
      '@import url(https://t.example/a.css); @import "https://t.example/b.css"; p { color: red; background: url(//t.example/c) }',
      blockAll,
    );
    expect(sheet).not.toMatch(/@import|t\.example/);
    expect(sheet).toContain('p { color: red; background: none }');
    expect(cssUrls('a{background:url(//t.example/c)} b{background:url("cid:logo")}')).toEqual([
      '//t.example/c',
      'cid:logo',
    ]);
  });

  it('drops a style sheet that holds expression(), and markup never survives in CSS', () => {
    expect(sanitizeStyleSheet('p { width: expression(alert(1)) }', blockAll)).toBe('');
    expect(sanitizeStyleSheet('p { color: red } </style><script>alert(1)</script>', blockAll)).not.toContain('<');
  });

  it('removes image-set() with everything in it', () => {
    expect(
      sanitizeInlineCss(
        'background-image: image-set("https://t.example/a.png" 1x, url(b.png) 2x); color: red',
        blockAll,
      ),
    ).toBe('background-image: none; color: red');
  });
});
