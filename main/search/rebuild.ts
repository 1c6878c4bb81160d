import type { WritableDb } from '../store/driver';
import { SEARCH_COLUMNS, searchValues } from '../store/migrations/0007-search-index';

/**
 * Re-derives the whole index from the messages table in one transaction (readers keep the old
 * index until it commits), then merges FTS5's segments so queries read as few as possible.
 */
export function rebuildSearchIndex(db: WritableDb): { messages: number; ms: number } {
  const started = performance.now();
  const messages = db.transaction((tx) => {
    // Rows a sync held back for their body (migration 0014) are indexed as they stand, like the rest.
    tx.run('UPDATE messages SET search_pending = 0 WHERE search_pending = 1');
    tx.run(`INSERT INTO message_search (message_search) VALUES ('delete-all')`);
    const { changes } = tx.run(
      `INSERT INTO message_search (${SEARCH_COLUMNS}) SELECT ${searchValues('msg')} FROM messages msg`,
    );
    tx.run(`INSERT INTO message_search (message_search) VALUES ('optimize')`);
    return changes;
  });
  return { messages, ms: performance.now() - started };
}
