import type { Migration } from './types';

/**
 * The SIZE each SMTP server (host and port) advertised in its last EHLO, learned by account
 * verification and by every send, so compose can warn about a message the server will refuse
 * before the user presses Send. `size_limit` NULL means the server advertised no limit.
 */
export const migration0010: Migration = {
  version: 10,
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
