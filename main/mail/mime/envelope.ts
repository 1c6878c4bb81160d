// What the message list needs (subject, sender, date, threading ids; recipients when asked) read
// from the top-level header block alone, without postal-mime's full MIME pass: microseconds
// instead of a millisecond, so it can run on the main thread for every message a POP3 download
// stores, and for every header IMAP sync fetches. The values go through the same post-processing
// as a full parse (toParsedMessage); body and attachments are left empty for the full parse that
// follows, which is authoritative.
import { addressParser, decodeWords } from 'postal-mime';
import type { Address, Email, Header } from 'postal-mime';
import { findHeaderEnd, normalizeInput } from './header-block';
import { toParsedMessage } from './parse-message';
import { resolveLimits } from './types';
import type { ParseLimits, ParsedMessage } from './types';

const utf8 = new TextDecoder();

/** Unfolded header fields (the line breaks removed, as postal-mime does), names lowercased, in order. */
function headerFields(block: string): Header[] {
  const fields: Header[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = fields.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ key: line.slice(0, colon).trim().toLowerCase(), originalKey: '', value: line.slice(colon + 1) });
  }
  for (const field of fields) field.value = field.value.trim();
  return fields;
}

/** `"Name" <a@b>` or a bare address, the common forms, without the general address parser. */
const SIMPLE_MAILBOX = /^(?:"([^"\\=]*)"\s*<([^\s<>"(),;:@]+@[^\s<>"(),;:@]+)>|([^\s<>"(),;:@=]+@[^\s<>"(),;:@]+))$/;

function sender(value: string): Address | undefined {
  const simple = SIMPLE_MAILBOX.exec(value);
  if (simple) return { name: simple[1] ?? '', address: simple[2] ?? simple[3] ?? '' };
  return addressParser(value)[0];
}

/** Every address of every `key` header, in order (postal-mime's rule for To and Cc). */
function recipients(headers: Header[], key: string): Address[] {
  return headers.filter((h) => h.key === key && h.value).flatMap((h) => addressParser(h.value));
}

/**
 * Same rules as postal-mime's own header pass for what it reads: the first From/Subject/Date/ids
 * win; To and Cc only with `recipients`. Body text, HTML and attachments stay empty.
 */
export function parseEnvelope(
  raw: Uint8Array,
  limits?: Partial<ParseLimits>,
  options: { recipients?: boolean } = {},
): ParsedMessage {
  const resolved = resolveLimits(limits);
  const warnings: string[] = [];
  const input = normalizeInput(raw, resolved.maxMessageBytes, warnings);
  const { headerEnd } = findHeaderEnd(input);
  const headers = headerFields(utf8.decode(input.subarray(0, Math.min(headerEnd, resolved.maxHeadersSize))));
  const first = (key: string): string | undefined => headers.find((h) => h.key === key && h.value)?.value;
  const email: Email = { headers, headerLines: [], attachments: [] };
  const from = first('from');
  if (from) email.from = sender(from);
  if (options.recipients) {
    email.to = recipients(headers, 'to');
    email.cc = recipients(headers, 'cc');
  }
  for (const [key, field] of [
    ['subject', 'subject'],
    ['message-id', 'messageId'],
    ['in-reply-to', 'inReplyTo'],
    ['references', 'references'],
  ] as const) {
    const value = first(key);
    if (value) email[field] = decodeWords(value);
  }
  const date = headers.find((h) => h.key === 'date')?.value;
  if (date !== undefined) {
    const parsed = new Date(date);
    email.date = Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
  }
  return toParsedMessage(email, resolved, warnings);
}
