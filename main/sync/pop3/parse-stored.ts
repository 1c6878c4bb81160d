import { applyFullParse, type ParsedForStore } from './store';
import { issueOf } from './issues';
import type { Pop3SyncDeps, Pop3SyncOptions, Pop3SyncResult } from './sync';

/** Parses in flight at once: enough to keep every parser worker busy, few enough to bound memory. */
const IN_FLIGHT = 64;
/** Results committed per transaction. */
const COMMIT_EVERY = 256;

interface Unparsed {
  id: string;
  raw_hash: string | null;
  received_at: string | null;
  date: string;
}

/**
 * Phase 2 of a POP3 check: parses the bodies of messages whose raw bytes and envelope phase 1
 * committed (`needs_parse`), newest first, in the worker pool, and fills in snippet, body text,
 * attachments and threading keys (the full parse is authoritative for the envelope too). Also
 * picks up rows a crashed or aborted run left unparsed. Stops early on abort; what is left waits
 * for the next run.
 */
export async function parseStored(
  deps: Pop3SyncDeps,
  accountId: string,
  result: Pop3SyncResult,
  progress: NonNullable<Pop3SyncOptions['onProgress']>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const rows = deps.db.all<Unparsed>(
    'SELECT id, raw_hash, received_at, date FROM messages WHERE account_id = ? AND needs_parse = 1 ORDER BY date DESC',
    [accountId],
  );
  if (rows.length === 0) return;
  progress({ phase: 'parse', done: 0, total: rows.length });
  const done: { row: Unparsed; parsed: ParsedForStore | null }[] = [];
  const commit = (): void => {
    const batch = done.splice(0);
    deps.db.transaction((tx) => {
      for (const { row, parsed } of batch) {
        // Bytes that cannot be read are reported below and not retried every run.
        if (parsed) applyFullParse(tx, row.id, row.received_at ?? row.date, parsed);
        else tx.run('UPDATE messages SET needs_parse = 0 WHERE id = ?', [row.id]);
      }
    });
    result.parsed += batch.length;
    progress({ phase: 'parse', done: result.parsed, total: rows.length });
  };

  const working = new Set<Promise<void>>();
  const state: { failure: { error: unknown } | null } = { failure: null };
  for (const row of rows) {
    if (signal?.aborted || state.failure) break;
    const task = parseOne(deps, row, result)
      .then((parsed) => {
        done.push({ row, parsed });
        if (done.length >= COMMIT_EVERY) commit();
      })
      // A closed or broken parser pool, or the store failing: stop; the rest waits for next time.
      .catch((error: unknown) => void (state.failure ??= { error }));
    working.add(task);
    void task.finally(() => working.delete(task));
    while (working.size >= IN_FLIGHT) await Promise.race(working);
  }
  await Promise.all(working);
  try {
    commit(); // what was parsed before a failure is kept
  } catch (error) {
    state.failure ??= { error };
  }
  if (state.failure) throw state.failure.error;
}

async function parseOne(deps: Pop3SyncDeps, row: Unparsed, result: Pop3SyncResult): Promise<ParsedForStore | null> {
  const bytes = row.raw_hash === null ? null : await deps.raw.get(row.raw_hash);
  if (!bytes) {
    result.errors.push(issueOf(new Error(`The stored bytes of message ${row.id} are missing`), 'store'));
    return null;
  }
  // The bytes are not needed after this: the parser may take them without a copy.
  return deps.parser.parse(bytes);
}
