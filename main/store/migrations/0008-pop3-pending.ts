import type { Migration } from './types';

/**
 * A POP3 download commits only what makes a message safe (its raw bytes and its UIDL row, marked
 * `pending`); the message row is written when the body is parsed, with every column at once. The
 * socket's thread then does the least work per message, so a large first download runs at the
 * speed of the link, and the parse fills the Inbox newest first right after.
 *
 * `pending` tells a message not listed yet (its row comes with the parse) from one deleted here
 * (message_id null, pending 0), which the "delete from server when deleted here" policy acts on.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'pop3-pending',
  up(db) {
    db.exec(`
      ALTER TABLE pop3_messages ADD COLUMN raw_hash TEXT;
      ALTER TABLE pop3_messages ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0,1));
      -- Download order is newest first, so rowid order is the order to parse in.
      CREATE INDEX pop3_messages_pending ON pop3_messages (account_id) WHERE pending = 1;
    `);
  },
};
