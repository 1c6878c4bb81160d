import PostalMime from 'postal-mime';
import type { Address, Attachment, Email, PostalMimeOptions } from 'postal-mime';
import { repairC1 } from './c1-repair';
import { keyHeaders, normalizeInput, withKeyHeadersOnly } from './header-block';
import { htmlToText, makeSnippet, truncate } from './html-text';
import { skipAttachmentBodies, skippedSize } from './skip-attachments';
import { resolveLimits } from './types';
import type { ParseLimits, ParsedAddress, ParsedAttachment, ParsedMessage } from './types';

/**
 * Parses raw RFC 822 bytes. Bad mail never throws: whatever could not be read is named in
 * `warnings` and the rest is returned. Throws only for programmer errors (not a Uint8Array,
 * invalid limits). Synchronous CPU work for large messages: call it through the parser pool.
 */
export async function parseMessage(raw: Uint8Array, limits?: Partial<ParseLimits>): Promise<ParsedMessage> {
  if (!(raw instanceof Uint8Array)) throw new TypeError('parseMessage needs the raw message as a Uint8Array');
  const resolved = resolveLimits(limits);
  const warnings: string[] = [];
  // Attachments are measured, not decoded (skip-attachments.ts): same result, a fraction of the work.
  const input = skipAttachmentBodies(normalizeInput(raw, resolved.maxMessageBytes, warnings));
  const email = await parseBestEffort(input, resolved, warnings);
  return toParsedMessage(email, resolved, warnings);
}

/** The envelope only, from the top-level header block. Cheap and bounded: used after a worker timed out. */
export async function parseHeadersOnly(
  header: Uint8Array,
  warnings: string[],
  limits?: Partial<ParseLimits>,
): Promise<ParsedMessage> {
  const resolved = resolveLimits(limits);
  const input = normalizeInput(header, resolved.maxMessageBytes, warnings);
  const email = await tryParse(keyHeaders(input, false), resolved, warnings);
  return toParsedMessage(email ?? emptyEmail(), resolved, warnings);
}

function postalOptions(limits: ParseLimits): PostalMimeOptions {
  return {
    attachmentEncoding: 'arraybuffer',
    maxNestingDepth: limits.maxNestingDepth,
    maxHeadersSize: limits.maxHeadersSize,
    maxRfc822NestingDepth: limits.maxRfc822Depth,
  };
}

/** postal-mime rejects the whole message when a limit is exceeded; this names why and returns null. */
async function tryParse(input: Uint8Array, limits: ParseLimits, warnings: string[]): Promise<Email | null> {
  try {
    return await PostalMime.parse(input, postalOptions(limits));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const warning = /nesting depth/i.test(message)
      ? 'nesting limit reached'
      : /header size/i.test(message)
        ? 'header size limit'
        : `parse failed: ${message}`;
    if (!warnings.includes(warning)) warnings.push(warning);
    return null;
  }
}

async function parseBestEffort(input: Uint8Array, limits: ParseLimits, warnings: string[]): Promise<Email> {
  const full = await tryParse(input, limits, warnings);
  if (full) return full;
  // Oversized top-level headers (hundreds of Received lines): the body still parses under the
  // headers that matter. Then, when the body itself is the problem, the envelope alone.
  if (warnings.includes('header size limit')) {
    const body = await tryParse(withKeyHeadersOnly(input), limits, warnings);
    if (body) return body;
  }
  warnings.push('body not parsed');
  return (await tryParse(keyHeaders(input, false), limits, warnings)) ?? emptyEmail();
}

function emptyEmail(): Email {
  return { headers: [], headerLines: [], attachments: [] };
}

function mailboxes(addresses: Address[] | Address | undefined): ParsedAddress[] {
  const list = addresses === undefined ? [] : Array.isArray(addresses) ? addresses : [addresses];
  return list
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .filter((entry) => entry.address)
    .map((entry) => ({ name: repairC1(entry.name).trim(), address: entry.address.trim() }));
}

/** Ids inside angle brackets; a header without any is taken as whitespace-separated bare ids. */
function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((match) => (match[1] ?? '').trim());
  const ids = bracketed.length ? bracketed : value.split(/[\s,]+/);
  return [...new Set(ids.filter((id) => id.length > 0))];
}

function isoDate(email: Email, warnings: string[]): string | null {
  const hasHeader = email.headers.some((header) => header.key === 'date');
  // postal-mime gives an ISO string when the date parses and the raw header text when it does not.
  // Years past 9999 come out as "+010000-…", which JSON consumers would reject, so they count as bad.
  if (email.date && /^\d{4}-\d\d-\d\dT/.test(email.date)) return email.date;
  if (hasHeader) warnings.push('unparseable date');
  return null;
}

function disposition(value: string | null): ParsedAttachment['disposition'] {
  if (value === null || value === '') return null;
  return value === 'inline' ? 'inline' : 'attachment';
}

function toAttachment(attachment: Attachment, index: number): ParsedAttachment {
  const content = attachment.content;
  return {
    partId: String(index + 1),
    filename: attachment.filename ? repairC1(attachment.filename).trim() || null : null,
    mimeType: attachment.mimeType.toLowerCase(),
    size: typeof content === 'string' ? content.length : (skippedSize(content) ?? content.byteLength),
    contentId: attachment.contentId?.trim().replace(/^<|>$/g, '') || null,
    disposition: disposition(attachment.disposition),
  };
}

function isUserAttachment(attachment: Attachment): boolean {
  // An image the HTML shows through cid: is part of the body, not something to save.
  if (disposition(attachment.disposition) === 'attachment') return true;
  return Boolean(attachment.filename) && !attachment.related;
}

function capped(text: string, max: number, what: string, warnings: string[]): string {
  if (text.length <= max) return text;
  warnings.push(`${what} cut to ${max} characters`);
  return truncate(text, max);
}

/** postal-mime's result as our ParsedMessage: decoded, repaired, capped. */
export function toParsedMessage(email: Email, limits: ParseLimits, warnings: string[]): ParsedMessage {
  const html = email.html ? capped(repairC1(email.html), limits.maxHtmlChars, 'html', warnings) : null;
  const plain = repairC1(email.text ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const text = capped(plain || (html ? htmlToText(html) : ''), limits.maxTextChars, 'text', warnings);
  if (email.attachments.some((attachment) => attachment.rfc822DepthExceeded)) {
    warnings.push('nested message limit reached');
  }
  if (email.attachments.length > limits.maxAttachments) {
    warnings.push(`attachment limit reached: listed ${limits.maxAttachments} of ${email.attachments.length}`);
  }
  const ids = (key: 'messageId' | 'inReplyTo' | 'references') => messageIds(email[key]);
  return {
    messageId: ids('messageId')[0] ?? null,
    inReplyTo: ids('inReplyTo')[0] ?? null,
    references: ids('references'),
    subject: repairC1(email.subject ?? '').trim(),
    from: mailboxes(email.from)[0] ?? null,
    sender: mailboxes(email.sender)[0] ?? null,
    replyTo: mailboxes(email.replyTo),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    bcc: mailboxes(email.bcc),
    date: isoDate(email, warnings),
    text,
    html,
    snippet: makeSnippet(text.slice(0, 20 * limits.snippetChars + 20_000), limits.snippetChars),
    attachments: email.attachments.slice(0, limits.maxAttachments).map(toAttachment),
    hasAttachments: email.attachments.some(isUserAttachment),
    warnings,
  };
}
