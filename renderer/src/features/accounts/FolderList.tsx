import type { AccountSummary } from '../../../../shared/model/account';
import type { Mailbox, SpecialUse } from '../../../../shared/model/mailbox';
import { UNIFIED_INBOX, useUi, type MessageSource } from '../../app/ui-store';
import { AccountHeader } from './AccountHeader';

const SPECIAL_ORDER: readonly SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

function rank(mailbox: Mailbox): number {
  const index = mailbox.specialUse === null ? -1 : SPECIAL_ORDER.indexOf(mailbox.specialUse);
  return index === -1 ? SPECIAL_ORDER.length : index;
}

function byRankThenName(a: Mailbox, b: Mailbox): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

function sameSource(a: MessageSource, b: MessageSource): boolean {
  return a.kind === 'unified' ? b.kind === 'unified' : b.kind === 'mailbox' && a.mailboxId === b.mailboxId;
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
          <SourceButton source={UNIFIED_INBOX} label="All inboxes" unread={null} />
        </li>
      </ul>
      {accounts.map((account) => (
        <div key={account.id} className="account">
          <AccountHeader account={account} />
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
            unread={mailbox.unread}
          />
          <Folders mailboxes={mailboxes} parentId={mailbox.id} />
        </li>
      ))}
    </ul>
  );
}

function SourceButton({ source, label, unread }: { source: MessageSource; label: string; unread: number | null }) {
  const current = useUi((state) => state.source);
  const showSource = useUi((state) => state.showSource);
  const selected = sameSource(current, source);
  return (
    <button
      type="button"
      className="folder"
      aria-current={selected ? 'true' : undefined}
      aria-label={unread ? `${label}, ${unread} unread` : label}
      onClick={() => showSource(source)}
    >
      <span className="folder-name">{label}</span>
      {unread ? (
        <span className="badge" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </button>
  );
}
