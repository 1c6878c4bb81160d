import { describe, expect, it } from 'vitest';
import { LineReader, LineTooLongError } from '../../../main/mail/pop3/line-reader';
import { MultilineScanner } from '../../../main/mail/pop3/multiline-scanner';
import { MultilineCollector } from '../../../main/mail/pop3/response';

/** A reply body with every case: stuffed dots, a line that is exactly "..", CRs after a dot, bare LFs. */
const WIRE =
  'Subject: x\r\n\r\n..\r\n...lead\r\n.hidden\r\nend .\r\n.\r\r\n.\rX\r\nbare\nlf\n..\n\r\n' +
  'a.\r\n.\r\n+OK next\r\n';
const CONTENT = 'Subject: x\r\n\r\n.\r\n..lead\r\nhidden\r\nend .\r\n\r\r\n\rX\r\nbare\r\nlf\r\n.\r\n\r\na.\r\n';
const AFTER = WIRE.indexOf('+OK next');

/** Feeds `pieces` in order until the body ends; returns the content and the offset just past "." in the whole input. */
function scan(pieces: Buffer[], maxBytes = 1e6, keepBytes?: number, maxLine = 1000) {
  const collector = new MultilineCollector(maxBytes, keepBytes);
  const scanner = new MultilineScanner(collector, maxLine);
  let base = 0;
  for (const piece of pieces) {
    const end = scanner.feed(piece);
    if (end >= 0) return { collector, end: base + end };
    base += piece.length;
  }
  return { collector, end: -1 };
}

/** The line-by-line reading the scanner replaces: LineReader lines into MultilineCollector.add. */
function reference(wire: Buffer): { content: string; end: number } {
  const reader = new LineReader(1000);
  reader.push(wire);
  const collector = new MultilineCollector(1e6);
  for (let line = reader.next(); line !== null; line = reader.next()) {
    if (collector.add(line))
      return { content: collector.body().toString('latin1'), end: wire.length - reader.bufferedBytes };
  }
  return { content: '', end: -1 };
}

const split = (data: Buffer, ...at: number[]): Buffer[] =>
  [0, ...at, data.length].slice(1).map((to, i) => data.subarray([0, ...at][i], to));

