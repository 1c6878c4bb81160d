/** A mailbox from an address header. Groups are flattened into their members. */
export interface ParsedAddress {
  name: string;
  address: string;
}

export interface ParsedAttachment {
  /**
   * 1-based position among the message's attachments, as a string. Stable for the same bytes and
   * the same parser version and limits, so a re-parse of the stored blob finds the same part.
   */
  partId: string;
  filename: string | null;
  /** Lowercase MIME type. */
  mimeType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Content-ID without the angle brackets, as `cid:` URLs name it. */
  contentId: string | null;
  /** Unknown disposition tokens count as `attachment` (RFC 2183 §2.8). */
  disposition: 'attachment' | 'inline' | null;
}

export interface ParsedMessage {
  /** Without the angle brackets. */
  messageId: string | null;
  /** The first id, without the angle brackets. */
  inReplyTo: string | null;
  /** Ids without the angle brackets, in header order, duplicates removed. */
  references: string[];
  /** RFC 2047 decoded, '' when missing. */
  subject: string;
  from: ParsedAddress | null;
  sender: ParsedAddress | null;
  replyTo: ParsedAddress[];
  to: ParsedAddress[];
  cc: ParsedAddress[];
  bcc: ParsedAddress[];
  /** ISO 8601 (UTC) from the Date header; null when missing or unparseable. */
  date: string | null;
  /** Plain text for full-text search: the text/plain body, else text derived from the HTML. Capped. */
  text: string;
  /**
   * `text` as UTF-8, when the parse was asked for it that way (ParseOptions.textAsBytes); `text`
   * is then ''. Bytes move between threads without a copy and never become a string on the way.
   */
  textBytes?: Uint8Array;
  /** The HTML body, unsanitized (the renderer sanitizes). Capped. */
  html: string | null;
  /** About 200 characters of readable text: whitespace collapsed, quoted replies and signature left out. */
  snippet: string;
  attachments: ParsedAttachment[];
  /** True for any `attachment` part, and for a named part that is not an inline cid resource. */
  hasAttachments: boolean;
  /** What could not be parsed as it stood, e.g. 'nesting limit reached', 'unparseable date'. */
  warnings: string[];
}

/** Bounds on the work and memory one message may cost. Every field is a non-negative integer. */
export interface ParseLimits {
  /** Larger input is parsed from its first this-many bytes, with a warning. */
  maxMessageBytes: number;
  /** MIME nesting depth; beyond it only the headers are kept. */
  maxNestingDepth: number;
  /** Header bytes across all parts; beyond it the body is parsed under the key headers only. */
  maxHeadersSize: number;
  /** How deep message/rfc822 parts are parsed inline; deeper ones stay attachments. */
  maxRfc822Depth: number;
  /** Attachments listed; the rest are counted in a warning. */
  maxAttachments: number;
  maxTextChars: number;
  maxHtmlChars: number;
  snippetChars: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxMessageBytes: 64 * 1024 * 1024,
  maxNestingDepth: 32,
  maxHeadersSize: 1024 * 1024,
  maxRfc822Depth: 3,
  maxAttachments: 500,
  maxTextChars: 200_000,
  maxHtmlChars: 2_000_000,
  snippetChars: 200,
});

/** Fills in defaults and rejects nonsense, which is a programmer error rather than bad mail. */
export function resolveLimits(limits: Partial<ParseLimits> = {}): ParseLimits {
  const resolved = { ...DEFAULT_PARSE_LIMITS };
  for (const key of Object.keys(DEFAULT_PARSE_LIMITS) as (keyof ParseLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${key} must be a non-negative integer`);
    resolved[key] = value;
  }
  return resolved;
}
