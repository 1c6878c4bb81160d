import { z } from 'zod';
import { AttachmentNameSchema, AttachmentTypeSchema } from './outbox';

/**
 * A message being written (issue 7). Address fields keep exactly what was typed, so reopening a
 * draft restores a half-typed address too; they are parsed (RFC 5322, never split on commas)
 * when the draft is sent. A draft needs no account: one can be written before any is set up.
 */
export const DraftFormatSchema = z.enum(['rich', 'plain']);
export type DraftFormat = z.infer<typeof DraftFormatSchema>;

export const DraftAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** An image shown in the body (`cid:` reference) rather than attached. */
  inline: z.boolean(),
  contentId: z.string().nullable(),
});
export type DraftAttachment = z.infer<typeof DraftAttachmentSchema>;

/**
 * Attachment bytes cross the IPC boundary base64-encoded, and the browser shell's WebSocket closes
 * on any frame over WIRE_MAX_PAYLOAD (1 MiB, shared/ipc/wire.ts). So one drafts:attach call
 * carries at most ATTACH_CHUNK_BYTES of file (base64 ≈ 4/3 of that plus the JSON around it stays
 * under the frame limit); a larger file is sent in chunks with `appendTo`, up to
 * DRAFT_ATTACHMENT_MAX_BYTES per attachment.
 */
export const ATTACH_CHUNK_BYTES = 512 * 1024;
export const ATTACH_CHUNK_BASE64_CHARS = Math.ceil(ATTACH_CHUNK_BYTES / 3) * 4;
export const DRAFT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export const ComposeKindSchema = z.enum(['new', 'reply', 'replyAll', 'forward', 'forwardAsAttachment']);
export type ComposeKind = z.infer<typeof ComposeKindSchema>;

const AddressText = z.string().max(20_000).default('');

/** The fields compose edits; what drafts:save takes (with the id, or null for a new draft). */
export const DraftFieldsSchema = z.object({
  accountId: z.string().min(1).nullable().default(null),
  identityId: z.string().min(1).nullable().default(null),
  to: AddressText,
  cc: AddressText,
  bcc: AddressText,
  subject: z.string().max(998).default(''),
  format: DraftFormatSchema.default('rich'),
  /** The rich body (TipTap's HTML); in plain mode, null. Sanitized again in main before use. */
  html: z.string().max(20_000_000).nullable().default(null),
  /** The plain-text body (plain mode), or the text the rich body was last converted to. */
  text: z.string().max(10_000_000).default(''),
  inReplyTo: z.string().max(998).nullable().default(null),
  references: z.array(z.string().max(998)).max(200).default([]),
  /** What this draft answers or forwards (a local message id), for threading and flags. */
  source: z
    .object({ kind: ComposeKindSchema, messageId: z.string().min(1) })
    .nullable()
    .default(null),
});
export type DraftFields = z.infer<typeof DraftFieldsSchema>;
export type DraftFieldsInput = z.input<typeof DraftFieldsSchema>;

export const DraftSchema = DraftFieldsSchema.extend({
  id: z.string(),
  attachments: z.array(DraftAttachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const DraftSummarySchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  subject: z.string(),
  to: z.string(),
  snippet: z.string(),
  attachmentCount: z.number().int().nonnegative(),
  updatedAt: z.string(),
  /** Why the server refused its copy in the Drafts folder (its own words when it gave some); null when it did not. */
  serverError: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

/** Input of drafts:attach: one file, or one chunk of it (see ATTACH_CHUNK_BYTES). */
export const DraftAttachInputSchema = z.strictObject({
  draftId: z.string().min(1).max(64),
  filename: AttachmentNameSchema,
  /** Null: taken from the file name's extension. */
  contentType: AttachmentTypeSchema,
  contentBase64: z
    .string()
    .max(
      ATTACH_CHUNK_BASE64_CHARS,
      `One drafts:attach call carries at most ${ATTACH_CHUNK_BYTES / 1024} KiB; send larger files in chunks with appendTo`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
  /** An image shown in the body: it gets a Content-ID and is sent as a `cid:` related part. */
  inline: z.boolean().default(false),
  /** Null starts a new attachment; an attachment id appends this chunk to it. */
  appendTo: z.string().min(1).max(64).nullable().default(null),
});
export type DraftAttachInput = z.infer<typeof DraftAttachInputSchema>;

export const ContactSchema = z.object({
  name: z.string(),
  address: z.string(),
  /** Times written to or received from; more recent counts more in the ranking. */
  count: z.number().int().nonnegative(),
  lastUsedAt: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;
