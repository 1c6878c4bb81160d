import { z } from 'zod';
import { MessageSummarySchema } from './message';

export const MessageSortSchema = z.enum(['date', 'sender', 'subject']);
export type MessageSort = z.infer<typeof MessageSortSchema>;

/** Where a list's messages come from: one folder, or a special folder across the accounts in the unified views. */
export const MessageSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mailbox'), mailboxId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('unified'), specialUse: z.enum(['inbox', 'drafts', 'sent']) }),
]);
export type MessageListSource = z.infer<typeof MessageSourceSchema>;

/** One row of the list: a message, or (conversations on) a conversation shown by its latest message. */
export const MessageListItemSchema = MessageSummarySchema.extend({
  /** The conversation within its folder: the thread key, or the message alone ("msg:" + id). */
  threadKey: z.string().min(1),
  /** Messages in the conversation (1 when conversations are off). */
  threadCount: z.number().int().positive(),
});
export type MessageListItem = z.infer<typeof MessageListItemSchema>;
