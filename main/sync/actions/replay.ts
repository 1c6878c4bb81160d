import type { ImapFlow } from 'imapflow';
import type { WritableDb } from '../../store/driver';
import { flagColumns, modseqText, storedFlags } from '../message-rows';
import { toUidSet } from '../uid-set';
import { isPermanentFailure, planFlagStore } from './plan';
import {
  countPending,
  enqueueAction,
  pendingActions,
  recordAttempt,
  removeAction,
  type MovedRow,
  type PendingAction,
} from './queue';

export interface ReplayDeps {
  db: WritableDb;
  client: ImapFlow;
  /** CONDSTORE enabled on this connection: flag stores carry UNCHANGEDSINCE. */
  condstore: boolean;
  notice(accountId: string, message: string): void;
  mailboxChanged(accountId: string, mailboxId: string): void;
}

export interface ReplayResult {
  done: number;
  dropped: number;
  /** Still queued (a transient failure stopped the replay). */
  waiting: number;
}

// One replay per account at a time: the background replay after an action and the one at the
// start of a sync pass must not both send the same action.
const running = new WeakMap<WritableDb, Map<string, Promise<unknown>>>();

/** Replays the account's queue in order; resolves after any replay already running for it. */
export function replayPendingActions(deps: ReplayDeps, accountId: string): Promise<ReplayResult> {
  let perDb = running.get(deps.db);
  if (!perDb) running.set(deps.db, (perDb = new Map()));
  const before = perDb.get(accountId) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(() => replayAll(deps, accountId));
  perDb.set(accountId, next);
  void next
    .finally(() => {
      if (perDb.get(accountId) === next) perDb.delete(accountId);
    })
    .catch(() => undefined);
  return next;
}

async function replayAll(deps: ReplayDeps, accountId: string): Promise<ReplayResult> {
  const result: ReplayResult = { done: 0, dropped: 0, waiting: 0 };
  let last = 0;
  // Re-read until nothing newer is queued: a move may queue a follow-up flag change for the
  // destination (see replayMove), which then goes out in the same pass.
  for (;;) {
    const actions = pendingActions(deps.db, accountId).filter((a) => a.id > last);
    if (actions.length === 0) return result;
    for (const action of actions) {
      last = action.id;
      try {
        const outcome = await replayOne(deps, action);
        if (outcome === 'done') result.done += 1;
        else result.dropped += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isPermanentFailure(error, deps.client.usable)) {
          dropAction(deps, action, `the server refused it (${message})`);
          result.dropped += 1;
          continue;
        }
        // The connection is gone: this and every later action wait for the next pass, in order.
        recordAttempt(deps.db, action.id, message);
        result.waiting = countPending(deps.db, accountId);
        throw Object.assign(error instanceof Error ? error : new Error(message), { replay: result });
      }
    }
  }
}

interface Folder {
  path: string;
  accountId: string;
}

function folder(db: WritableDb, mailboxId: string): Folder | null {
  const row = db.get<{ path: string; account_id: string }>('SELECT path, account_id FROM mailboxes WHERE id = ?', [
    mailboxId,
  ]);
  return row ? { path: row.path, accountId: row.account_id } : null;
}

async function replayOne(deps: ReplayDeps, action: PendingAction): Promise<'done' | 'dropped'> {
  const source = folder(deps.db, action.mailboxId);
  if (!source) return dropAction(deps, action, 'its folder no longer exists');
  const box = await deps.client.mailboxOpen(source.path);
  if (Number(box.uidValidity) !== action.uidvalidity) {
    return dropAction(deps, action, `"${source.path}" was renumbered on the server (UIDVALIDITY changed)`);
  }
  // Idempotence: only UIDs still in the folder are acted on; one already moved or expunged (a
  // replay cut off after the server acted) counts as done.
  const found = await deps.client.search({ uid: toUidSet(action.uids) }, { uid: true });
  const present = Array.isArray(found) ? found.filter((uid) => action.uids.includes(uid)) : [];
  switch (action.kind) {
    case 'add_flags':
    case 'remove_flags':
      await replayFlags(deps, action, present);
      break;
    case 'move':
      return replayMove(deps, action, present);
    case 'expunge':
      if (present.length > 0 && !(await deps.client.messageDelete(toUidSet(present), { uid: true }))) {
        failedCommand(deps.client, 'UID EXPUNGE');
      }
      deps.db.transaction((tx) => removeAction(tx, action.id));
      break;
  }
  return 'done';
}

