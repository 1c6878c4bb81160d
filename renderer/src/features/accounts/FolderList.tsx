import type { AccountSummary } from '../../../../shared/model/account';
import type { Mailbox } from '../../../../shared/model/mailbox';
import { UNIFIED_INBOX, UNIFIED_SENT } from '../../app/ui-store';
import { DraftsFolderButton } from '../drafts/DraftsFolderButton';
import { OutboxFolderButton } from '../outbox/OutboxFolderButton';
import { AccountSyncStatus } from '../sync/AccountSyncStatus';
import { AccountHeader } from './AccountHeader';
import { accountName } from './account-name';
import { FolderTree } from './FolderTree';
import { SourceButton } from './SourceButton';

interface FolderListProps {
  accounts: AccountSummary[];
  mailboxes: Mailbox[];
}

/** Unified views (accounts with "include in unified inbox" on) first, then each account's folder tree. */
export function FolderList({ accounts, mailboxes }: FolderListProps) {
  const included = new Set(accounts.filter((a) => a.includeInUnified).map((a) => a.id));
  const unread = mailboxes
    .filter((m) => m.specialUse === 'inbox' && included.has(m.accountId))
    .reduce((sum, m) => sum + m.unread, 0);
  return (
    <div className="folders">
      <nav aria-label="All accounts">
        <ul className="folder-list">
          <li>
            <SourceButton source={UNIFIED_INBOX} label="All inboxes" count={unread} countMeaning="unread" />
          </li>
          <li>
            <DraftsFolderButton />
          </li>
          <li>
            <SourceButton source={UNIFIED_SENT} label="All sent" count={null} countMeaning="" />
          </li>
          <li>
            <OutboxFolderButton />
          </li>
        </ul>
      </nav>
      {accounts.map((account) => (
        <div key={account.id} className="account">
          <AccountHeader account={account} />
          <AccountSyncStatus account={account} />
          <FolderTree
            label={`Folders of ${accountName(account)}`}
            mailboxes={mailboxes.filter((m) => m.accountId === account.id)}
          />
        </div>
      ))}
    </div>
  );
}
