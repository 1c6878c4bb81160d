import type { Migration } from './types';

/**
 * The SIZE each SMTP server (host and port) advertised in its last EHLO, learned by account
 * verification and by every send, so compose can warn about a message the server will refuse
 * before the user presses Send. `size_limit` NULL means the server advertised no limit.
 *
 * Numbered 0010 on main (0008 and 0009 belong to other work); 0008 only on this branch.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'smtp-size-limits',
  up(db) {
    db.exec(`
      CREATE TABLE smtp_size_limits (
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        size_limit INTEGER CHECK (size_limit IS NULL OR size_limit > 0),
        seen_at TEXT NOT NULL,
        PRIMARY KEY (host, port)
      ) WITHOUT ROWID;
    `);
  },
};
