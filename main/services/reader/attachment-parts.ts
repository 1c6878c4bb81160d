import PostalMime from 'postal-mime';
import { AppError } from '../../../shared/errors';
import { sanitizeFileName } from '../../../shared/security/file-name';
import { normalizeInput } from '../../mail/mime/header-block';
import { DEFAULT_PARSE_LIMITS } from '../../mail/mime/types';
import type { AppContext } from '../context';
import { rawStore } from '../sync';
import { readReaderRow } from './message-row';

export interface AttachmentPart {
  /** Sanitized: safe as a file name as it is. */
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

// A part is read in chunks (one browser-shell frame each) and saved or opened right after being
// shown: keep the last few decoded parts for a short while instead of parsing again per chunk.
const CACHE_BYTES = 64 * 1024 * 1024;
const CACHE_MS = 2 * 60 * 1000;
const cache = new Map<string, { part: AttachmentPart; at: number }>();

/**
 * The decoded bytes of part `partId` (1-based, numbered as parseMessage numbers them: postal-mime's
 * attachment order). Parsed here rather than in the pool because the pool measures attachments
 * without decoding them; the stored message is already bounded by the parse limits.
 */
export async function readAttachmentPart(ctx: AppContext, messageId: string, partId: string): Promise<AttachmentPart> {
  const key = `${ctx.profileDir}\0${messageId}\0${partId}`;
  const now = Date.now();
  for (const [k, entry] of cache) if (now - entry.at > CACHE_MS) cache.delete(k);
  const hit = cache.get(key);
  if (hit) return hit.part;

  const row = readReaderRow(ctx.store.db, messageId);
  const raw = row.rawHash === null ? null : await rawStore(ctx).get(row.rawHash);
  if (raw === null) throw new AppError('not_found', 'This message has not been downloaded yet; open it first.');
  const input = normalizeInput(new Uint8Array(raw), DEFAULT_PARSE_LIMITS.maxMessageBytes, []);
  let email;
  try {
    email = await PostalMime.parse(input, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: DEFAULT_PARSE_LIMITS.maxNestingDepth,
      maxHeadersSize: DEFAULT_PARSE_LIMITS.maxHeadersSize,
      maxRfc822NestingDepth: DEFAULT_PARSE_LIMITS.maxRfc822Depth,
    });
  } catch (error) {
    throw new AppError('not_found', 'The attachments of this message could not be read (it is malformed).', {
      cause: error,
    });
  }
  const attachment = email.attachments[Number(partId) - 1];
  if (!attachment) throw new AppError('not_found', `This message has no part ${partId}.`);
  const content = attachment.content;
  const part: AttachmentPart = {
    filename: sanitizeFileName(attachment.filename),
    mimeType: attachment.mimeType.toLowerCase(),
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content),
  };
  remember(key, part, now);
  return part;
}

function remember(key: string, part: AttachmentPart, now: number): void {
  if (part.bytes.byteLength > CACHE_BYTES) return;
  cache.set(key, { part, at: now });
  let total = 0;
  for (const entry of cache.values()) total += entry.part.bytes.byteLength;
  for (const k of cache.keys()) {
    if (total <= CACHE_BYTES) break;
    total -= cache.get(k)?.part.bytes.byteLength ?? 0;
    cache.delete(k);
  }
}
