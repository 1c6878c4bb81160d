// Cheap byte-level work on the top-level header block, done before (or instead of) a full parse:
// postal-mime reads whatever it is given as a well-formed message, so input that is not one
// (no headers, an mbox "From " line, Latin-1 header bytes) is normalized here first, and when a
// full parse fails the key headers are cut out here so at least the envelope survives.

const LF = 0x0a;
const CR = 0x0d;

/** Headers that make up the envelope: enough for the message list, threading and search. */
const ENVELOPE_HEADERS = new Set([
  'subject',
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'date',
  'message-id',
  'in-reply-to',
  'references',
]);
/** Headers that decide how the body is read. */
const BODY_HEADERS = new Set(['mime-version', 'content-type', 'content-transfer-encoding', 'content-disposition']);

/** A single header kept for a fallback parse is cut to this size (e.g. a To: with 50,000 recipients). */
export const MAX_KEPT_HEADER_BYTES = 64 * 1024;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Where the top-level header block ends (exclusive) and the body begins. */
export function findHeaderEnd(raw: Uint8Array, from = 0): { headerEnd: number; bodyStart: number } {
  if (raw[from] === LF) return { headerEnd: from, bodyStart: from + 1 };
  if (raw[from] === CR && raw[from + 1] === LF) return { headerEnd: from, bodyStart: from + 2 };
  // Line by line: the header block is short, so this stops early, where searching for "\n\r\n"
  // and "\n\n" separately would scan a whole (large) message for the one that is absent.
  const buf = asBuffer(raw);
  for (let at = buf.indexOf(LF, from); at >= 0; at = buf.indexOf(LF, at + 1)) {
    if (raw[at + 1] === LF) return { headerEnd: at + 1, bodyStart: at + 2 };
    if (raw[at + 1] === CR && raw[at + 2] === LF) return { headerEnd: at + 1, bodyStart: at + 3 };
  }
  return { headerEnd: raw.length, bodyStart: raw.length };
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function lineEnd(raw: Uint8Array, from: number): number {
  const at = asBuffer(raw).indexOf(LF, from);
  return at < 0 ? raw.length : at + 1;
}

/** RFC 5322 field name (printable ASCII but the colon), then optional obsolete whitespace and a colon. */
const FIELD_START = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

function startsWithHeaderField(raw: Uint8Array, from: number): boolean {
  const head = asBuffer(raw).toString('latin1', from, Math.min(raw.length, from + 1000));
  return FIELD_START.test(head);
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns input that postal-mime would misread into a message it reads as intended. Returns the
 * input itself (no copy) when nothing needs changing.
 */
export function normalizeInput(raw: Uint8Array, maxBytes: number, warnings: string[]): Uint8Array {
  let input = raw;
  if (input.length > maxBytes) {
    warnings.push(`message larger than ${maxBytes} bytes: only the start was parsed`);
    input = input.subarray(0, maxBytes);
  }
  // An mbox separator ("From sender date") is not a header; exported mail often starts with one.
  if (asBuffer(input).toString('latin1', 0, 5) === 'From ') input = input.subarray(lineEnd(input, 0));

  const startsWithBlankLine = input[0] === LF || (input[0] === CR && input[1] === LF);
  if (input.length > 0 && !startsWithBlankLine && !startsWithHeaderField(input, 0)) {
    // No header block at all: without a blank line in front, the first lines would be taken as headers.
    warnings.push('no headers');
    return concat([new Uint8Array([CR, LF]), input]);
  }

  const { headerEnd } = findHeaderEnd(input);
  const header = input.subarray(0, headerEnd);
  if (hasHighBytes(header) && !isUtf8(header)) {
    // postal-mime decodes raw header bytes as UTF-8, which turns Latin-1 into U+FFFD. Old clients
    // that send 8-bit headers almost always meant windows-1252 (a superset of ISO-8859-1).
    warnings.push('8-bit header bytes read as windows-1252');
    const recoded = Buffer.from(windows1252.decode(header), 'utf8');
    return concat([recoded, input.subarray(headerEnd)]);
  }
  return input;
}

/**
 * The top-level envelope headers (and, with `withBodyHeaders`, the Content-* headers) as a small
 * header block ending in a blank line, each header cut to MAX_KEPT_HEADER_BYTES. Used when the
 * full header block is too large or the message cannot be parsed at all.
 */
export function keyHeaders(raw: Uint8Array, withBodyHeaders: boolean): Uint8Array {
  const { headerEnd } = findHeaderEnd(raw);
  const kept: Uint8Array[] = [];
  let keeping = false;
  let keptOfThisHeader = 0;
  for (let pos = 0; pos < headerEnd;) {
    const end = Math.min(lineEnd(raw, pos), headerEnd);
    const continuation = raw[pos] === 0x20 || raw[pos] === 0x09;
    if (!continuation) {
      const colon = asBuffer(raw).indexOf(':', pos);
      const name = colon > pos && colon < end ? asBuffer(raw).toString('latin1', pos, colon).trim().toLowerCase() : '';
      keeping = ENVELOPE_HEADERS.has(name) || (withBodyHeaders && BODY_HEADERS.has(name));
      keptOfThisHeader = 0;
    }
    if (keeping && keptOfThisHeader < MAX_KEPT_HEADER_BYTES) {
      const line = raw.subarray(pos, Math.min(end, pos + MAX_KEPT_HEADER_BYTES - keptOfThisHeader));
      kept.push(line);
      keptOfThisHeader += line.length;
      if (line[line.length - 1] !== LF) kept.push(new Uint8Array([CR, LF]));
    }
    pos = end;
  }
  kept.push(new Uint8Array([CR, LF]));
  return concat(kept);
}

/** The key headers followed by the original body: a message whose header block fits the limits. */
export function withKeyHeadersOnly(raw: Uint8Array): Uint8Array {
  const { bodyStart } = findHeaderEnd(raw);
  return concat([keyHeaders(raw, true), raw.subarray(bodyStart)]);
}
