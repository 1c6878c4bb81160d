import type { Migration } from './types';

/**
 * What incremental IMAP sync needs (DESIGN §5): per-folder UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ,
 * per-message UID, MODSEQ, flags, threading keys and body state, and the durable queue of local
 * actions waiting for the server. MODSEQ values are decimal TEXT: they may exceed 2^53.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'imap-sync-state',
  up(db) {
    db.exec(`
      ALTER TABLE mailboxes ADD COLUMN delimiter TEXT;
      ALTER TABLE mailboxes ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE mailboxes ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1 CHECK (subscribed IN (0,1));
      ALTER TABLE mailboxes ADD COLUMN uidvalidity INTEGER;
      ALTER TABLE mailboxes ADD COLUMN uidnext INTEGER;
      ALTER TABLE mailboxes ADD COLUMN highestmodseq TEXT;
      ALTER TABLE mailboxes ADD COLUMN message_count INTEGER;
      ALTER TABLE mailboxes ADD COLUMN synced_at TEXT;
      ALTER TABLE mailboxes ADD COLUMN sync_error TEXT;

      ALTER TABLE messages ADD COLUMN uid INTEGER;
      ALTER TABLE messages ADD COLUMN modseq TEXT;
      ALTER TABLE messages ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE messages ADD COLUMN size INTEGER;
      ALTER TABLE messages ADD COLUMN received_at TEXT;
      ALTER TABLE messages ADD COLUMN message_id TEXT;
      ALTER TABLE messages ADD COLUMN in_reply_to TEXT;
      ALTER TABLE messages ADD COLUMN refs TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE messages ADD COLUMN to_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE messages ADD COLUMN cc_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE messages ADD COLUMN server_thread_id TEXT;
      ALTER TABLE messages ADD COLUMN body_state TEXT NOT NULL DEFAULT 'none'
        CHECK (body_state IN ('none', 'stored', 'failed', 'too_large'));
      ALTER TABLE messages ADD COLUMN raw_hash TEXT;
      ALTER TABLE messages ADD COLUMN body_text TEXT;
      ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

      -- One row per server message; sync upserts by it.
      CREATE UNIQUE INDEX messages_by_mailbox_uid ON messages (mailbox_id, uid) WHERE uid IS NOT NULL;
      CREATE INDEX messages_by_message_id ON messages (account_id, message_id);
      -- Body download picks the newest messages without a body first.
      CREATE INDEX messages_needing_body ON messages (mailbox_id, body_state, date DESC);

      CREATE TABLE pending_actions (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id   TEXT NOT NULL,
        mailbox_id   TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        uidvalidity  INTEGER NOT NULL,
        uids         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('add_flags', 'remove_flags', 'move', 'expunge')),
        payload      TEXT NOT NULL DEFAULT '{}',
        created_at   TEXT NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        last_error   TEXT
      );
      CREATE INDEX pending_actions_by_account ON pending_actions (account_id, id);
    `);
  },
};
