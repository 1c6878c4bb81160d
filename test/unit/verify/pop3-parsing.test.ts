import { describe, expect, it } from 'vitest';
import { LineReader, LineTooLongError } from '../../../main/mail/pop3/line-reader';
import {
  MultilineCollector,
  parseCapabilities,
  parseStatusLine,
  saslMechanisms,
} from '../../../main/mail/pop3/response';

function lines(reader: LineReader): string[] {
  const out: string[] = [];
  for (let line = reader.next(); line !== null; line = reader.next()) out.push(line.toString('latin1'));
  return out;
}

describe('POP3 line reader', () => {
  it('splits on CRLF and bare LF, across chunk boundaries', () => {
    const reader = new LineReader(1000);
    reader.push(Buffer.from('+OK hel'));
    expect(lines(reader)).toEqual([]);
    reader.push(Buffer.from('lo\r'));
    expect(lines(reader)).toEqual([]);
    reader.push(Buffer.from('\nline two\nthree\r\npartial'));
    expect(lines(reader)).toEqual(['+OK hello', 'line two', 'three']);
    expect(reader.bufferedBytes).toBe('partial'.length);
  });

  it('keeps bytes as bytes (message lines need not be UTF-8)', () => {
    const reader = new LineReader(1000);
    reader.push(Buffer.from([0xe9, 0x74, 0xe9, 0x0d, 0x0a]));
    expect(reader.next()).toEqual(Buffer.from([0xe9, 0x74, 0xe9]));
  });

  it('refuses a line longer than its limit, with or without its end', () => {
    const endless = new LineReader(16);
    endless.push(Buffer.alloc(17, 0x61));
    expect(() => endless.next()).toThrow(LineTooLongError);
    const long = new LineReader(16);
    long.push(Buffer.from(`${'a'.repeat(20)}\r\n`));
    expect(() => long.next()).toThrow(LineTooLongError);
  });
});

describe('POP3 status lines', () => {
  it('reads +OK, -ERR with an RFC 2449 response code, and SASL continuations', () => {
    expect(parseStatusLine('+OK Dovecot ready.')).toMatchObject({ kind: 'ok', text: 'Dovecot ready.', code: null });
    expect(parseStatusLine('-ERR [AUTH] Authentication failed.')).toMatchObject({
      kind: 'err',
      text: '[AUTH] Authentication failed.',
      code: 'AUTH',
    });
    expect(parseStatusLine('-ERR [SYS/TEMP] try later')?.code).toBe('SYS/TEMP');
    expect(parseStatusLine('+OK')).toMatchObject({ kind: 'ok', text: '' });
    expect(parseStatusLine('+ ')).toMatchObject({ kind: 'continue' });
    expect(parseStatusLine('* OK IMAP here')).toBeNull();
    expect(parseStatusLine('+OKAY')).toBeNull();
  });
});

describe('POP3 multi-line responses', () => {
  const feed = (collector: MultilineCollector, raw: string[]): boolean[] =>
    raw.map((line) => collector.add(Buffer.from(line, 'latin1')));

  it('removes the stuffed dot, keeps other lines, and ends at a lone dot', () => {
    const collector = new MultilineCollector(10_000);
    const ended = feed(collector, ['Subject: hi', '', '..', '...leading dots', '.hidden', 'end .', '.']);
    expect(ended).toEqual([false, false, false, false, false, false, true]);
    expect(collector.textLines()).toEqual(['Subject: hi', '', '.', '..leading dots', 'hidden', 'end .']);
    expect(collector.body().toString('latin1')).toBe('Subject: hi\r\n\r\n.\r\n..leading dots\r\nhidden\r\nend .\r\n');
  });

  it('an empty response is just the terminator', () => {
    const collector = new MultilineCollector(10);
    expect(feed(collector, ['.'])).toEqual([true]);
    expect(collector.body().length).toBe(0);
  });

  it('refuses a response over its size limit', () => {
    const collector = new MultilineCollector(10);
    expect(() => feed(collector, ['12345678', '12345678'])).toThrow(RangeError);
  });

  it('parses CAPA into capabilities with their arguments', () => {
    const capabilities = parseCapabilities([
      'TOP',
      'UIDL',
      'sasl PLAIN login',
      'STLS',
      'PIPELINING',
      'IMPLEMENTATION Dovecot',
    ]);
    expect([...capabilities.keys()]).toEqual(['TOP', 'UIDL', 'SASL', 'STLS', 'PIPELINING', 'IMPLEMENTATION']);
    expect(saslMechanisms(capabilities)).toEqual(['PLAIN', 'LOGIN']);
    expect(saslMechanisms(null)).toEqual([]);
  });
});
