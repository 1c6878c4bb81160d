import { Pane } from '../../ui/Pane';
import { QueryView } from '../../ui/QueryView';
import { DraftsFolderButton } from '../drafts/DraftsFolderButton';
import { FolderList } from './FolderList';
import { useAccounts, useAllMailboxes } from './queries';

export function FoldersPane() {
  const accounts = useAccounts();
  const mailboxes = useAllMailboxes();
  return (
    <Pane title="Folders" className="pane-folders">
      <QueryView query={accounts} what="accounts">
        {({ accounts: list }) =>
          list.length === 0 ? (
            <>
              <p className="state">No accounts yet. Choose Add account to connect your mail.</p>
              {/* Drafts need no account: one can be written before any is set up. */}
              <ul className="folder-list">
                <li>
                  <DraftsFolderButton />
                </li>
              </ul>
            </>
          ) : (
            <QueryView query={mailboxes} what="folders">
              {({ mailboxes: folders }) => <FolderList accounts={list} mailboxes={folders} />}
            </QueryView>
          )
        }
      </QueryView>
    </Pane>
  );
}
