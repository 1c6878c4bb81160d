import { parseEnvelope } from '../../mail/mime/envelope';
import type { WritableDb } from '../../store/driver';
import { issueOf } from './issues';
import { spooledBytes, type SpooledBytes } from './spooled-bytes';
import {
  applyFullParse,
  forgetPending,
  insertParsed,
  pendingMessages,
  type ParsedForStore,
  type PendingMessage,
} from './store';
import type { Pop3SyncDeps, Pop3SyncOptions, Pop3SyncResult } from './sync';

/** Parses in flight at once: enough to keep every parser worker busy, few enough to bound memory. */
const IN_FLIGHT = 64;
/** Results committed per transaction, or what is parsed after COMMIT_AFTER_MS (the first rows show soon). */
const COMMIT_EVERY = 256;
const COMMIT_AFTER_MS = 100;
/** The list is told about new rows at most this often (each telling makes every window re-read it). */
const LISTED_EVERY_MS = 500;

/** A message to parse: downloaded and not listed yet, or listed from its header block alone. */
type Work =
  | { kind: 'pending'; pending: PendingMessage; rawHash: string | null }
  | { kind: 'listed'; id: string; receivedAt: string; rawHash: string | null };

interface Done {
  work: Work;
  /** Null: the stored bytes are missing. */
  parsed: ParsedForStore | null;
}

export interface ParseStoredInput {
  deps: Pop3SyncDeps;
  accountId: string;
  result: Pop3SyncResult;
  progress: NonNullable<Pop3SyncOptions['onProgress']>;
  onListed: (mailboxId: string) => void;
  signal: AbortSignal | undefined;
}

function workToDo(db: WritableDb, accountId: string): Work[] {
  const listed = db.all<{ id: string; raw_hash: string | null; received_at: string | null; date: string }>(
    'SELECT id, raw_hash, received_at, date FROM messages WHERE account_id = ? AND needs_parse = 1 ORDER BY date DESC',
    [accountId],
  );
  return [
    ...pendingMessages(db, accountId).map((pending): Work => ({ kind: 'pending', pending, rawHash: pending.rawHash })),
    ...listed.map((r): Work => ({
      kind: 'listed',
      id: r.id,
      receivedAt: r.received_at ?? r.date,
      rawHash: r.raw_hash,
    })),
  ];
}

/**
 * Phase 2 of a POP3 check: parses what phase 1 stored (newest first, in the worker pool) and
 * writes each message's row with every column at once, which lists it in the Inbox. Also picks
 * up what a crashed or aborted run left, and rows listed from their header block alone. Stops
 * early on abort; what is left waits for the next run. When the parser fails as a whole, the
 * messages left are still listed from their header blocks (parsed on the next run), so a broken
 * parser never hides mail.
 */
export async function parseStored(input: ParseStoredInput): Promise<void> {
  const { deps, accountId } = input;
  const work = workToDo(deps.db, accountId);
  if (work.length === 0) return;
  const spooled = spooledBytes(deps, accountId);
  try {
    await parseAll(input, work, spooled);
  } finally {
    await spooled.close();
  }
}

