import type { Account } from '../../../shared/model/account';
import type { ServerSearchReport } from '../../../shared/model/search';
import type { ImapSession } from '../../mail/imap/session';
import type { ReadableDb } from '../../store/driver';
import type { QueryNode } from '../query/ast';
import { folderMatches } from '../query/names';
import { toImapSearch } from './imap-query';

export interface ServerSearchDeps {
  db: ReadableDb;
  open(account: Account): Promise<ImapSession>;
  /** account:NAME → ids (the same resolution as the local query). */
  accountIds(name: string): readonly string[];
}

interface Folder {
  id: string;
  path: string;
  name: string;
  special_use: string | null;
}

/**
 * Asks each IMAP account's server about the folders holding messages whose bodies are not stored
 * here (outside the offline window, or too large), and returns those of the server's matches.
 * Matches with a stored body are left out: the local index already answers for them. An account
 * that cannot be reached is reported and skipped; the local results stand.
 */
export async function searchServers(
  deps: ServerSearchDeps,
  accounts: readonly Account[],
  root: QueryNode,
): Promise<{ ids: Set<string>; report: ServerSearchReport }> {
  const ids = new Set<string>();
  const report: ServerSearchReport = { folders: 0, found: 0, errors: [] };
  for (const account of accounts) {
    if (account.incoming.protocol !== 'imap') continue;
    const folders = deps.db.all<Folder>(
      `SELECT mbx.id, mbx.path, mbx.name, mbx.special_use FROM mailboxes mbx
        WHERE mbx.account_id = ? AND EXISTS (SELECT 1 FROM messages msg WHERE msg.mailbox_id = mbx.id
          AND msg.uid IS NOT NULL AND msg.body_state IN ('none', 'too_large'))`,
      [account.id],
    );
    const planned = folders.flatMap((folder) => {
      const search = toImapSearch(root, {
        accountId: account.id,
        path: folder.path,
        name: folder.name,
        specialUse: folder.special_use,
        inFolder: (name) => folderMatches(name, folder),
        inAccount: (name) => deps.accountIds(name).includes(account.id),
      });
      return search === false ? [] : [{ folder, search }];
    });
    if (planned.length === 0) continue;
    let session: ImapSession | null = null;
    try {
      session = await deps.open(account);
      for (const { folder, search } of planned) {
        await session.client.mailboxOpen(folder.path, { readOnly: true });
        const uids = (await session.client.search(search, { uid: true })) || [];
        report.folders++;
        if (uids.length === 0) continue;
        const rows = deps.db.all<{ id: string }>(
          `SELECT id FROM messages WHERE mailbox_id = ? AND body_state IN ('none', 'too_large')
            AND uid IN (SELECT value FROM json_each(?))`,
          [folder.id, JSON.stringify(uids)],
        );
        for (const row of rows) ids.add(row.id);
      }
    } catch (error) {
      report.errors.push(`${account.displayName}: the server could not be searched (${(error as Error).message})`);
    } finally {
      await session?.close();
    }
  }
  report.found = ids.size;
  return { ids, report };
}
