// postal-mime decodes every part it reads, but of an attachment we keep only its decoded size
// (ParsedAttachment.size): decoding megabytes of base64 to measure them is most of the parse time
// of mail with attachments. Before the parse, this swaps each base64 body of a leaf part that
// postal-mime takes as an attachment for a few bytes that carry the size it would have decoded
// to; the parse then reports that size.
// Anything this walk is not sure about (odd boundaries, duplicate headers, base64 with stray
// characters, a part cut off at the end) is left as it was and decoded as before.
import { randomBytes } from 'node:crypto';
import { findHeaderEnd } from './header-block';

const LF = 0x0a;
const CR = 0x0d;
const MAX_DEPTH = 16;

/** Unique per process, so no real attachment can look like a skipped one. */
const MARKER = `\0skipped-attachment:${randomBytes(12).toString('hex')}:`;
const MARKER_BYTES = Buffer.from(MARKER, 'latin1');

/** 1 for base64 data characters, 2 for line whitespace; 0 for anything else. */
const CLASS = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') CLASS[c.charCodeAt(0)] = 1;
for (const c of ' \t\r\n') CLASS[c.charCodeAt(0)] = 2;
const PAD = 0x3d;

interface Edit {
  start: number;
  end: number;
  size: number;
}

/**
 * The message with attachment bodies swapped for size markers, or `raw` itself when there is
 * nothing to swap.
 */
export function skipAttachmentBodies(raw: Uint8Array): Uint8Array {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const edits: Edit[] = [];
  walkPart(buf, 0, buf.length, edits, [], 0);
  if (edits.length === 0) return raw;
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const edit of edits) {
    pieces.push(
      buf.subarray(at, edit.start),
      Buffer.from(Buffer.from(`${MARKER}${edit.size}`, 'latin1').toString('base64')),
    );
    at = edit.end;
  }
  pieces.push(buf.subarray(at));
  return new Uint8Array(Buffer.concat(pieces));
}

/** The decoded size an attachment had before skipAttachmentBodies, or null for a real one. */
export function skippedSize(content: ArrayBuffer | Uint8Array): number | null {
  if (content.byteLength > MARKER_BYTES.length + 20 || content.byteLength <= MARKER_BYTES.length) return null;
  const bytes = Buffer.from(content instanceof Uint8Array ? content : new Uint8Array(content));
  if (!bytes.subarray(0, MARKER_BYTES.length).equals(MARKER_BYTES)) return null;
  const size = Number(bytes.toString('latin1', MARKER_BYTES.length));
  return Number.isSafeInteger(size) ? size : null;
}

interface PartHeaders {
  type: string;
  boundary: string | null;
  base64: boolean;
  /** The Content-Disposition value, lowercased; '' when there is none. */
  disposition: string;
}

/** The headers this walk needs, or null when they are ambiguous (then the part is left alone). */
function partHeaders(text: string): PartHeaders | null {
  const fields = text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const named = (name: string) => fields.filter((f) => f.slice(0, name.length + 1).toLowerCase() === `${name}:`);
  const types = named('content-type');
  const encodings = named('content-transfer-encoding');
  const dispositions = named('content-disposition');
  if (types.length !== 1 || encodings.length > 1 || dispositions.length > 1) return null;
  const disposition = ((dispositions[0] ?? '').slice('content-disposition:'.length).split(';')[0] ?? '')
    .trim()
    .toLowerCase();
  const type = (types[0] ?? '').slice('content-type:'.length);
  const mime = (type.split(';')[0] ?? '').trim().toLowerCase();
  const encoding = (encodings[0] ?? '').slice('content-transfer-encoding:'.length).trim().toLowerCase();
  if (!mime.startsWith('multipart/')) return { type: mime, boundary: null, base64: encoding === 'base64', disposition };
  // One plain boundary parameter, quoted or not; anything fancier (RFC 2231, two of them) is left alone.
  const params = type.match(/boundary\s*\*?\s*=/gi) ?? [];
  const boundary = /;\s*boundary\s*=\s*(?:"([^"\\]+)"|([^\s;"]+))/i.exec(type);
  if (params.length !== 1 || !boundary) return null;
  return { type: mime, boundary: (boundary[1] ?? boundary[2] ?? '').trim(), base64: false, disposition };
}

function walkPart(buf: Buffer, start: number, end: number, edits: Edit[], boundaries: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const { headerEnd, bodyStart } = findHeaderEnd(buf.subarray(start, end));
  if (bodyStart >= end - start) return;
  const headers = partHeaders(buf.toString('latin1', start, start + headerEnd));
  if (!headers) return;
  if (headers.boundary !== null) {
    if (headers.boundary === '' || boundaries.includes(headers.boundary)) return;
    const inner = [...boundaries, headers.boundary];
    for (const part of multipartParts(buf, start + bodyStart, end, headers.boundary)) {
      walkPart(buf, part.start, part.end, edits, inner, depth + 1);
    }
    return;
  }
  // Only the top level's children and below: a message that is one attachment is rare.
  if (depth === 0 || !isAttachment(headers)) return;
  const size = cleanBase64Size(buf, start + bodyStart, end);
  if (size !== null) edits.push({ start: start + bodyStart, end, size });
}

