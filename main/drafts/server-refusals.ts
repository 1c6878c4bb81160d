import type { WritableDb } from '../store/driver';

/** After a refusal the same version waits this long, doubling with each refusal in a row. */
export const FIRST_RETRY_MS = 5 * 60_000;
export const MAX_RETRY_MS = 6 * 60 * 60_000;

/** The columns of migration 0013, as a draft row carries them. */
export interface RefusalColumns {
  version: number;
  server_error_version: number | null;
  server_error_at: string | null;
  server_error_count: number;
}

/**
 * When the draft's current version may be offered to the server again; null when now. A server
 * that refused a version (a full mailbox, a message too large) refuses it again a minute later,
 * and a large draft would be uploaded in full at every sync pass for nothing.
 */
export function retryAt(row: RefusalColumns): Date | null {
  if (row.server_error_version !== row.version || row.server_error_at === null) return null;
  const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, row.server_error_count - 1));
  return new Date(Date.parse(row.server_error_at) + delay);
}

/** The server's own words when it gave some (imapflow puts a NO/BAD's text in responseText). */
export function refusalText(error: unknown): string {
  const said = typeof error === 'object' && error !== null ? (error as { responseText?: unknown }).responseText : null;
  if (typeof said === 'string' && said.trim() !== '') return said.trim();
  return error instanceof Error ? error.message : String(error);
}

/** Notes that `version` of the draft was refused now; refusals of the same version count up. */
export function recordRefusal(db: WritableDb, id: string, version: number, message: string, now: Date): void {
  db.run(
    `UPDATE drafts SET server_error = ?, server_error_at = ?,
       server_error_count = CASE WHEN server_error_version = ? THEN server_error_count + 1 ELSE 1 END,
       server_error_version = ?
     WHERE id = ?`,
    [message, now.toISOString(), version, version, id],
  );
}
