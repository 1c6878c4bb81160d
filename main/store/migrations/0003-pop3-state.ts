import type { Migration } from './types';

/**
 * POP3 has no folders or flags, only a per-session list of UIDLs: we remember every UIDL we
 * committed locally, so a crash or a dropped connection neither duplicates nor loses a message,
 * and the deletion policies know what is safe to DELE and when.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'pop3-state',
  up(db) {
    db.exec(`
      CREATE TABLE pop3_messages (
        account_id     TEXT NOT NULL,
        uidl           TEXT NOT NULL,
        -- Null once the local copy is gone (deleted here); the UIDL is kept so it is not fetched again.
        message_id     TEXT REFERENCES messages(id) ON DELETE SET NULL,
        size           INTEGER,
        retrieved_at   TEXT NOT NULL,
        -- Set when DELE was committed by a successful QUIT.
        deleted_from_server_at TEXT,
        PRIMARY KEY (account_id, uidl)
      );
      CREATE INDEX pop3_messages_by_retrieved ON pop3_messages (account_id, retrieved_at);
    `);
  },
};
