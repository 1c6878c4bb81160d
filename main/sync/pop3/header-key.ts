import { createHash } from 'node:crypto';

/**
 * Header fields that POP3 servers and mbox tools add or rewrite when a message is read (qpopper's
 * Status:, Eudora's X-UIDL:, Mozilla's status lines, mbox Content-Length:/Lines:). Leaving them
 * out keeps the key of a message the same after another client (or we) retrieved it.
 */
const VOLATILE = new Set([
  'status',
  'x-status',
  'x-uidl',
  'x-keywords',
  'x-mozilla-status',
  'x-mozilla-status2',
  'x-mozilla-keys',
  'content-length',
  'lines',
]);

/** The header block of `TOP n 0` output (or a whole message): everything before the first empty line. */
function headerBlock(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * A stable key for a message on a server without UIDL: SHA-256 over its header fields, unfolded,
 * with line ends and runs of blanks normalised and volatile fields left out. Bytes are read
 * as latin1 so any 8-bit header hashes the same on every run.
 */
export function headerHash(bytes: Buffer): string {
  const fields = headerBlock(bytes)
    .replace(/\r?\n[ \t]/g, ' ')
    .split(/\r?\n/)
    // Runs of blanks count as one: re-folding or trailing blanks must not change the key.
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => {
      const colon = line.indexOf(':');
      return colon > 0 && !VOLATILE.has(line.slice(0, colon).trim().toLowerCase());
    });
  return createHash('sha256').update(fields.join('\n'), 'latin1').digest('hex');
}

/**
 * Keys for a whole maildrop, in message-number order. Identical headers (the same message
 * delivered twice) get `#2`, `#3` … in the order the server lists them, which POP3 keeps across
 * sessions, so each copy keeps its key as long as the earlier copies stay.
 */
export function headerKeys(
  entries: readonly { number: number; headers: Buffer }[],
): { number: number; uidl: string }[] {
  const seen = new Map<string, number>();
  return [...entries]
    .sort((a, b) => a.number - b.number)
    .map(({ number, headers }) => {
      const hash = headerHash(headers);
      const count = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, count);
      return { number, uidl: count === 1 ? `hdr:${hash}` : `hdr:${hash}#${count}` };
    });
}
