/**
 * What sync needs from the MIME parser and the raw-message store, as small interfaces so sync
 * does not depend on how they are built (worker threads, content-addressed files). The real
 * ones (main/mail/mime, main/store/blobs) satisfy these structurally.
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
  snippet: string;
  attachments: readonly ParsedAttachment[];
  hasAttachments: boolean;
}

export interface MessageParser {
  parse(raw: Uint8Array): Promise<ParsedBody>;
}

export interface RawStore {
  /** Stores the exact bytes; returns their content address. */
  put(bytes: Uint8Array): Promise<string>;
  get(hash: string): Promise<Buffer | null>;
}
