import type { Pop3Options } from '../../../shared/model/account';

/** A message on the server in this session: number (this session only), stable key, size. */
export interface ServerMessage {
  number: number;
  uidl: string;
  size: number;
}

/** What `pop3_messages` says about a key. */
export interface KnownMessage {
  uidl: string;
  /** Null once the local copy was deleted here, and while it is `pending`. */
  messageId: string | null;
  /** Downloaded, its message row not written yet (that comes with the parse). */
  pending: boolean;
  retrievedAt: string;
  deletedFromServerAt: string | null;
}

export interface RetrievalPlan {
  /** Newest first (highest message number first): a long first download shows recent mail first. */
  fetch: ServerMessage[];
  /** Over the size cap: not downloaded, reported. */
  tooLarge: ServerMessage[];
}

/** The UIDL diff: what the server has and the store has not committed. */
export function planRetrieval(
  server: readonly ServerMessage[],
  known: ReadonlyMap<string, KnownMessage>,
  maxBytes: number,
): RetrievalPlan {
  const fresh = server.filter((m) => !known.has(m.uidl)).sort((a, b) => b.number - a.number);
  return { fetch: fresh.filter((m) => m.size <= maxBytes), tooLarge: fresh.filter((m) => m.size > maxBytes) };
}

export type DeletionReason = 'not-left-on-server' | 'older-than-days' | 'deleted-here';

/**
 * Whether `options` can ever delete from the server. When not (leave on server, the default, with
 * neither a day limit nor delete-when-deleted-here), a check skips planning deletions: that reads
 * the state of every message ever downloaded, tens of milliseconds on a large mailbox.
 */
export function policyMayDelete(options: Pop3Options): boolean {
  return !options.leaveOnServer || options.deleteWhenDeletedHere || options.deleteAfterDays !== null;
}

/**
 * Which server messages to DELE. Only keys with a committed `pop3_messages` row qualify, so a
 * message is never deleted from the server before it is safely stored here.
 */
export function planDeletions(
  options: Pop3Options,
  server: readonly ServerMessage[],
  known: ReadonlyMap<string, KnownMessage>,
  now: Date,
): { message: ServerMessage; reason: DeletionReason }[] {
  const cutoff = options.deleteAfterDays === null ? null : now.getTime() - options.deleteAfterDays * 86_400_000;
  const plan: { message: ServerMessage; reason: DeletionReason }[] = [];
  for (const message of server) {
    const row = known.get(message.uidl);
    if (!row) continue;
    const reason: DeletionReason | null = !options.leaveOnServer
      ? 'not-left-on-server'
      : options.deleteWhenDeletedHere && row.messageId === null && !row.pending
        ? 'deleted-here'
        : cutoff !== null && Date.parse(row.retrievedAt) <= cutoff
          ? 'older-than-days'
          : null;
    if (reason) plan.push({ message, reason });
  }
  return plan.sort((a, b) => a.message.number - b.message.number);
}

/** Joins LIST and UIDL by message number; a number missing from either is left out. */
export function joinListing(
  list: readonly { number: number; size: number }[],
  keys: readonly { number: number; uidl: string }[],
): ServerMessage[] {
  const sizes = new Map(list.map((entry) => [entry.number, entry.size]));
  return keys.flatMap((key) => {
    const size = sizes.get(key.number);
    return size === undefined ? [] : [{ number: key.number, uidl: key.uidl, size }];
  });
}
