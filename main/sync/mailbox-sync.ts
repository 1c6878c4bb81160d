import { setImmediate } from 'node:timers/promises';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { SyncStrategy } from '../../shared/model/sync';
import type { WritableDb } from '../store/driver';
import { readFolderState, resetFolder, saveFolderState, type SavedFolderState } from './folder-state';
import { HEADER_FIELDS, toHeaderRow } from './header-row';
import { deleteUids, localUids, modseqText, updateFlags } from './message-rows';
import { planFolderSync } from './plan';
import type { SearchDeferral } from './search-pending';
import { newestFirstBatches, toUidSet } from './uid-set';
import { inlineWriter, type SyncWriter } from './writer/writes';

export const HEADER_BATCH = 50;
/**
 * Messages per header FETCH. imapflow has one command in flight, so each FETCH costs a round
 * trip of idle link: 10,000 headers in FETCHes of 50 spent 200 of them, 6 s on a 30 ms link. An
 * answer is read as it is written (in batches of HEADER_BATCH), so a larger FETCH costs no memory;
 * it only coarsens "newest first" to this many at a time.
 */
export const HEADER_FETCH_SIZE = 500;
/**
 * Header batches handed to the writer and not yet committed, at most: the answer is read on while
 * they are written, and a writer that falls behind commits several in one transaction.
 */
const WRITES_AHEAD = 4;

export interface MailboxSyncInput {
  db: WritableDb;
  client: ImapFlow;
  accountId: string;
  mailboxId: string;
  path: string;
  condstore: boolean;
  qresync: boolean;
  serverThreads: boolean;
  /** Where header rows are written; default: on this thread, through `db`. */
  writer?: SyncWriter;
  /**
   * New rows this pass downloads the body of enter the search index with it; the caller releases
   * what is left held at the end of its pass (search-pending.ts). None: indexed as inserted.
   */
  searchDeferral?: SearchDeferral | null;
  /** Awaited between batches (a test can act on the server there). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Told when a UIDVALIDITY change threw the cache away. */
  onReseed?: (dropped: { messages: number; actions: number }) => void;
}

export interface MailboxSyncResult {
  strategy: SyncStrategy;
  added: number;
  updated: number;
  removed: number;
  total: number;
}

/**
 * One folder's headers and flags, DESIGN §5 order (see planFolderSync). Every write happens in a
 * transaction; the folder's UIDNEXT/HIGHESTMODSEQ are saved only in the transaction of the last
 * batch, so an interruption leaves the old state with some rows already in place, and the next
 * pass redoes the same work idempotently (rows upsert by UID).
 */
