import type { ReadableDb, WritableDb } from '../store/driver';
import type { HeaderRow } from './message-rows';
import type { WriteJob } from './writer/writes';

/**
 * Which new header rows a pass gives their body before it ends: the messages syncMailboxBodies
 * selects (dated within the offline window, not over the size limit). Those rows go into the
 * full-text index once, with their body (migration 0014), instead of twice.
 */
export interface SearchDeferral {
  /** ISO 8601; null: the window is all mail. */
  since: string | null;
  maxBytes: number;
}

/** Where the offline window starts; null when it is all mail. */
export function windowStart(windowDays: number | null, now: Date): string | null {
  return windowDays === null ? null : new Date(now.getTime() - windowDays * 86_400_000).toISOString();
}

export function searchDeferral(windowDays: number | null, maxBytes: number, now: Date): SearchDeferral {
  return { since: windowStart(windowDays, now), maxBytes };
}

/** The body query's own test (bodies.ts): `date >= since` on ISO text, a missing size counting as 0. */
export function holdsSearch(row: HeaderRow, deferral: SearchDeferral | null | undefined): boolean {
  if (!deferral) return false;
  return (deferral.since === null || row.date >= deferral.since) && (row.size ?? 0) <= deferral.maxBytes;
}

/** Whether any of the account's rows wait for their body to enter the index (a partial index answers). */
export function hasHeldRows(db: ReadableDb, accountId: string): boolean {
  return (
    db.get('SELECT 1 FROM messages WHERE account_id = ? AND search_pending = 1 LIMIT 1', [accountId]) !== undefined
  );
}

/**
 * Indexes the account's rows still held back: run at the end of every pass, whatever ended it, so
 * a message whose body did not come (a dropped connection, a folder that failed, a window made
 * smaller meanwhile) is searchable by its headers without waiting for another download. A pass the
 * process did not live to finish leaves its rows held until the next pass of that account ends.
 */
export function releaseSearchJob(db: WritableDb, accountId: string): WriteJob<string> {
  const ids = db.all<{ id: string }>('SELECT id FROM messages WHERE account_id = ? AND search_pending = 1', [
    accountId,
  ]);
  return {
    items: ids.map((row) => row.id),
    write: (tx, id) =>
      tx.run('UPDATE messages SET search_pending = 0 WHERE id = ? AND search_pending = 1', [id]).changes > 0,
  };
}
