import { z } from 'zod';

export const AddressSchema = z.object({
  name: z.string(),
  address: z.string(),
});
export type Address = z.infer<typeof AddressSchema>;

export const MessageSummarySchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  mailboxId: z.string().min(1),
  subject: z.string(),
  from: AddressSchema.nullable(),
  /** ISO 8601; JSON has no Date. */
  date: z.iso.datetime({ offset: true }),
  snippet: z.string(),
  unread: z.boolean(),
  flagged: z.boolean(),
  hasAttachments: z.boolean(),
  threadId: z.string().nullable(),
});
export type MessageSummary = z.infer<typeof MessageSummarySchema>;
