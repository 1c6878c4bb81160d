import { Pop3ProtocolError } from './errors';

/** One message of the maildrop: its number in this session and its size in octets (LIST). */
export interface Pop3Listing {
  number: number;
  size: number;
}

/** One message's unique id (UIDL): stable across sessions, unlike its number. */
export interface Pop3UidlEntry {
  number: number;
  uidl: string;
}

export interface Pop3Stat {
  count: number;
  size: number;
}

const DIGITS = /^\d+$/;

function positive(text: string | undefined, command: string, line: string): number {
  const value = text !== undefined && DIGITS.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new Pop3ProtocolError(`Unreadable ${command} reply`, command, line);
  return value;
}

/** `+OK 2 320` → count 2, size 320 (RFC 1939 §5: anything after the two numbers is ignored). */
export function parseStat(text: string): Pop3Stat {
  const [count, size] = text.trim().split(/\s+/);
  return { count: positive(count, 'STAT', text), size: positive(size, 'STAT', text) };
}

/** A "scan listing" (`1 120`), from LIST's lines or from the status text of `LIST n`. */
export function parseListLine(line: string): Pop3Listing {
  const [number, size] = line.trim().split(/\s+/);
  return { number: positive(number, 'LIST', line), size: positive(size, 'LIST', line) };
}

/**
 * A "unique-id listing" (`1 whqtswO00WBw418f9t5JxYwZ`). RFC 1939 §7 allows 1–70 characters in
 * 0x21..0x7E; anything else is refused rather than stored as a key that may not round-trip.
 */
export function parseUidlLine(line: string): Pop3UidlEntry {
  const [number, uidl, extra] = line.trim().split(/\s+/);
  if (uidl === undefined || extra !== undefined || !/^[\x21-\x7e]{1,70}$/.test(uidl)) {
    throw new Pop3ProtocolError('Unreadable UIDL reply', 'UIDL', line);
  }
  return { number: positive(number, 'UIDL', line), uidl };
}

/** Whole listings, in the server's order; duplicate message numbers are a protocol error. */
export function parseListing<T extends { number: number }>(lines: readonly string[], parse: (line: string) => T): T[] {
  const seen = new Set<number>();
  const entries: T[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const entry = parse(line);
    if (seen.has(entry.number)) throw new Pop3ProtocolError('A message number was listed twice', null, line);
    seen.add(entry.number);
    entries.push(entry);
  }
  return entries;
}
