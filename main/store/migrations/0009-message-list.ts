import type { Migration } from './types';

/** The sender a list sorts by: the display name, else the address; case-insensitive. */
export const SENDER_KEY = `lower(coalesce(nullif(from_name, ''), from_address, ''))`;
/** A message's conversation: its thread key (main/sync/thread-key.ts), else the message alone. */
export const THREAD_KEY = `coalesce(thread_id, 'msg:' || id)`;

/** Only flags changed: the row stays in the same conversation, in the same place within it. */
const SAME_PLACE = `NEW.mailbox_id = OLD.mailbox_id AND NEW.thread_id IS OLD.thread_id AND NEW.date = OLD.date
  AND NEW.subject = OLD.subject AND NEW.from_name IS OLD.from_name AND NEW.from_address IS OLD.from_address`;

/** Recomputes one conversation row of `threads` from its messages (few: a thread is small). */
function refreshThread(mailbox: string, key: string): string {
  return `
    DELETE FROM threads WHERE mailbox_id = ${mailbox} AND thread_key = ${key};
    INSERT INTO threads (mailbox_id, thread_key, message_count, unread_count, flagged_count, attachment_count,
                         latest_id, latest_date, sender_key, subject)
      SELECT m.mailbox_id, ${key}, agg.n, agg.unread, agg.flagged, agg.attached,
             m.id, m.date, lower(coalesce(nullif(m.from_name, ''), m.from_address, '')), m.subject
        FROM (SELECT count(*) AS n, sum(unread) AS unread, sum(flagged) AS flagged, sum(has_attachments) AS attached
                FROM messages WHERE mailbox_id = ${mailbox} AND ${THREAD_KEY} = ${key}) agg
        JOIN messages m ON m.id = (SELECT id FROM messages WHERE mailbox_id = ${mailbox} AND ${THREAD_KEY} = ${key}
                                    ORDER BY date DESC, id DESC LIMIT 1)
       WHERE agg.n > 0;`;
}