export async function syncMailboxHeaders(input: MailboxSyncInput): Promise<MailboxSyncResult> {
  const { db, client, mailboxId } = input;
  const stored = readFolderState(db, mailboxId);
  const vanished: number[] = [];
  const onExpunge = (event: { path: string; uid?: number | undefined; vanished: boolean }): void => {
    if (event.vanished && event.uid !== undefined && event.path === input.path) vanished.push(event.uid);
  };
  client.on('expunge', onExpunge);
  try {
    // With QRESYNC the SELECT itself reports UIDs expunged since our MODSEQ (VANISHED (EARLIER)).
    const resync =
      input.qresync && stored.uidvalidity !== null && stored.highestmodseq !== null
        ? { changedSince: stored.highestmodseq, uidValidity: stored.uidvalidity }
        : {};
    const box = await client.mailboxOpen(input.path, { readOnly: true, ...resync });
    const server = {
      uidvalidity: Number(box.uidValidity),
      uidnext: box.uidNext,
      highestmodseq: box.noModseq ? null : modseqText(box.highestModseq),
      exists: box.exists,
      condstore: input.condstore && !box.noModseq,
    };
    const strategy = planFolderSync(stored, server);
    const state: SavedFolderState = {
      uidvalidity: server.uidvalidity,
      uidnext: server.uidnext,
      highestmodseq: server.highestmodseq,
      messageCount: server.exists,
    };
    const result: MailboxSyncResult = { strategy, added: 0, updated: 0, removed: 0, total: server.exists };
    if (strategy === 'unchanged') {
      db.transaction((tx) => saveFolderState(tx, mailboxId, state));
      return result;
    }
    if (strategy === 'reseed') {
      // Recording the UIDVALIDITY first (with no UIDNEXT) makes an interrupted first sync resume
      // as a full diff of rows known to belong to it, instead of starting over.
      const dropped = db.transaction((tx) => resetFolder(tx, mailboxId, server.uidvalidity));
      if (stored.uidvalidity !== null) input.onReseed?.(dropped);
    }

    let wanted: Set<number>;
    if (strategy === 'condstore') {
      wanted = await applyChangedFlags(input, stored.highestmodseq ?? '0', stored.uidnext ?? 1, result);
    } else if (strategy === 'append') {
      const fresh = await client.fetchAll(`${stored.uidnext ?? 1}:*`, { uid: true }, { uid: true });
      wanted = new Set(fresh.map((m) => m.uid).filter((uid) => uid >= (stored.uidnext ?? 1)));
    } else if (strategy === 'reseed') {
      // Nothing is stored yet, so only the UIDs matter (flags come with the headers): one SEARCH
      // reply instead of a FETCH reply per message, which took ~300 ms of this thread at 10,000.
      const all = await client.search({ all: true }, { uid: true });
      wanted = new Set(Array.isArray(all) ? all : []);
    } else {
      wanted = await fullDiff(input, result);
    }

    await fetchHeaders(input, wanted, state, result);
    // VANISHED from SELECT (QRESYNC), or sent after a FETCH while another client expunged: a
    // FETCH may still have returned those messages (the server cannot expunge mid-command).
    result.removed += db.transaction((tx) => deleteUids(tx, mailboxId, vanished));
    // Neither CONDSTORE without QRESYNC nor a lost VANISHED tells us about every expunge; a
    // count mismatch does, and then one UID SEARCH settles which ones.
    if (strategy === 'condstore' || strategy === 'append') {
      const local = readFolderState(db, mailboxId).localCount;
      if (local !== server.exists) result.removed += await removeMissing(input);
    }
    return result;
  } finally {
    client.off('expunge', onExpunge);
  }
}

/** CONDSTORE: flags of everything changed since our MODSEQ; returns UIDs we do not have yet. */
async function applyChangedFlags(
  input: MailboxSyncInput,
  since: string,
  uidnext: number,
  result: MailboxSyncResult,
): Promise<Set<number>> {
  const changed = await input.client.fetchAll(
    '1:*',
    { uid: true, flags: true },
    { uid: true, changedSince: BigInt(since) },
  );
  const known = localUids(input.db, input.mailboxId);
  const wanted = new Set<number>();
  input.db.transaction((tx) => {
    for (const message of changed) {
      if (!known.has(message.uid)) {
        wanted.add(message.uid);
        continue;
      }
      if (updateFlags(tx, input.mailboxId, message.uid, [...(message.flags ?? [])], modseqText(message.modseq))) {
        result.updated += 1;
      }
    }
  });
  // New mail always has a MODSEQ above ours, but a UID at/after the old UIDNEXT is new regardless.
  for (const message of changed) if (message.uid >= uidnext && !known.has(message.uid)) wanted.add(message.uid);
  return wanted;
}

/** No usable shortcut: every UID and its flags, compared with the store. */
async function fullDiff(input: MailboxSyncInput, result: MailboxSyncResult): Promise<Set<number>> {
  const onServer = await input.client.fetchAll('1:*', { uid: true, flags: true }, { uid: true });
  const known = localUids(input.db, input.mailboxId);
  const serverUids = new Set(onServer.map((m) => m.uid));
  const wanted = new Set<number>();
  input.db.transaction((tx) => {
    result.removed += deleteUids(
      tx,
      input.mailboxId,
      [...known].filter((uid) => !serverUids.has(uid)),
    );
    for (const message of onServer) {
      if (!known.has(message.uid)) wanted.add(message.uid);
      else if (updateFlags(tx, input.mailboxId, message.uid, [...(message.flags ?? [])], modseqText(message.modseq)))
        result.updated += 1;
    }
  });
  return wanted;
}