/** imapflow answers some commands with false instead of throwing; tell a NO from a lost line. */
function failedCommand(client: ImapFlow, command: string): never {
  const error = new Error(`${command} failed`);
  throw client.usable ? Object.assign(error, { responseStatus: 'NO' }) : error;
}

async function replayFlags(deps: ReplayDeps, action: PendingAction, present: number[]): Promise<void> {
  const { db, client } = deps;
  const flags = action.payload.flags ?? [];
  const known = new Map(
    db
      .all<{ uid: number; modseq: string | null }>(
        `SELECT uid, modseq FROM messages WHERE mailbox_id = ? AND uid IN (SELECT value FROM json_each(?))`,
        [action.mailboxId, JSON.stringify(present)],
      )
      .map((r) => [r.uid, r.modseq] as const),
  );
  let changedLocally = false;
  if (present.length > 0) {
    const query = { uid: true, flags: true, ...(deps.condstore ? { modseq: true } : {}) };
    const before = await client.fetchAll(toUidSet(present), query, { uid: true });
    const plan = planFlagStore(
      known,
      before.map((m) => ({ uid: m.uid, modseq: deps.condstore ? modseqText(m.modseq) : null })),
    );
    for (const [modseq, uids] of plan.stores) {
      const options = { uid: true, ...(modseq === null ? {} : { unchangedSince: BigInt(modseq) }) };
      const ok =
        action.kind === 'add_flags'
          ? await client.messageFlagsAdd(toUidSet(uids), flags, options)
          : await client.messageFlagsRemove(toUidSet(uids), flags, options);
      if (!ok && !client.usable) failedCommand(client, 'UID STORE');
    }
    // The server's flags afterwards are the truth: ours where the store applied, theirs where it
    // changed meanwhile (skipped above, or refused with MODIFIED in the race after our FETCH).
    const after = await client.fetchAll(toUidSet(present), query, { uid: true });
    db.transaction((tx) => {
      for (const m of after) {
        if (writeServerFlags(tx, action.mailboxId, m.uid, [...(m.flags ?? [])], modseqText(m.modseq))) {
          changedLocally = true;
        }
      }
      removeAction(tx, action.id);
    });
  } else {
    db.transaction((tx) => removeAction(tx, action.id));
  }
  if (changedLocally) deps.mailboxChanged(action.accountId, action.mailboxId);
}

async function replayMove(deps: ReplayDeps, action: PendingAction, present: number[]): Promise<'done' | 'dropped'> {
  const toMailboxId = action.payload.toMailboxId ?? '';
  const destination = folder(deps.db, toMailboxId);
  if (!destination) return dropAction(deps, action, 'its destination folder no longer exists');
  let uidMap = new Map<number, number>();
  let copyUidvalidity: number | null = null;
  if (present.length > 0) {
    // imapflow uses MOVE where offered, else COPY + STORE \Deleted + UID EXPUNGE (UIDPLUS).
    const moved = await deps.client.messageMove(toUidSet(present), destination.path, { uid: true });
    if (moved === false) failedCommand(deps.client, `MOVE to "${destination.path}"`);
    uidMap = moved.uidMap ?? new Map();
    copyUidvalidity = moved.uidValidity === undefined ? null : Number(moved.uidValidity);
  }
  deps.db.transaction((tx) => {
    for (const row of action.payload.rows ?? []) {
      const uid = uidMap.get(row.uid);
      if (uid === undefined || copyUidvalidity === null) {
        // No COPYUID, or moved by an earlier cut-off replay: the destination's sync brings the
        // message in under its real UID, so the provisional row must go to avoid a duplicate.
        tx.run('DELETE FROM messages WHERE id = ? AND uid IS NULL', [row.id]);
        continue;
      }
      queueFollowUp(tx, action, toMailboxId, copyUidvalidity, row, uid);
    }
    removeAction(tx, action.id);
  });
  deps.mailboxChanged(action.accountId, toMailboxId);
  return 'done';
}

/**
 * Drops an action the server will never take and says so. A dropped move's rows go back to the
 * source folder under their old UIDs, so the list matches the server again (for a renumbered
 * folder the reseed then replaces them).
 */
