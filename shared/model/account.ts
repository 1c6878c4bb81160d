import { z } from 'zod';

/** What the UI needs to list an account; the full account model (servers, identities) lives in settings. */
export const AccountSummarySchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  email: z.string(),
  incoming: z.enum(['imap', 'pop3']),
  includeInUnified: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;