describe('multi-line bodies read from raw bytes', () => {
  const wire = Buffer.from(WIRE, 'latin1');

  it('unstuffs dots, turns bare LF into CRLF, and stops right after the terminating "."', () => {
    const { collector, end } = scan([wire]);
    expect(collector.body().toString('latin1')).toBe(CONTENT);
    expect(end).toBe(AFTER);
    expect(collector.size).toBe(CONTENT.length);
    expect(reference(wire)).toEqual({ content: CONTENT, end: AFTER });
  });

  it('gives the same result with the input cut at every position', () => {
    for (let at = 0; at <= wire.length; at++) {
      const { collector, end } = scan(split(wire, at));
      expect([at, collector.body().toString('latin1'), end]).toEqual([at, CONTENT, AFTER]);
    }
  });

  it('gives the same result with the input cut at every pair of positions, and byte by byte', () => {
    for (let a = 0; a <= wire.length; a++) {
      for (let b = a; b <= wire.length; b++) {
        const { collector, end } = scan(split(wire, a, b));
        if (collector.body().toString('latin1') !== CONTENT || end !== AFTER) {
          throw new Error(`cut at ${a} and ${b}: ${JSON.stringify(collector.body().toString('latin1'))} ${end}`);
        }
      }
    }
    const bytes = Array.from(wire, (_, i) => wire.subarray(i, i + 1));
    expect(scan(bytes).collector.body().toString('latin1')).toBe(CONTENT);
  });

  it('ends at a terminator split across pieces at every offset, with CRLF or a bare LF', () => {
    for (const terminator of ['\r\n.\r\n', '\n.\n', '\r\n.\n']) {
      const data = Buffer.from(`line one\r\nlast line${terminator}-ERR next`, 'latin1');
      const after = data.indexOf('-ERR next');
      for (let at = 0; at <= data.length; at++) {
        const { collector, end } = scan(split(data, at));
        expect([terminator, at, collector.body().toString('latin1'), end]).toEqual([
          terminator,
          at,
          'line one\r\nlast line\r\n',
          after,
        ]);
      }
    }
  });

  it('an empty body is the terminator alone; a body not yet ended asks for more', () => {
    expect(scan([Buffer.from('.\r\n')]).end).toBe(3);
    expect(scan([Buffer.from('.\r\n')]).collector.body().length).toBe(0);
    expect(scan([Buffer.from('abc\r\n..\r\n')]).end).toBe(-1);
    expect(scan([Buffer.from('abc\r\n.')]).end).toBe(-1);
    expect(scan([Buffer.from('abc\r\n.\r')]).end).toBe(-1);
  });

  it('matches the line-by-line reading on generated bodies full of dots and line ends', () => {
    const atoms = ['.', '..', 'x', '\r', '\n', '\r\n', ' ', 'é'];
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 300; round++) {
      const body = Array.from({ length: 40 }, () => atoms[random(atoms.length)]).join('');
      const wireBody = Buffer.from(`${body}\r\n.\r\nrest`);
      const expected = reference(wireBody);
      const cuts = [random(wireBody.length + 1), random(wireBody.length + 1)].sort((x, y) => x - y);
      const { collector, end } = scan(split(wireBody, ...cuts));
      expect({ content: collector.body().toString('latin1'), end }).toEqual(expected);
    }
  });

  it('keeps content up to keepBytes, drops it past that but reads on to the end', () => {
    const data = Buffer.from('12345678\r\n..345678\r\n.\r\nnext');
    const capped = scan(split(data, 5, 13), 1000, 10);
    expect(capped.end).toBe(data.indexOf('next'));
    expect(capped.collector.overflowed).toBe(true);
    expect(capped.collector.size).toBe(10 + 9);
    expect(capped.collector.body().length).toBe(0);
    const exact = scan([Buffer.from('12345678\r\n.\r\n')], 1000, 10);
    expect(exact.collector.overflowed).toBe(false);
    expect(exact.collector.body().toString()).toBe('12345678\r\n');
  });

  it('refuses a body over maxBytes and a line over the line limit, even before its end arrives', () => {
    expect(() => scan([Buffer.from('12345678\r\n12345678\r\n')], 10)).toThrow(RangeError);
    expect(() => scan([Buffer.from(`${'a'.repeat(20)}\r\n.\r\n`)], 1000, undefined, 16)).toThrow(LineTooLongError);
    expect(() => scan([Buffer.from('a'.repeat(10)), Buffer.from('a'.repeat(10))], 1000, undefined, 16)).toThrow(
      LineTooLongError,
    );
    // As LineReader counts: the bytes before the LF, its CR included.
    expect(scan([Buffer.from(`${'a'.repeat(15)}\r\n.\r\n`)], 1000, undefined, 16).end).toBe(20);
    expect(() => scan([Buffer.from(`${'a'.repeat(16)}\r\n.\r\n`)], 1000, undefined, 16)).toThrow(LineTooLongError);
  });

  it('keeps bytes as bytes and copies the content into one new buffer', () => {
    const data = Buffer.from([0xe9, 0x0d, 0x0a, 0x2e, 0x2e, 0xff, 0x0d, 0x0a, 0x2e, 0x0d, 0x0a]);
    const { collector } = scan([data]);
    const body = collector.body();
    expect(body).toEqual(Buffer.from([0xe9, 0x0d, 0x0a, 0x2e, 0xff, 0x0d, 0x0a]));
    data.fill(0);
    expect(body).toEqual(Buffer.from([0xe9, 0x0d, 0x0a, 0x2e, 0xff, 0x0d, 0x0a]));
    // Its own memory, not a slice of Node's shared pool, so it can be transferred to the commit thread.
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(body.length);
  });
});
