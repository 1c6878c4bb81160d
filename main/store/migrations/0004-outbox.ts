import type { Migration } from './types';

/**
 * The outbox (DESIGN §6): every message to send is a row, written before any network I/O, with
 * the exact bytes that go out on every attempt. A state only moves forward in a transaction, so
 * a killed process finds each message where it was: `sending` at start-up means "the last
 * attempt was cut off" and is resolved from the attempt log, never by sending blindly again.
 *
 * Local drafts start here too: undo-send turns an outbox row back into a draft.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id               TEXT PRIMARY KEY,
        account_id       TEXT NOT NULL,
        identity_id      TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN
                           ('scheduled','queued','sending','sent','filed','failed','uncertain','cancelled')),
        -- Queue order: messages to the same server leave in the order they were queued.
        seq              INTEGER NOT NULL,
        message_id       TEXT NOT NULL,
        raw              BLOB NOT NULL,
        envelope_from    TEXT NOT NULL,
        envelope_to      TEXT NOT NULL,          -- JSON array of addresses (To, Cc and Bcc)
        subject          TEXT NOT NULL DEFAULT '',
        to_summary       TEXT NOT NULL DEFAULT '',
        -- The compose fields it was made from, so undo-send can give the draft back intact.
        draft_json       TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        -- Earliest moment to send: now + undo delay, or the send-later time.
        send_at          TEXT NOT NULL,
        send_later       INTEGER NOT NULL DEFAULT 0 CHECK (send_later IN (0,1)),
        attempts         INTEGER NOT NULL DEFAULT 0,
        first_attempt_at TEXT,
        next_attempt_at  TEXT,
        last_error_json  TEXT,
        recipients_json  TEXT,
        sent_at          TEXT,
        queue_id         TEXT,
        filing_state     TEXT NOT NULL DEFAULT 'pending'
                           CHECK (filing_state IN ('pending','filed','skipped','failed')),
        filing_attempts  INTEGER NOT NULL DEFAULT 0,
        filing_error     TEXT,
        next_filing_at   TEXT,
        filed_at         TEXT,
        -- Who is sending it right now (pid) and until when that claim holds: a second process on
        -- the same profile (the CLI beside the app) never takes it over while the owner lives.
        lease_owner      TEXT,
        lease_until      TEXT,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX outbox_by_state ON outbox (state, send_at, seq);

      CREATE TABLE outbox_attempts (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        outbox_id        TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        number           INTEGER NOT NULL,
        started_at       TEXT NOT NULL,
        ended_at         TEXT,
        -- Null while running: a row left null by a killed process means the attempt was cut off.
        outcome          TEXT CHECK (outcome IN ('sent','transient','permanent','uncertain','interrupted')),
        detail_json      TEXT,
        UNIQUE (outbox_id, number)
      );

      CREATE TABLE drafts (
        id               TEXT PRIMARY KEY,
        account_id       TEXT,
        identity_id      TEXT,
        draft_json       TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX drafts_by_updated ON drafts (updated_at DESC);
    `);
  },
};