async function removeMissing(input: MailboxSyncInput): Promise<number> {
  const found = await input.client.search({ all: true }, { uid: true });
  const onServer = new Set(Array.isArray(found) ? found : []);
  return input.db.transaction((tx) =>
    deleteUids(
      tx,
      input.mailboxId,
      [...localUids(tx, input.mailboxId)].filter((uid) => !onServer.has(uid)),
    ),
  );
}

/**
 * Newest first: one FETCH per HEADER_FETCH_SIZE messages (the newest first; within one, the
 * server answers in UID order), its answer read as it comes and written in batches of
 * HEADER_BATCH, in order (writes.ts). The folder state rides in the transaction of the very last
 * row, so until then an interrupted pass leaves the old state.
 */
async function fetchHeaders(
  input: MailboxSyncInput,
  wanted: Set<number>,
  state: SavedFolderState,
  result: MailboxSyncResult,
): Promise<void> {
  const fetches = newestFirstBatches(wanted, HEADER_FETCH_SIZE);
  const query = {
    uid: true,
    flags: true,
    size: true,
    internalDate: true,
    headers: HEADER_FIELDS,
    ...(input.serverThreads ? { threadId: true } : {}),
  };
  const writer = input.writer ?? inlineWriter(input.db);
  let done = 0;
  await input.onProgress?.(0, wanted.size);
  if (fetches.length === 0) {
    input.db.transaction((tx) => saveFolderState(tx, input.mailboxId, state));
    return;
  }
  const writing: Promise<void>[] = [];
  const write = async (messages: FetchMessageObject[], last: boolean, settled: number): Promise<void> => {
    // The folder's new state goes only after every batch before it committed: were one to fail
    // with the last still written, the next pass would take the folder as complete.
    if (last) await Promise.all(writing.splice(0));
    const written = writer.headers({
      accountId: input.accountId,
      mailboxId: input.mailboxId,
      rows: messages.map(toHeaderRow),
      state: last ? state : null,
      searchDeferral: input.searchDeferral ?? null,
    });
    written.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    writing.push(written);
    // Waiting here holds the rest of the answer back (TCP flow control) while the writer catches up.
    if (writing.length > WRITES_AHEAD) await writing.shift();
    result.added += messages.length;
    done += settled;
    await input.onProgress?.(done, wanted.size);
  };
  try {
    for (const [index, uids] of fetches.entries()) {
      const batch: FetchMessageObject[] = [];
      let received = 0;
      // A message expunged meanwhile is simply absent from the answer. When an answer breaks off,
      // its full batches are already written and the part of a batch not yet full is not: the
      // next pass fetches those with the rest.
      for await (const message of input.client.fetch(toUidSet(uids), query, { uid: true })) {
        batch.push(message);
        received += 1;
        if (batch.length >= HEADER_BATCH) {
          const full = batch.splice(0);
          await write(full, false, full.length);
          // An answer already received is read through promises alone, which would hold off
          // timers and I/O to the end of it: the event loop gets a turn after every batch.
          await setImmediate();
        }
      }
      const last = index === fetches.length - 1;
      // Messages the answer did not have (expunged) count as done with its last batch.
      const missing = uids.length - received;
      const rest = batch.splice(0);
      if (rest.length > 0 || last || missing > 0) await write(rest, last, rest.length + missing);
    }
  } finally {
    // Whatever ended the fetch, what was handed to the writer is written (or has failed) first.
    await Promise.allSettled(writing);
  }
  await Promise.all(writing);
}