/**
 * Whether postal-mime keeps this part as an attachment without reading its content: its rules
 * (isInlineTextNode) make any part with `Content-Disposition: attachment` one, and of text only
 * text/plain and text/html body text. Calendar parts it reads (their text becomes the event), and
 * nested messages it may parse, so those are decoded as before.
 */
function isAttachment(part: PartHeaders): boolean {
  if (!part.base64 || !part.type.includes('/')) return false;
  if (/^(message|multipart)\//.test(part.type) || part.type === 'text/calendar' || part.type === 'application/ics')
    return false;
  if (!part.type.startsWith('text/')) return true;
  return part.disposition === 'attachment' || (part.type !== 'text/plain' && part.type !== 'text/html');
}

/**
 * The parts between `--boundary` lines (a line that is the delimiter, optionally `--` after it,
 * then only blanks), as postal-mime finds them. A part not closed by a next delimiter (a message
 * cut short) is not returned.
 */
function multipartParts(buf: Buffer, from: number, end: number, boundary: string): { start: number; end: number }[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: { start: number; end: number }[] = [];
  let partStart: number | null = null;
  for (let at = buf.indexOf(delimiter, from); at >= 0 && at < end; at = buf.indexOf(delimiter, at + 1)) {
    if (at !== from && buf[at - 1] !== LF) continue;
    let after = at + delimiter.length;
    const closing = buf[after] === 0x2d && buf[after + 1] === 0x2d;
    if (closing) after += 2;
    while (buf[after] === 0x20 || buf[after] === 0x09) after++;
    if (after < end && buf[after] !== LF && !(buf[after] === CR && buf[after + 1] === LF)) continue;
    if (partStart !== null) {
      // The line break before a delimiter belongs to the delimiter.
      const lineBreak = at - 1;
      parts.push({ start: partStart, end: buf[lineBreak - 1] === CR ? lineBreak - 1 : lineBreak });
    }
    if (closing) break;
    const next = buf.indexOf(LF, after);
    if (next < 0 || next >= end) break;
    partStart = next + 1;
  }
  return parts;
}

/**
 * The size postal-mime's base64 decoder gives for these bytes, when they are only base64 data
 * and line blanks with padding at the very end; null otherwise (then the part is decoded as is).
 */
function cleanBase64Size(buf: Buffer, start: number, end: number): number | null {
  const data = dataCount(buf, start, end);
  if (data === null || data < 4) return null;
  const len = data % 4 === 1 ? data - 1 : data;
  const remainder = len % 4;
  return Math.floor(len / 4) * 3 + (remainder ? remainder - 1 : 0);
}

/**
 * Per 16-bit pair of bytes (either byte order, so the same on any endianness): how many of the two
 * are base64 data characters (0–2) when both are data or line blanks; PAIR_OTHER when either is
 * anything else (padding, a stray character, the end of the data).
 */
const PAIR_OTHER = 8;
const PAIR = new Uint8Array(65536);
for (let low = 0; low < 256; low++) {
  for (let high = 0; high < 256; high++) {
    const a = CLASS[low] as number;
    const b = CLASS[high] as number;
    PAIR[low | (high << 8)] = a === 0 || b === 0 ? PAIR_OTHER : (a & 1) + (b & 1);
  }
}

/**
 * How many base64 data characters there are, or null when anything but data, blanks and final
 * padding is there. The bulk is read four bytes at a time through two lookups in PAIR (an
 * attachment's megabytes were the largest item of the parser thread's profile at one byte per
 * step: 4–5× faster, measured); the first word that is not all data and blanks, and what follows
 * it, goes byte by byte.
 */
function dataCount(buf: Buffer, start: number, end: number): number | null {
  let data = 0;
  let i = start;
  // Up to a 4-byte boundary of the underlying memory, so the words below can be read.
  for (; i < end && ((buf.byteOffset + i) & 3) !== 0; i++) {
    const kind = CLASS[buf[i] as number];
    if (kind === 1) data++;
    else if (kind !== 2) return byteCount(buf, start, end);
  }
  const words = new Uint32Array(buf.buffer, buf.byteOffset + i, (end - i) >>> 2);
  let w = 0;
  for (; w < words.length; w++) {
    const word = words[w] as number;
    const counts = (PAIR[word & 0xffff] as number) | ((PAIR[word >>> 16] as number) << 4);
    if ((counts & ((PAIR_OTHER << 4) | PAIR_OTHER)) !== 0) break;
    data += (counts & 0x0f) + (counts >>> 4);
  }
  const rest = byteCount(buf, i + 4 * w, end);
  return rest === null ? null : data + rest;
}

/** dataCount one byte at a time: for the tail, and for what the words stop at. */
function byteCount(buf: Buffer, start: number, end: number): number | null {
  let data = 0;
  let i = start;
  for (; i < end; i++) {
    const kind = CLASS[buf[i] as number];
    if (kind === 1) data++;
    else if (kind !== 2) break;
  }
  for (; i < end && buf[i] === PAD; i++);
  for (; i < end; i++) if (CLASS[buf[i] as number] !== 2) return null;
  return data;
}
