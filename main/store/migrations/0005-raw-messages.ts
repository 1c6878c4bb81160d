import type { Migration } from './types';

/**
 * Raw RFC 822 bytes move into the database (DESIGN §4 allows a blob table): each message's bytes
 * are written in the same transaction as the row that points at them, so a crash can leave
 * neither a row pointing at missing bytes nor bytes nobody points at, and a batch of messages
 * costs one WAL commit instead of an fsync per file. Blobs written by older versions stay in
 * their files and are still read from there (see main/store/raw-messages.ts).
 *
 * `needs_parse` marks a message whose raw bytes and envelope are committed but whose body was
 * not parsed yet (POP3 stores first and parses after, so the Inbox fills at download speed); a
 * run that dies in between picks those rows up next time.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'raw-messages',
  up(db) {
    db.exec(`
      -- A rowid table, not WITHOUT ROWID: rows are large blobs (SQLite advises rowid tables then).
      CREATE TABLE raw_messages (
        hash   TEXT NOT NULL PRIMARY KEY CHECK (length(hash) = 64),
        size   INTEGER NOT NULL,
        bytes  BLOB NOT NULL
      );

      ALTER TABLE messages ADD COLUMN needs_parse INTEGER NOT NULL DEFAULT 0 CHECK (needs_parse IN (0,1));
      -- Small: only rows still waiting for the parser are in it.
      CREATE INDEX messages_needing_parse ON messages (account_id, date DESC) WHERE needs_parse = 1;
    `);
  },
};