/**
 * What the message list needs to stay fast at 100,000 messages: an index per sort order (sender,
 * subject; date exists since 0001), a date index across folders for the unified views, and one
 * row per conversation per folder kept by triggers, so the conversation view pages through an
 * index instead of grouping every message on every page.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'message-list',
  up(db) {
    db.exec(`
      CREATE INDEX messages_by_mailbox_sender ON messages (mailbox_id, ${SENDER_KEY}, date DESC, id DESC);
      CREATE INDEX messages_by_mailbox_subject ON messages (mailbox_id, subject COLLATE NOCASE, date DESC, id DESC);
      -- messages_by_date (across folders, for the unified views) comes with the search index (0007).
      CREATE INDEX messages_by_mailbox_thread ON messages (mailbox_id, ${THREAD_KEY}, date DESC, id DESC);

      CREATE TABLE threads (
        mailbox_id        TEXT NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        thread_key        TEXT NOT NULL,
        message_count     INTEGER NOT NULL,
        unread_count      INTEGER NOT NULL,
        flagged_count     INTEGER NOT NULL,
        attachment_count  INTEGER NOT NULL,
        latest_id         TEXT NOT NULL,
        latest_date       TEXT NOT NULL,
        sender_key        TEXT NOT NULL,
        subject           TEXT NOT NULL,
        PRIMARY KEY (mailbox_id, thread_key)
      ) WITHOUT ROWID;
      CREATE INDEX threads_by_date ON threads (mailbox_id, latest_date DESC, latest_id DESC);
      CREATE INDEX threads_by_sender ON threads (mailbox_id, sender_key, latest_date DESC, latest_id DESC);
      CREATE INDEX threads_by_subject ON threads (mailbox_id, subject COLLATE NOCASE, latest_date DESC, latest_id DESC);

      -- Sync inserts in bulk: a new message is added to its conversation row in one upsert.
      CREATE TRIGGER threads_after_insert AFTER INSERT ON messages BEGIN
        INSERT INTO threads (mailbox_id, thread_key, message_count, unread_count, flagged_count, attachment_count,
                             latest_id, latest_date, sender_key, subject)
        VALUES (NEW.mailbox_id, coalesce(NEW.thread_id, 'msg:' || NEW.id), 1, NEW.unread, NEW.flagged,
                NEW.has_attachments, NEW.id, NEW.date,
                lower(coalesce(nullif(NEW.from_name, ''), NEW.from_address, '')), NEW.subject)
        ON CONFLICT (mailbox_id, thread_key) DO UPDATE SET
          message_count = message_count + 1,
          unread_count = unread_count + excluded.unread_count,
          flagged_count = flagged_count + excluded.flagged_count,
          attachment_count = attachment_count + excluded.attachment_count,
          latest_id = CASE WHEN (excluded.latest_date, excluded.latest_id) > (latest_date, latest_id)
                           THEN excluded.latest_id ELSE latest_id END,
          latest_date = CASE WHEN (excluded.latest_date, excluded.latest_id) > (latest_date, latest_id)
                             THEN excluded.latest_date ELSE latest_date END,
          sender_key = CASE WHEN (excluded.latest_date, excluded.latest_id) > (latest_date, latest_id)
                            THEN excluded.sender_key ELSE sender_key END,
          subject = CASE WHEN (excluded.latest_date, excluded.latest_id) > (latest_date, latest_id)
                         THEN excluded.subject ELSE subject END;
      END;
      CREATE TRIGGER threads_after_delete AFTER DELETE ON messages BEGIN
        ${refreshThread('OLD.mailbox_id', `coalesce(OLD.thread_id, 'msg:' || OLD.id)`)}
      END;
      -- Read, flagged: only counts change (marking 5,000 messages read stays cheap).
      CREATE TRIGGER threads_after_flags AFTER UPDATE OF unread, flagged, has_attachments ON messages
        WHEN ${SAME_PLACE} BEGIN
        UPDATE threads SET unread_count = unread_count + NEW.unread - OLD.unread,
                           flagged_count = flagged_count + NEW.flagged - OLD.flagged,
                           attachment_count = attachment_count + NEW.has_attachments - OLD.has_attachments
         WHERE mailbox_id = NEW.mailbox_id AND thread_key = coalesce(NEW.thread_id, 'msg:' || NEW.id);
      END;
      -- Moved, re-threaded or re-dated: both conversations are recomputed.
      CREATE TRIGGER threads_after_update
        AFTER UPDATE OF mailbox_id, thread_id, date, unread, flagged, has_attachments, subject, from_name, from_address
        ON messages WHEN NOT (${SAME_PLACE}) BEGIN
        ${refreshThread('OLD.mailbox_id', `coalesce(OLD.thread_id, 'msg:' || OLD.id)`)}
        ${refreshThread('NEW.mailbox_id', `coalesce(NEW.thread_id, 'msg:' || NEW.id)`)}
      END;
    `);
    // Existing mail gets its conversation rows once, in one grouped pass.
    db.exec(`
      INSERT INTO threads (mailbox_id, thread_key, message_count, unread_count, flagged_count, attachment_count,
                           latest_id, latest_date, sender_key, subject)
        SELECT g.mailbox_id, g.thread_key, g.n, g.unread, g.flagged, g.attached,
               m.id, m.date, lower(coalesce(nullif(m.from_name, ''), m.from_address, '')), m.subject
          FROM (SELECT mailbox_id, ${THREAD_KEY} AS thread_key, count(*) AS n, sum(unread) AS unread,
                       sum(flagged) AS flagged, sum(has_attachments) AS attached
                  FROM messages GROUP BY mailbox_id, ${THREAD_KEY}) g
          JOIN messages m ON m.id = (SELECT id FROM messages WHERE mailbox_id = g.mailbox_id
                                       AND ${THREAD_KEY} = g.thread_key ORDER BY date DESC, id DESC LIMIT 1);
    `);
  },
};
