import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { SpecialUse } from '../../shared/model/mailbox';
import type { WritableDb } from '../store/driver';
import { assignSpecialUses, type FolderFacts } from './special-use';

export interface ListedFolder extends FolderFacts {
  delimiter: string | null;
  parentPath: string | null;
  subscribed: boolean;
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
}

/** LIST (with subscription state) through imapflow, reduced to the facts the store keeps. */
export async function listServerFolders(client: ImapFlow): Promise<ListedFolder[]> {
  const listed = await client.list();
  return listed.map((entry) => ({
    path: entry.path,
    name: entry.name,
    flags: [...entry.flags],
    delimiter: entry.delimiter || null,
    parentPath: entry.parentPath || null,
    subscribed: entry.subscribed,
  }));
}

interface ExistingRow {
  id: string;
  path: string;
}

/**
 * Makes the account's `mailboxes` rows match the server's folder list in one transaction: new
 * paths get a random id (stable afterwards, so the UI's selection survives), known ones are
 * updated, and paths the server no longer lists are deleted with their messages (ON DELETE
 * CASCADE). A rename therefore shows up as delete + add and its messages are fetched again —
 * detecting it needs per-folder ids (OBJECTID) that few servers offer.
 */
export function applyFolderList(db: WritableDb, accountId: string, listed: readonly ListedFolder[]): FolderSyncResult {
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
    for (const folder of ordered) {
      const id = existing.get(folder.path) ?? randomUUID();
      if (!existing.has(folder.path)) added += 1;
      ids.set(folder.path, id);
      const parentId = folder.parentPath === null ? null : (ids.get(folder.parentPath) ?? null);
      tx.run(
        `INSERT INTO mailboxes (id, account_id, path, name, parent_id, special_use, delimiter, flags, subscribed)
         VALUES (:id, :accountId, :path, :name, :parentId, :specialUse, :delimiter, :flags, :subscribed)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
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
    for (const [path, id] of existing) {
      if (ids.has(path)) continue;
      removed += tx.run('DELETE FROM mailboxes WHERE id = ?', [id]).changes;
    }
    const folders = ordered.map((folder) => ({
      id: ids.get(folder.path) as string,
      path: folder.path,
      specialUse: uses.get(folder.path) ?? null,
      selectable: !folder.flags.some((flag) => /^\\(noselect|nonexistent)$/i.test(flag)),
    }));
    return { folders, added, removed };
  });
}

function depth(folder: ListedFolder): number {
  return folder.delimiter ? folder.path.split(folder.delimiter).length : 1;
}
