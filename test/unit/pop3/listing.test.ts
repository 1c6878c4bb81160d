import { describe, expect, it } from 'vitest';
import { Pop3ProtocolError } from '../../../main/mail/pop3/errors';
import { parseListing, parseListLine, parseStat, parseUidlLine } from '../../../main/mail/pop3/listing';
import { MultilineCollector } from '../../../main/mail/pop3/response';

describe('POP3 listings', () => {
  it('reads STAT and ignores what follows the two numbers', () => {
    expect(parseStat('2 320')).toEqual({ count: 2, size: 320 });
    expect(parseStat('0 0 maildrop empty')).toEqual({ count: 0, size: 0 });
    expect(() => parseStat('two 320')).toThrow(Pop3ProtocolError);
  });

  it('reads scan listings and unique-id listings', () => {
    expect(parseListLine('1 120')).toEqual({ number: 1, size: 120 });
    expect(parseUidlLine('3 whqtswO00WBw418f9t5JxYwZ')).toEqual({ number: 3, uidl: 'whqtswO00WBw418f9t5JxYwZ' });
    expect(parseUidlLine('  7 00000001.5b2c!~  ')).toEqual({ number: 7, uidl: '00000001.5b2c!~' });
  });

  it('refuses UIDLs outside RFC 1939 §7 (spaces, control characters, over 70 characters)', () => {
    expect(() => parseUidlLine('1')).toThrow(Pop3ProtocolError);
    expect(() => parseUidlLine('1 two words')).toThrow(Pop3ProtocolError);
    expect(() => parseUidlLine(`1 ${'a'.repeat(71)}`)).toThrow(Pop3ProtocolError);
    expect(() => parseUidlLine('1 caf\u00e9')).toThrow(Pop3ProtocolError);
    expect(parseUidlLine(`1 ${'a'.repeat(70)}`).uidl).toHaveLength(70);
  });

  it('reads whole listings in server order and refuses a number listed twice', () => {
    expect(parseListing(['1 a', '', '2 b'], parseUidlLine)).toEqual([
      { number: 1, uidl: 'a' },
      { number: 2, uidl: 'b' },
    ]);
    expect(() => parseListing(['1 a', '1 b'], parseUidlLine)).toThrow(Pop3ProtocolError);
  });
});

describe('POP3 multi-line size cap', () => {
  it('drops content past keepBytes but reads on to the terminator', () => {
    const collector = new MultilineCollector(1000, 10);
    const ended = ['12345678', '..12345678', '.'].map((line) => collector.add(Buffer.from(line)));
    expect(ended).toEqual([false, false, true]);
    expect(collector.overflowed).toBe(true);
    expect(collector.size).toBe(10 + 11);
    expect(collector.body().length).toBe(0);
  });

  it('keeps content up to keepBytes exactly', () => {
    const collector = new MultilineCollector(1000, 10);
    collector.add(Buffer.from('12345678'));
    collector.add(Buffer.from('.'));
    expect(collector.overflowed).toBe(false);
    expect(collector.body().toString()).toBe('12345678\r\n');
  });
});
