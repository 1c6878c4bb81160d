import { z } from 'zod';
import { AddressSchema } from './message';

/** One part of a message as the reader lists it; bytes come separately (attachments:data). */
export const MessageAttachmentSchema = z.object({
  /** 1-based position among the message's parts, as the parser numbers them. */
  partId: z.string().min(1).max(16),
  filename: z.string().nullable(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  /** Content-ID without brackets, as `cid:` URLs in the HTML name it. */
  contentId: z.string().nullable(),
  /** Shown in the body through cid: and so not listed with the files. */
  inline: z.boolean(),
});
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

/**
 * The body: here (`html` raw and unsanitized: the renderer sanitizes), still on the server, or
 * not readable with the reason in words.
 */
export const MessageBodySchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('local'),
    html: z.string().nullable(),
    /** The HTML was longer than the reader takes and was cut; the text is still whole. */
    htmlTruncated: z.boolean(),
    text: z.string(),
  }),
  z.object({ state: z.literal('remote') }),
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
]);
export type MessageBody = z.infer<typeof MessageBodySchema>;

export const MessageContentSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  mailboxId: z.string().min(1),
  subject: z.string(),
  from: AddressSchema.nullable(),
  replyTo: z.array(AddressSchema),
  to: z.array(AddressSchema),
  cc: z.array(AddressSchema),
  date: z.iso.datetime({ offset: true }),
  unread: z.boolean(),
  body: MessageBodySchema,
  attachments: z.array(MessageAttachmentSchema),
  /** What the parser could not read as it stood (shown as a note, never an error). */
  warnings: z.array(z.string()),
});
export type MessageContent = z.infer<typeof MessageContentSchema>;

export const AttachmentRefSchema = z.strictObject({
  messageId: z.string().min(1).max(64),
  partId: z.string().regex(/^[1-9]\d{0,5}$/, 'Not a part number'),
});

/** A chunk of a part's bytes: small enough for one browser-shell frame. nextOffset null at the end. */
export const AttachmentDataSchema = z.object({
  /** Already sanitized for use as a file name. */
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  contentBase64: z.string(),
  nextOffset: z.number().int().nonnegative().nullable(),
});

export const SavedAttachmentSchema = z.object({
  /** Null when the user closed the folder dialog. */
  path: z.string().nullable(),
  filename: z.string().nullable(),
});

/** A remote image fetched by main once the user allowed remote content, as a data: URL. */
export const RemoteImageSchema = z.object({
  url: z.string(),
  dataUrl: z.string().nullable(),
  /** Why it was not fetched, in words, when dataUrl is null. */
  error: z.string().nullable(),
});
