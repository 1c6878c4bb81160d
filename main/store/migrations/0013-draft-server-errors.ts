import type { Migration } from './types';

/**
 * Why a draft's copy in the IMAP Drafts folder was refused (a full mailbox, a message too large
 * for the server), for the drafts list to say, and for draft sync to wait before sending the same
 * version again: `server_error_version` is the version refused, `server_error_count` how many
 * times in a row, `server_error_at` the last time. A new version is tried at once; a copy that
 * goes through clears them.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'draft-server-errors',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN server_error TEXT;
      ALTER TABLE drafts ADD COLUMN server_error_version INTEGER;
      ALTER TABLE drafts ADD COLUMN server_error_at TEXT;
      ALTER TABLE drafts ADD COLUMN server_error_count INTEGER NOT NULL DEFAULT 0 CHECK (server_error_count >= 0);
    `);
  },
};
