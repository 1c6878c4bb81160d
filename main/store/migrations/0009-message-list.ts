import type { Migration } from './types';

/** The sender a list sorts by: the display name, else the address; case-insensitive. */
export const SENDER_KEY = `lower(coalesce(nullif(from_name, ''), from_address, ''))`;
/** A message's conversation: its thread key (main/sync/thread-key.ts), else the message alone. */
export const THREAD_KEY = `coalesce(thread_id, 'msg:' || id)`;

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

      CREATE TRIGGER threads_after_insert AFTER INSERT ON messages BEGIN
        ${refreshThread('NEW.mailbox_id', `coalesce(NEW.thread_id, 'msg:' || NEW.id)`)}
      END;
      CREATE TRIGGER threads_after_delete AFTER DELETE ON messages BEGIN
        ${refreshThread('OLD.mailbox_id', `coalesce(OLD.thread_id, 'msg:' || OLD.id)`)}
      END;
      CREATE TRIGGER threads_after_update
        AFTER UPDATE OF mailbox_id, thread_id, date, unread, flagged, has_attachments, subject, from_name, from_address
        ON messages BEGIN
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