function dropAction(deps: ReplayDeps, action: PendingAction, why: string): 'dropped' {
  deps.db.transaction((tx) => {
    if (action.kind === 'move') {
      for (const row of action.payload.rows ?? []) {
        // A sync that met the message in the source meanwhile already has it back.
        tx.run(
          'DELETE FROM messages WHERE id = ? AND uid IS NULL AND EXISTS (SELECT 1 FROM messages WHERE mailbox_id = ? AND uid = ?)',
          [row.id, action.mailboxId, row.uid],
        );
        tx.run('UPDATE messages SET mailbox_id = ?, uid = ? WHERE id = ? AND uid IS NULL', [
          action.mailboxId,
          row.uid,
          row.id,
        ]);
      }
    }
    removeAction(tx, action.id);
  });
  if (action.kind === 'move' && action.payload.toMailboxId)
    deps.mailboxChanged(action.accountId, action.payload.toMailboxId);
  deps.mailboxChanged(action.accountId, action.mailboxId);
  deps.notice(action.accountId, `A queued ${describe(action)} was not applied on the server: ${why}.`);
  return 'dropped';
}

function describe(action: PendingAction): string {
  const n = action.uids.length;
  const what = n === 1 ? 'message' : `${n} messages`;
  switch (action.kind) {
    case 'add_flags':
    case 'remove_flags':
      return `flag change on ${what}`;
    case 'move':
      return `move of ${what}`;
    case 'expunge':
      return `deletion of ${what}`;
  }
}

/**
 * Like sync's updateFlags, but the MODSEQ is written even when the flags already match: our own
 * STORE moved it, and a stale MODSEQ would make the next queued change look like a conflict.
 * Returns whether the flags differed (the server won somewhere).
 */
function writeServerFlags(
  tx: WritableDb,
  mailboxId: string,
  uid: number,
  flags: readonly string[],
  modseq: string | null,
): boolean {
  const json = JSON.stringify(storedFlags(flags));
  const before = tx.get<{ flags: string }>('SELECT flags FROM messages WHERE mailbox_id = ? AND uid = ?', [
    mailboxId,
    uid,
  ]);
  const { unread, flagged } = flagColumns(flags);
  tx.run(
    `UPDATE messages SET flags = ?, unread = ?, flagged = ?, modseq = COALESCE(?, modseq)
      WHERE mailbox_id = ? AND uid = ?`,
    [json, unread, flagged, modseq, mailboxId, uid],
  );
  return before !== undefined && before.flags !== json;
}

/**
 * While a moved row had no UID nothing could be queued for it; now it has one, so whatever the
 * user did meanwhile goes out as ordinary actions against the destination: flags that differ
 * from those it was moved with, a further move (it is elsewhere now), or an expunge (it is gone).
 */
function queueFollowUp(
  tx: WritableDb,
  action: PendingAction,
  toMailboxId: string,
  uidvalidity: number,
  row: MovedRow,
  uid: number,
): void {
  const base = { accountId: action.accountId, mailboxId: toMailboxId, uidvalidity, uids: [uid] };
  const current = tx.get<{ flags: string; mailbox_id: string; uid: number | null }>(
    'SELECT flags, mailbox_id, uid FROM messages WHERE id = ?',
    [row.id],
  );
  if (!current) {
    enqueueAction(tx, { ...base, kind: 'expunge', payload: {} });
    return;
  }
  if (current.uid !== null) return; // already settled (a replay of the same move ran)
  const now = JSON.parse(current.flags) as string[];
  if (current.mailbox_id !== toMailboxId) {
    const rows = [{ id: row.id, uid, ...(row.flags ? { flags: row.flags } : {}) }];
    enqueueAction(tx, { ...base, kind: 'move', payload: { toMailboxId: current.mailbox_id, rows } });
    return;
  }
  // A sync of the destination may have met the message first: its row yields to ours.
  tx.run('DELETE FROM messages WHERE mailbox_id = ? AND uid = ? AND id <> ?', [toMailboxId, uid, row.id]);
  tx.run('UPDATE messages SET uid = ? WHERE id = ?', [uid, row.id]);
  if (!row.flags) return;
  const lower = (list: readonly string[]): Set<string> => new Set(list.map((f) => f.toLowerCase()));
  const was = lower(row.flags);
  const is = lower(now);
  const add = now.filter((f) => !was.has(f.toLowerCase()));
  const remove = row.flags.filter((f) => !is.has(f.toLowerCase()));
  if (add.length > 0) enqueueAction(tx, { ...base, kind: 'add_flags', payload: { flags: add } });
  if (remove.length > 0) enqueueAction(tx, { ...base, kind: 'remove_flags', payload: { flags: remove } });
}
