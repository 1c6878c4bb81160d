import type { AccountSummary } from '../../../../shared/model/account';
import type { Mailbox, SpecialUse } from '../../../../shared/model/mailbox';
import { UNIFIED_INBOX } from '../../app/ui-store';
import { DraftsFolderButton } from '../drafts/DraftsFolderButton';
import { OutboxFolderButton } from '../outbox/OutboxFolderButton';
import { AccountSyncStatus } from '../sync/AccountSyncStatus';
import { AccountHeader } from './AccountHeader';
import { SourceButton } from './SourceButton';

const SPECIAL_ORDER: readonly SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

function rank(mailbox: Mailbox): number {
  const index = mailbox.specialUse === null ? -1 : SPECIAL_ORDER.indexOf(mailbox.specialUse);
  return index === -1 ? SPECIAL_ORDER.length : index;
}

function byRankThenName(a: Mailbox, b: Mailbox): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

interface FolderListProps {
  accounts: AccountSummary[];
  mailboxes: Mailbox[];
}

export function FolderList({ accounts, mailboxes }: FolderListProps) {
  return (
    <div className="folders">
      <ul className="folder-list">
        <li>
          <SourceButton source={UNIFIED_INBOX} label="All inboxes" count={null} countMeaning="unread" />
        </li>
        <li>
          <DraftsFolderButton />
        </li>
        <li>
          <OutboxFolderButton />
        </li>
      </ul>
      {accounts.map((account) => (
        <div key={account.id} className="account">
          <AccountHeader account={account} />
          <AccountSyncStatus account={account} />
          <Folders mailboxes={mailboxes.filter((m) => m.accountId === account.id)} parentId={null} />
        </div>
      ))}
    </div>
  );
}

function Folders({ mailboxes, parentId }: { mailboxes: Mailbox[]; parentId: string | null }) {
  const level = mailboxes.filter((m) => m.parentId === parentId).sort(byRankThenName);
  if (level.length === 0) return null;
  return (
    <ul className="folder-list">
      {level.map((mailbox) => (
        <li key={mailbox.id}>
          <SourceButton
            source={{ kind: 'mailbox', mailboxId: mailbox.id }}
            label={mailbox.name}
            count={mailbox.unread}
            countMeaning="unread"
          />
          <Folders mailboxes={mailboxes} parentId={mailbox.id} />
        </li>
      ))}
    </ul>
  );
}
