import { z } from 'zod';
import { EmailSchema } from './account';

/**
 * The outbox (DESIGN §6). `scheduled` waits for its moment (undo-send delay or send-later),
 * `queued` is due or waiting for its next retry, `sending` is on the wire, `sent` got the final
 * 250, `filed` has its copy in Sent. `failed` is permanent; `uncertain` means the connection died
 * after the message went out and before the server answered: only the user decides what next.
 */
export const OutboxStateSchema = z.enum([
  'scheduled',
  'queued',
  'sending',
  'sent',
  'filed',
  'failed',
  'uncertain',
  'cancelled',
]);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

/**
 * Nothing that could end a header or an SMTP command, or start a second address: a recipient
 * list must be exactly what the user typed, whatever is pasted into the field.
 */
const SPECIALS = /[\p{Cc}<>()[\]\\,;:"]/u;

export const MailAddressSchema = z.object({
  name: z
    .string()
    .max(200)
    .default('')
    .transform((name) => name.replace(/[\r\n\t]+/g, ' ').trim()),
  address: EmailSchema.refine((address) => !SPECIALS.test(address), 'Not a single email address'),
});
export type MailAddress = z.infer<typeof MailAddressSchema>;

export const AttachmentNameSchema = z.string().trim().min(1).max(255);
/** Null: taken from the file name's extension when the message is built. */
export const AttachmentTypeSchema = z
  .string()
  .max(200)
  .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Not a MIME type')
  .nullable()
  .default(null);

export const OutgoingAttachmentSchema = z.object({
  filename: AttachmentNameSchema,
  contentType: AttachmentTypeSchema,
  /** The bytes, base64: a draft must carry its attachments to survive undo-send intact. */
  contentBase64: z.string().max(50 * 1024 * 1024),
  /** Set for an image shown in the HTML body (`<img src="cid:…">`): sent as a related inline part. */
  contentId: z
    .string()
    .max(200)
    .regex(/^[\w.+@-]+$/, 'Not a Content-ID')
    .nullable()
    .default(null),
});
export type OutgoingAttachment = z.infer<typeof OutgoingAttachmentSchema>;

const MessageIdRef = z.string().max(998);

/** What compose hands over: everything needed to build the message and to give the draft back. */
export const DraftContentSchema = z.object({
  accountId: z.string().min(1),
  identityId: z.string().min(1),
  to: z.array(MailAddressSchema).max(500).default([]),
  cc: z.array(MailAddressSchema).max(500).default([]),
  bcc: z.array(MailAddressSchema).max(500).default([]),
  subject: z.string().max(998).default(''),
  text: z.string().max(10_000_000).default(''),
  html: z.string().max(20_000_000).nullable().default(null),
  attachments: z.array(OutgoingAttachmentSchema).max(100).default([]),
  inReplyTo: MessageIdRef.nullable().default(null),
  references: z.array(MessageIdRef).max(200).default([]),
});
export type DraftContent = z.infer<typeof DraftContentSchema>;
export type DraftContentInput = z.input<typeof DraftContentSchema>;

export const SmtpPhaseSchema = z.enum([
  'connect',
  'tls',
  'greeting',
  'auth',
  'mail',
  'rcpt',
  'data',
  'message',
  'size',
]);

/** What went wrong, in the server's words and in plain language. */
export const SendFailureSchema = z.object({
  phase: SmtpPhaseSchema,
  code: z.number().int().nullable(),
  enhanced: z.string().nullable(),
  reply: z.string().nullable(),
  message: z.string(),
  explanation: z.string(),
});
export type SendFailure = z.infer<typeof SendFailureSchema>;

export const RecipientResultSchema = z.object({
  address: z.string(),
  accepted: z.boolean(),
  code: z.number().int().nullable(),
  enhanced: z.string().nullable(),
  reply: z.string(),
  explanation: z.string().nullable(),
});
export type RecipientResult = z.infer<typeof RecipientResultSchema>;

export const TranscriptLineSchema = z.object({
  /** Milliseconds since the attempt started. */
  at: z.number(),
  dir: z.enum(['client', 'server', 'info']),
  text: z.string(),
});

export const AttemptOutcomeSchema = z.enum(['sent', 'transient', 'permanent', 'uncertain', 'interrupted']);

/** One try at handing the message to the server: everything a domain owner needs to see. */
export const OutboxAttemptSchema = z.object({
  number: z.number().int().positive(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: AttemptOutcomeSchema.nullable(),
  server: z.string().nullable(),
  tls: z.object({ protocol: z.string(), cipher: z.string() }).nullable(),
  transcript: z.array(TranscriptLineSchema),
  queueId: z.string().nullable(),
  timings: z
    .object({
      connectMs: z.number().nullable(),
      authMs: z.number().nullable(),
      dataMs: z.number().nullable(),
      totalMs: z.number(),
    })
    .nullable(),
  failure: SendFailureSchema.nullable(),
});
export type OutboxAttempt = z.infer<typeof OutboxAttemptSchema>;

export const FilingStateSchema = z.enum(['pending', 'filed', 'skipped', 'failed']);

export const OutboxItemSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  identityId: z.string(),
  state: OutboxStateSchema,
  subject: z.string(),
  toSummary: z.string(),
  messageId: z.string(),
  createdAt: z.string(),
  /** When it goes (or went) out at the earliest. */
  sendAt: z.string(),
  sendLater: z.boolean(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lastError: SendFailureSchema.nullable(),
  recipients: z.array(RecipientResultSchema),
  sentAt: z.string().nullable(),
  queueId: z.string().nullable(),
  filing: z.object({
    state: FilingStateSchema,
    error: z.string().nullable(),
    filedAt: z.string().nullable(),
  }),
  /** A sentence for the UI when the state alone does not say enough. */
  note: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

export const OutboxDetailsSchema = OutboxItemSchema.extend({
  envelopeFrom: z.string(),
  envelopeTo: z.array(z.string()),
  attemptLog: z.array(OutboxAttemptSchema),
});
export type OutboxDetails = z.infer<typeof OutboxDetailsSchema>;

export const UNDO_SEND_SECONDS = [0, 5, 10, 30] as const;