async function parseAll(input: ParseStoredInput, work: readonly Work[], spooled: SpooledBytes): Promise<void> {
  const { deps, accountId, result, progress } = input;
  progress({ phase: 'parse', done: 0, total: work.length });
  const target = { accountId, mailboxId: result.inboxId };
  const told = { at: Number.NEGATIVE_INFINITY, owed: false };
  const tell = (force: boolean): void => {
    if (!told.owed || (!force && performance.now() - told.at < LISTED_EVERY_MS)) return;
    told.at = performance.now();
    told.owed = false;
    input.onListed(result.inboxId);
  };
  const done: Done[] = [];
  const committed = new Set<Work>();
  const timer: { pending: NodeJS.Timeout | null } = { pending: null };
  const commit = (): void => {
    if (timer.pending) clearTimeout(timer.pending);
    timer.pending = null;
    if (done.length === 0) return;
    // Their bytes are in the store before any row lists them.
    spooled.flush();
    const batch = done.splice(0);
    deps.db.transaction((tx) => {
      for (const { work: item, parsed } of batch) write(tx, target, item, parsed);
    });
    for (const { work: item } of batch) committed.add(item);
    result.parsed += batch.length;
    told.owed = true;
    tell(false);
    progress({ phase: 'parse', done: result.parsed, total: work.length });
  };

  const working = new Set<Promise<void>>();
  const state: { failure: { error: unknown } | null } = { failure: null };
  for (const item of work) {
    if (input.signal?.aborted || state.failure) break;
    const task = parseOne(deps, spooled, item, result)
      .then((parsed) => {
        done.push({ work: item, parsed });
        if (done.length >= COMMIT_EVERY) commit();
        else
          timer.pending ??= setTimeout(() => {
            try {
              commit();
            } catch (error) {
              state.failure ??= { error };
            }
          }, COMMIT_AFTER_MS);
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
    if (state.failure && !input.signal?.aborted) {
      told.owed ||= await listFromHeaders(deps, spooled, target, work, committed);
    }
  } catch (error) {
    state.failure ??= { error };
  }
  tell(true);
  if (state.failure) throw state.failure.error;
}

function write(
  tx: WritableDb,
  target: { accountId: string; mailboxId: string },
  item: Work,
  parsed: ParsedForStore | null,
): void {
  if (item.kind === 'listed') {
    // Bytes that cannot be read were reported; the row stays as listed, not retried every run.
    if (parsed) applyFullParse(tx, item.id, item.receivedAt, parsed);
    else tx.run('UPDATE messages SET needs_parse = 0 WHERE id = ?', [item.id]);
    return;
  }
  if (parsed) insertParsed(tx, target, item.pending, parsed, false);
  else forgetPending(tx, target.accountId, item.pending.uidl);
}

/**
 * After the parser failed as a whole: the downloaded messages not listed yet get rows read from
 * their header block on this thread (cheap), marked for the full parse next run. True when any
 * row was written.
 */
async function listFromHeaders(
  deps: Pop3SyncDeps,
  spooled: SpooledBytes,
  target: { accountId: string; mailboxId: string },
  work: readonly Work[],
  committed: ReadonlySet<Work>,
): Promise<boolean> {
  const left = work.filter(
    (item): item is Extract<Work, { kind: 'pending' }> => item.kind === 'pending' && !committed.has(item),
  );
  const rows: { item: Extract<Work, { kind: 'pending' }>; parsed: ParsedForStore | null }[] = [];
  for (const item of left) {
    const bytes = await bytesOf(deps, spooled, item);
    rows.push({ item, parsed: bytes ? parseEnvelope(bytes) : null });
  }
  spooled.flush();
  deps.db.transaction((tx) => {
    for (const { item, parsed } of rows) {
      if (parsed) insertParsed(tx, target, item.pending, parsed, true);
      else write(tx, target, item, null);
    }
  });
  return rows.some((row) => row.parsed !== null);
}

/** A downloaded message's bytes from its spool file (staged to move into the store), else from the store. */
function bytesOf(deps: Pop3SyncDeps, spooled: SpooledBytes, item: Work): Promise<Buffer | null> {
  if (item.kind === 'pending' && item.pending.spool)
    return spooled.take({ ...item.pending, spool: item.pending.spool });
  return item.rawHash === null ? Promise.resolve(null) : deps.raw.get(item.rawHash);
}

async function parseOne(
  deps: Pop3SyncDeps,
  spooled: SpooledBytes,
  item: Work,
  result: Pop3SyncResult,
): Promise<ParsedForStore | null> {
  const bytes = await bytesOf(deps, spooled, item);
  if (!bytes) {
    const what =
      item.kind === 'pending'
        ? `The downloaded bytes of message ${item.pending.uidl} are missing or damaged; it will be downloaded again`
        : `The stored bytes of message ${item.id} are missing`;
    result.errors.push(issueOf(new Error(what), 'store', item.kind === 'pending' ? item.pending.uidl : null));
    return null;
  }
  // The parser may take the bytes it is given without a copy; spooled ones wait to be moved into
  // the store, so it gets a copy of those.
  const spooledHere = item.kind === 'pending' && item.pending.spool !== null;
  return deps.parser.parse(spooledHere ? new Uint8Array(bytes) : bytes);
}
