import { z } from 'zod';

/** Where one account's sync pass is; `total` is 0 when not known yet. */
export const SyncPhaseSchema = z.enum(['folders', 'headers', 'bodies', 'done']);
export type SyncPhase = z.infer<typeof SyncPhaseSchema>;

export const SyncProgressSchema = z.object({
  accountId: z.string(),
  mailboxId: z.string().nullable(),
  phase: SyncPhaseSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const SyncStateSchema = z.enum(['syncing', 'idle', 'error', 'offline']);
export type SyncState = z.infer<typeof SyncStateSchema>;

export const SyncStatusSchema = z.object({
  accountId: z.string(),
  state: SyncStateSchema,
  /** User-facing; null when all is well. */
  message: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** Which DESIGN §5 branch a folder took; `pop3` for a POP3 account's Inbox (UIDL diff). */
export const SyncStrategySchema = z.enum(['reseed', 'unchanged', 'condstore', 'append', 'full', 'pop3']);
export type SyncStrategy = z.infer<typeof SyncStrategySchema>;

export const FolderSyncSummarySchema = z.object({
  mailboxId: z.string(),
  path: z.string(),
  strategy: SyncStrategySchema,
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  bodies: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  error: z.string().nullable(),
});
export type FolderSyncSummary = z.infer<typeof FolderSyncSummarySchema>;

export const AccountSyncSummarySchema = z.object({
  accountId: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  folders: z.array(FolderSyncSummarySchema),
  durationMs: z.number().nonnegative(),
});
export type AccountSyncSummary = z.infer<typeof AccountSyncSummarySchema>;
