import type { Migration } from './types';

/** The indexed text of one `messages` row, as SQL over its columns (`row` is NEW, OLD or a table alias). */
export function searchValues(row: string): string {
  return `${row}.rowid, lb_index_text(${row}.subject),
      lb_index_text(COALESCE(${row}.from_name, '') || ' ' || COALESCE(${row}.from_address, '')),
      lb_index_addresses(${row}.to_json), lb_index_addresses(${row}.cc_json),
      lb_index_text(${row}.body_text), lb_index_files(${row}.attachments)`;
}

export const SEARCH_COLUMNS = 'rowid, subject, sender, to_addr, cc_addr, body, files';

/**
 * The full-text index (issue 9): FTS5 over subject, sender, recipients, body text and attachment
 * file names, keyed by the messages row's rowid.
 *
 * Kept current by triggers rather than by each writer: IMAP headers, IMAP bodies, POP3 retrieval
 * and re-parse, moves, expunges and account removal all write `messages` in their own
 * transactions, and a trigger runs inside whichever one it is, so the index can never disagree
 * with the rows after a crash and no writer can forget it. The update trigger names only the
 * indexed columns and skips a no-op rewrite, so flag changes (the most common write) cost nothing.
 *
 * Contentless (`content=''`, `contentless_delete=1`): the text already lives in `messages`, and the
 * index holds folded text (see main/search/fold.ts) that is not worth storing twice. Snippets are
 * therefore made from `messages` (main/search/highlight.ts), not by FTS5's snippet().
 *
 * `messages` has no INTEGER PRIMARY KEY, so a VACUUM could renumber its rowids; nothing in
 * Letterbox runs VACUUM, and `letterbox search --rebuild` rebuilds the index from the rows if one
 * ever does.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        subject, sender, to_addr, cc_addr, body, files,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (${SEARCH_COLUMNS}) VALUES (${searchValues('NEW')});
      END;

      CREATE TRIGGER messages_search_update
        AFTER UPDATE OF subject, from_name, from_address, to_json, cc_json, body_text, attachments ON messages
        WHEN OLD.subject IS NOT NEW.subject OR OLD.from_name IS NOT NEW.from_name
          OR OLD.from_address IS NOT NEW.from_address OR OLD.to_json IS NOT NEW.to_json
          OR OLD.cc_json IS NOT NEW.cc_json OR OLD.body_text IS NOT NEW.body_text
          OR OLD.attachments IS NOT NEW.attachments
      BEGIN
        DELETE FROM message_search WHERE rowid = OLD.rowid;
        INSERT INTO message_search (${SEARCH_COLUMNS}) VALUES (${searchValues('NEW')});
      END;

      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = OLD.rowid;
      END;

      -- Relevance: bm25 with a word in the subject worth most (subject, sender, to, cc, body, file names).
      INSERT INTO message_search (message_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0, 1.0, 3.0)');

      INSERT INTO message_search (${SEARCH_COLUMNS}) SELECT ${searchValues('msg')} FROM messages msg;

      -- Search results come newest first across every folder: a query matching much of the store
      -- walks this index and stops at the first page instead of sorting every match.
      CREATE INDEX messages_by_date ON messages (date DESC, id DESC);
    `);
  },
};
