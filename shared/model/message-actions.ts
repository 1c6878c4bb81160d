import { z } from 'zod';

/** The IMAP system flags a user can toggle; keywords stay out until the UI offers them. */
export const MessageFlagSchema = z.enum(['seen', 'flagged', 'answered']);
export type MessageFlag = z.infer<typeof MessageFlagSchema>;

const Ids = z.array(z.string().min(1)).min(1).max(5000);

export const SetFlagsInputSchema = z.strictObject({
  ids: Ids,
  add: z.array(MessageFlagSchema).default([]),
  remove: z.array(MessageFlagSchema).default([]),
});

export const MoveInputSchema = z.strictObject({ ids: Ids, toMailboxId: z.string().min(1) });
export const IdsInputSchema = z.strictObject({ ids: Ids });

/** What a local action did at once; the server catches up in the background. */
export const ActionResultSchema = z.object({
  /** Rows changed, moved or removed locally. */
  changed: z.number().int().nonnegative(),
  /** Actions queued for the server (0 for rows the server does not know yet). */
  queued: z.number().int().nonnegative(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;
