import type { WritableDb } from '../store/driver';

/**
 * What sync needs from the MIME parser and the raw-message store, as small interfaces so sync
 * does not depend on how they are built (worker threads, a blob table). The real ones
 * (main/mail/mime, main/store/raw-messages) satisfy these structurally.
 */
export interface ParsedAttachment {
  partId: string;
  filename: string | null;
  mimeType: string;
  size: number;
  contentId: string | null;
  disposition: string | null;
}

export interface ParsedBody {
  /** With or without angle brackets; sync stores `<id>`. */
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
  text: string;
  /** The text as UTF-8 instead, when asked for with `textAsBytes` (then `text` is ''). */
  textBytes?: Uint8Array;
  snippet: string;
  attachments: readonly ParsedAttachment[];
  hasAttachments: boolean;
}

export interface MessageParser {
  /**
   * May take `raw` (move its memory to another thread, leaving it empty) unless `transfer` is
   * false (ParserPool's option of that name): then it is copied at most once and stays the caller's.
   * `textAsBytes`: the text comes as `textBytes`, for a writer on another thread (ParserPool's option).
   */
  parse(raw: Uint8Array, options?: { transfer?: boolean; textAsBytes?: boolean }): Promise<ParsedBody>;
}

export interface RawStore {
  /**
   * Stores the exact bytes inside the caller's open transaction `tx`, so they are committed (or
   * rolled back) together with the row that points at them. Returns their content address;
   * `hash` may be passed when already computed (outside the transaction, to keep it short).
   */
  add(tx: WritableDb, bytes: Uint8Array, hash?: string): string;
  get(hash: string): Promise<Buffer | null>;
}
