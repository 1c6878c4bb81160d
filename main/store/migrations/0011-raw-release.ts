import type { Migration } from './types';

/** Bytes `hash` names that nothing needs any more: no message row, no POP3 download waiting to be listed. */
function unreferenced(hash: string): string {
  return `NOT EXISTS (SELECT 1 FROM messages WHERE raw_hash = ${hash})
      AND NOT EXISTS (SELECT 1 FROM pop3_messages WHERE pending = 1 AND raw_hash = ${hash})`;
}

/**
 * Raw bytes go when the last message that points at them goes. Until now an expunged, deleted or
 * rebuilt message left its bytes in `raw_messages` for good, so the store only grew. Triggers,
 * like the search index's (0007): every path that removes or re-points a row (expunge, delete from
 * Trash, a UIDVALIDITY rebuild, removing an account, a mailbox's cascade) frees the bytes in its
 * own transaction, and none can forget to. The same bytes under two rows (a copy in another
 * folder) stay until both are gone; a POP3 download still waiting to be parsed (pending) keeps
 * its bytes too. SQLite reuses the freed pages for new mail; the file itself does not shrink.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'raw-release',
  up(db) {
    db.exec(`
      CREATE INDEX messages_by_raw_hash ON messages (raw_hash) WHERE raw_hash IS NOT NULL;

      CREATE TRIGGER messages_raw_release_delete AFTER DELETE ON messages
        WHEN OLD.raw_hash IS NOT NULL BEGIN
        DELETE FROM raw_messages WHERE hash = OLD.raw_hash AND ${unreferenced('OLD.raw_hash')};
      END;
      CREATE TRIGGER messages_raw_release_update AFTER UPDATE OF raw_hash ON messages
        WHEN OLD.raw_hash IS NOT NULL AND OLD.raw_hash IS NOT NEW.raw_hash BEGIN
        DELETE FROM raw_messages WHERE hash = OLD.raw_hash AND ${unreferenced('OLD.raw_hash')};
      END;

      -- What earlier versions left behind.
      DELETE FROM raw_messages
       WHERE hash NOT IN (SELECT raw_hash FROM messages WHERE raw_hash IS NOT NULL)
         AND hash NOT IN (SELECT raw_hash FROM pop3_messages WHERE pending = 1 AND raw_hash IS NOT NULL);
    `);
  },
};
