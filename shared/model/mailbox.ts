import { z } from 'zod';

export const SpecialUseSchema = z.enum(['inbox', 'drafts', 'sent', 'trash', 'junk', 'archive']);
export type SpecialUse = z.infer<typeof SpecialUseSchema>;

export const MailboxSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  /** Full server path, e.g. "INBOX/Projects"; the UI shows `name`. */
  path: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  specialUse: SpecialUseSchema.nullable(),
  unread: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type Mailbox = z.infer<typeof MailboxSchema>;
