import { z } from 'zod';

/**
 * How large a message the SMTP server of one identity takes, as its last EHLO said:
 * `advertised` with `limit` in bytes, `unlimited` (no SIZE, or SIZE 0), or `unknown` when
 * Letterbox has not talked to that server yet (no verification, no send).
 */
export const SendLimitSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  state: z.enum(['advertised', 'unlimited', 'unknown']),
  limit: z.number().int().positive().nullable(),
  /** When the server said so; null while unknown. */
  seenAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SendLimit = z.infer<typeof SendLimitSchema>;
