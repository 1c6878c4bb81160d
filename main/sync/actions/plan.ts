import type { MessageFlag } from '../../../shared/model/message-actions';

/** The wire spelling of the flags the UI toggles. */
export const IMAP_FLAG: Record<MessageFlag, string> = {
  seen: '\\Seen',
  flagged: '\\Flagged',
  answered: '\\Answered',
};

/** A flag set after adding and removing, sorted like storedFlags so equal sets compare equal. */
export function applyFlagChange(
  current: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): string[] {
  const lower = (flag: string): string => flag.toLowerCase();
  const removed = new Set(remove.map(lower));
  const kept = current.filter((flag) => !removed.has(lower(flag)));
  const present = new Set(kept.map(lower));
  for (const flag of add) if (!removed.has(lower(flag)) && !present.has(lower(flag))) kept.push(flag);
  return kept.sort();
}

/** What delete means for a message: to Trash, or gone for good when it is already there. */
export function deleteTarget(
  sourceSpecialUse: string | null,
  trashId: string | null,
): { kind: 'expunge' } | { kind: 'move'; toMailboxId: string } | { kind: 'no_trash' } {
  if (sourceSpecialUse === 'trash') return { kind: 'expunge' };
  return trashId === null ? { kind: 'no_trash' } : { kind: 'move', toMailboxId: trashId };
}

/** Rows grouped by a key, keeping first-seen order (one action per source folder). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface ServerFlagState {
  uid: number;
  modseq: string | null;
}

/**
 * Which UIDs still get our STORE and with which UNCHANGEDSINCE. A UID whose server MODSEQ is
 * above the one we knew was changed by someone else since: the server wins and it is skipped.
 * The rest are grouped by MODSEQ because UNCHANGEDSINCE takes one value per command. Without a
 * known MODSEQ (no CONDSTORE) everything is stored unconditionally (key null).
 */
export function planFlagStore(
  known: ReadonlyMap<number, string | null>,
  server: readonly ServerFlagState[],
): { conflicted: number[]; stores: Map<string | null, number[]> } {
  const conflicted: number[] = [];
  const stores = new Map<string | null, number[]>();
  for (const { uid, modseq } of server) {
    const mine = known.get(uid) ?? null;
    if (mine !== null && modseq !== null && BigInt(modseq) > BigInt(mine)) {
      conflicted.push(uid);
      continue;
    }
    const key = mine !== null && modseq !== null ? mine : null;
    const group = stores.get(key);
    if (group) group.push(uid);
    else stores.set(key, [uid]);
  }
  return { conflicted, stores };
}

/**
 * A NO/BAD answer is the server refusing this action (a folder that no longer exists, a flag it
 * does not take): retrying will not help, so it is dropped. Anything else while the connection
 * is gone is transient and the action waits for the next pass.
 */
export function isPermanentFailure(error: unknown, connectionUsable: boolean): boolean {
  if (!connectionUsable) return false;
  const status =
    typeof error === 'object' && error !== null ? (error as { responseStatus?: unknown }).responseStatus : undefined;
  return status === 'NO' || status === 'BAD';
}
