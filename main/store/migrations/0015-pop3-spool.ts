import type { Migration } from './types';

/**
 * A POP3 download appends each message's bytes to a spool file (main/sync/pop3/spool.ts) and
 * commits only its UIDL row, naming the file and offset; the parse that lists the message moves
 * the bytes into `raw_messages` and clears both columns. Inserting 29 MB of small blobs into
 * SQLite cost more CPU than reading them off the socket (bench:pop3), on a machine where the
 * server needs the other core: appending them to a file costs a tenth of that.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'pop3-spool',
  up(db) {
    db.exec(`
      ALTER TABLE pop3_messages ADD COLUMN spool TEXT;
      ALTER TABLE pop3_messages ADD COLUMN spool_offset INTEGER;
    `);
  },
};
