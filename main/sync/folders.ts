import { randomUUID } from 'node:crypto';
import type { ImapFlow, StatusObject } from 'imapflow';
import type { SpecialUse } from '../../shared/model/mailbox';
import type { WritableDb } from '../store/driver';
import { assignSpecialUses, type FolderFacts } from './special-use';

export interface ListedFolder extends FolderFacts {
  delimiter: string | null;
  parentPath: string | null;
  subscribed: boolean;
  /** What LIST-STATUS reported with the listing; null when it was not asked for or not given. */
  status?: StatusObject | null;
}

export interface SyncedFolder {
  id: string;
  path: string;
  specialUse: SpecialUse | null;
  /** \Noselect / \NonExistent: a node in the hierarchy that holds no messages. */
  selectable: boolean;
}

export interface FolderSyncResult {
  folders: SyncedFolder[];
  added: number;
  removed: number;
  renamed: number;
  /** By mailbox id: the STATUS that came with the listing (see listServerFolders). */
  statuses: ReadonlyMap<string, StatusObject>;
}

export interface ListOptions {
  /**
   * Ask for each folder's STATUS in the same LIST (LIST-STATUS, RFC 5819), when the server offers
   * it: one round trip tells which folders changed, instead of an EXAMINE or STATUS per folder.
   * Without LIST-STATUS nothing more is asked (imapflow would send a STATUS per folder).
   */
  status?: boolean;
}

/** What a listing asks of each folder: enough to tell an unchanged folder (status-check.ts). */
const LIST_STATUS_QUERY = { messages: true, uidNext: true, uidValidity: true, highestModseq: true };

/** New path → the old path of the same folder, renamed on the server (see findRenames). */
export type FolderRenames = ReadonlyMap<string, string>;

/** LIST (with subscription state) through imapflow, reduced to the facts the store keeps. */
export async function listServerFolders(client: ImapFlow, options: ListOptions = {}): Promise<ListedFolder[]> {
  const withStatus = options.status === true && client.capabilities.has('LIST-STATUS');
  const listed = await client.list(withStatus ? { statusQuery: LIST_STATUS_QUERY } : {});
  return listed.map((entry) => ({
    path: entry.path,
    name: entry.name,
    flags: [...entry.flags],
    delimiter: entry.delimiter || null,
    parentPath: entry.parentPath || null,
    subscribed: entry.subscribed,
    // A folder LIST-STATUS could not report comes with { error } instead: nothing is known then.
    status: entry.status && !('error' in entry.status) ? entry.status : null,
  }));
}

interface ExistingRow {
  id: string;
  path: string;
  uidvalidity: number | null;
  uidnext: number | null;
}

/**
 * Folders renamed on the server since the last pass. IMAP has no rename event and few servers
 * offer folder ids (OBJECTID), but a renamed folder keeps its UIDVALIDITY (RFC 3501 ties it to
 * the folder's UIDs, which a rename keeps; Dovecot, Cyrus and others keep it). So a folder that
 * vanished and a new one with the same UIDVALIDITY, no other candidate sharing it, and a UIDNEXT
 * that did not go back, are one folder under a new name: its messages stay instead of being
 * deleted and downloaded again. Asks STATUS only of new folders, and only when some vanished.
 */
export async function findRenames(
  client: Pick<ImapFlow, 'status'>,
  db: WritableDb,
  accountId: string,
  listed: readonly ListedFolder[],
): Promise<FolderRenames> {
  const renames = new Map<string, string>();
  const known = db.all<ExistingRow>('SELECT id, path, uidvalidity, uidnext FROM mailboxes WHERE account_id = ?', [
    accountId,
  ]);
  const listedPaths = new Set(listed.map((folder) => folder.path));
  const knownPaths = new Set(known.map((row) => row.path));
  const vanished = known.filter((row) => !listedPaths.has(row.path) && row.uidvalidity !== null);
  const fresh = listed.filter((folder) => !knownPaths.has(folder.path) && isSelectable(folder));
  if (vanished.length === 0 || fresh.length === 0) return renames;
  const freshStatus: { path: string; uidValidity: number; uidNext: number | null }[] = [];
  for (const folder of fresh) {
    const status = await client.status(folder.path, { uidValidity: true, uidNext: true }).catch(() => false as const);
    if (status === false || status.uidValidity === undefined) continue;
    freshStatus.push({ path: folder.path, uidValidity: Number(status.uidValidity), uidNext: status.uidNext ?? null });
  }
  for (const old of vanished) {
    const same = freshStatus.filter((f) => f.uidValidity === old.uidvalidity);
    const rivals = vanished.filter((v) => v.uidvalidity === old.uidvalidity);
    const match = same[0];
    if (same.length !== 1 || rivals.length !== 1 || !match) continue;
    if (old.uidnext !== null && match.uidNext !== null && match.uidNext < old.uidnext) continue;
    renames.set(match.path, old.path);
  }
  return renames;
}

