import type { Migration } from './types';
import { SEARCH_COLUMNS, searchValues } from './0007-search-index';

const INDEXED_CHANGED = `OLD.subject IS NOT NEW.subject OR OLD.from_name IS NOT NEW.from_name
          OR OLD.from_address IS NOT NEW.from_address OR OLD.to_json IS NOT NEW.to_json
          OR OLD.cc_json IS NOT NEW.cc_json OR OLD.body_text IS NOT NEW.body_text
          OR OLD.attachments IS NOT NEW.attachments`;

/**
 * `messages.search_pending = 1`: the row is not in the full-text index yet, because its body is
 * about to arrive in the same sync pass. A first sync wrote each such message to the index twice:
 * its headers at insert, then (deleting that entry) headers and body together. The delete and the
 * first insert were about a fifth of the writer's work on bench:sync's mailbox (see
 * main/sync/search-pending.ts for when rows are held and released).
 *
 * Clearing the flag indexes the row as it then stands; setting it takes the row out. Rows that are
 * pending are left alone by the other search triggers. Every writer that does not set the flag
 * (POP3, moves, drafts, re-parse) keeps the index current as before: the default is 0.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'search-pending',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN search_pending INTEGER NOT NULL DEFAULT 0 CHECK (search_pending IN (0, 1));
      -- Small: only rows waiting for their body are in it.
      CREATE INDEX messages_search_pending ON messages (account_id) WHERE search_pending = 1;

      DROP TRIGGER messages_search_insert;
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN NEW.search_pending = 0 BEGIN
        INSERT INTO message_search (${SEARCH_COLUMNS}) VALUES (${searchValues('NEW')});
      END;

      DROP TRIGGER messages_search_update;
      CREATE TRIGGER messages_search_update
        AFTER UPDATE OF subject, from_name, from_address, to_json, cc_json, body_text, attachments ON messages
        WHEN OLD.search_pending = 0 AND NEW.search_pending = 0 AND (${INDEXED_CHANGED})
      BEGIN
        DELETE FROM message_search WHERE rowid = OLD.rowid;
        INSERT INTO message_search (${SEARCH_COLUMNS}) VALUES (${searchValues('NEW')});
      END;

      CREATE TRIGGER messages_search_release AFTER UPDATE OF search_pending ON messages
        WHEN OLD.search_pending = 1 AND NEW.search_pending = 0
      BEGIN
        INSERT INTO message_search (${SEARCH_COLUMNS}) VALUES (${searchValues('NEW')});
      END;

      CREATE TRIGGER messages_search_hold AFTER UPDATE OF search_pending ON messages
        WHEN OLD.search_pending = 0 AND NEW.search_pending = 1
      BEGIN
        DELETE FROM message_search WHERE rowid = OLD.rowid;
      END;

      DROP TRIGGER messages_search_delete;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages WHEN OLD.search_pending = 0 BEGIN
        DELETE FROM message_search WHERE rowid = OLD.rowid;
      END;
    `);
  },
};
