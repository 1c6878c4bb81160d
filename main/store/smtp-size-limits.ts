import type { ReadableDb, WritableDb } from './driver';

/** What is known about one SMTP server's message size limit. */
export interface SmtpSizeLimit {
  /** Bytes the server takes; null when it advertised no limit. */
  limit: number | null;
  /** When the EHLO that said so was seen (ISO 8601). */
  seenAt: string;
}

export interface SmtpAddress {
  host: string;
  port: number;
}

/** Host names are case-insensitive: one row per server however the user typed it. */
const hostKey = (host: string): string => host.trim().toLowerCase();

/** Remembers the SIZE of the server's latest EHLO (null: none advertised), replacing what was known. */
export function recordSmtpSizeLimit(db: WritableDb, server: SmtpAddress, limit: number | null, seenAt: Date): void {
  db.run(
    `INSERT INTO smtp_size_limits (host, port, size_limit, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (host, port) DO UPDATE SET size_limit = excluded.size_limit, seen_at = excluded.seen_at`,
    [hostKey(server.host), server.port, limit, seenAt.toISOString()],
  );
}

/**
 * recordSmtpSizeLimit for the moment an EHLO is answered (a send, a verification). The limit is
 * only a hint for compose's size warning: a store that cannot take it never fails either.
 */
export function rememberSmtpSizeLimit(db: WritableDb, server: SmtpAddress, limit: number | null): void {
  try {
    recordSmtpSizeLimit(db, server, limit, new Date());
  } catch {
    // The next connection to the server tries again.
  }
}

/** The last limit seen for this server, or null when Letterbox never talked to it. */
export function readSmtpSizeLimit(db: ReadableDb, server: SmtpAddress): SmtpSizeLimit | null {
  const row = db.get<{ size_limit: number | null; seen_at: string }>(
    'SELECT size_limit, seen_at FROM smtp_size_limits WHERE host = ? AND port = ?',
    [hostKey(server.host), server.port],
  );
  return row ? { limit: row.size_limit, seenAt: row.seen_at } : null;
}
