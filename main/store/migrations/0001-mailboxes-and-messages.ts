import type { Migration } from './types';

/**
 * The first tables: folders and message summaries, which the mail window lists. Later issues add
 * sync state, bodies, the FTS index, outbox and drafts in their own numbered migrations.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'mailboxes-and-messages',
  up(db) {
    db.exec(`
      CREATE TABLE mailboxes (
        id           TEXT PRIMARY KEY,
        account_id   TEXT NOT NULL,
        path         TEXT NOT NULL,
        name         TEXT NOT NULL,
        parent_id    TEXT REFERENCES mailboxes(id) ON DELETE CASCADE,
        special_use  TEXT CHECK (special_use IN ('inbox','drafts','sent','trash','junk','archive')),
        UNIQUE (account_id, path)
      );

      CREATE TABLE messages (
        id               TEXT PRIMARY KEY,
        account_id       TEXT NOT NULL,
        mailbox_id       TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        subject          TEXT NOT NULL DEFAULT '',
        from_name        TEXT,
        from_address     TEXT,
        date             TEXT NOT NULL,
        snippet          TEXT NOT NULL DEFAULT '',
        unread           INTEGER NOT NULL DEFAULT 1 CHECK (unread IN (0,1)),
        flagged          INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0,1)),
        has_attachments  INTEGER NOT NULL DEFAULT 0 CHECK (has_attachments IN (0,1)),
        thread_id        TEXT
      );
      -- The message list pages newest first within a mailbox.
      CREATE INDEX messages_by_mailbox_date ON messages (mailbox_id, date DESC, id DESC);
    `);
  },
};