/** The server's folder list, with renames found, applied to the store (see applyFolderList). */
export async function syncFolderList(
  client: ImapFlow,
  db: WritableDb,
  accountId: string,
  options: ListOptions = {},
): Promise<FolderSyncResult> {
  const listed = await listServerFolders(client, options);
  return applyFolderList(db, accountId, listed, await findRenames(client, db, accountId, listed));
}

/**
 * Makes the account's `mailboxes` rows match the server's folder list in one transaction: new
 * paths get a random id (stable afterwards, so the UI's selection survives), known ones are
 * updated, a renamed folder (`renames`) keeps its id, state and messages under its new path, and
 * paths the server no longer lists are deleted with their messages (ON DELETE CASCADE).
 */
export function applyFolderList(
  db: WritableDb,
  accountId: string,
  listed: readonly ListedFolder[],
  renames: FolderRenames = new Map(),
): FolderSyncResult {
  const uses = assignSpecialUses(listed);
  // Parents before children, so each parent id exists when the child is written.
  const ordered = [...listed].sort((a, b) => depth(a) - depth(b) || (a.path < b.path ? -1 : 1));
  return db.transaction((tx) => {
    const existing = new Map(
      tx
        .all<ExistingRow>('SELECT id, path FROM mailboxes WHERE account_id = ?', [accountId])
        .map((r) => [r.path, r.id]),
    );
    const ids = new Map<string, string>();
    let added = 0;
    let renamed = 0;
    for (const folder of ordered) {
      const oldPath = renames.get(folder.path);
      const kept = existing.get(folder.path) ?? (oldPath === undefined ? undefined : existing.get(oldPath));
      const id = kept ?? randomUUID();
      if (kept === undefined) added += 1;
      else if (!existing.has(folder.path)) renamed += 1;
      ids.set(folder.path, id);
      const parentId = folder.parentPath === null ? null : (ids.get(folder.parentPath) ?? null);
      tx.run(
        `INSERT INTO mailboxes (id, account_id, path, name, parent_id, special_use, delimiter, flags, subscribed)
         VALUES (:id, :accountId, :path, :name, :parentId, :specialUse, :delimiter, :flags, :subscribed)
         ON CONFLICT (id) DO UPDATE SET path = excluded.path, name = excluded.name, parent_id = excluded.parent_id,
           special_use = excluded.special_use, delimiter = excluded.delimiter, flags = excluded.flags,
           subscribed = excluded.subscribed`,
        {
          id,
          accountId,
          path: folder.path,
          name: folder.path.toUpperCase() === 'INBOX' ? 'Inbox' : folder.name,
          parentId,
          specialUse: uses.get(folder.path) ?? null,
          delimiter: folder.delimiter,
          flags: JSON.stringify(folder.flags),
          subscribed: folder.subscribed ? 1 : 0,
        },
      );
    }
    let removed = 0;
    const keptIds = new Set(ids.values());
    for (const id of existing.values()) {
      if (keptIds.has(id)) continue;
      removed += tx.run('DELETE FROM mailboxes WHERE id = ?', [id]).changes;
    }
    const folders = ordered.map((folder) => ({
      id: ids.get(folder.path) as string,
      path: folder.path,
      specialUse: uses.get(folder.path) ?? null,
      selectable: isSelectable(folder),
    }));
    const statuses = new Map<string, StatusObject>();
    for (const folder of ordered) if (folder.status) statuses.set(ids.get(folder.path) as string, folder.status);
    return { folders, added, removed, renamed, statuses };
  });
}

function isSelectable(folder: ListedFolder): boolean {
  return !folder.flags.some((flag) => /^\\(noselect|nonexistent)$/i.test(flag));
}

function depth(folder: ListedFolder): number {
  return folder.delimiter ? folder.path.split(folder.delimiter).length : 1;
}

/** The Inbox first, the rest in their order: a pass serves the folder the user looks at most first. */
export function inboxFirst<T extends { specialUse: SpecialUse | null }>(folders: readonly T[]): T[] {
  return [...folders.filter((f) => f.specialUse === 'inbox'), ...folders.filter((f) => f.specialUse !== 'inbox')];
}
