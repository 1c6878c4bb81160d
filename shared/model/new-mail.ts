import { z } from 'zod';

/** New mail in one inbox: who it is from and its subject, as plain text (never HTML). */
export const NewMailSchema = z.object({
  accountId: z.string(),
  mailboxId: z.string(),
  /** Every new unread message; `messages` holds only the first few. */
  count: z.number().int().positive(),
  messages: z.array(z.object({ id: z.string(), from: z.string(), subject: z.string() })).max(5),
});
export type NewMail = z.infer<typeof NewMailSchema>;
