import { accountName } from '../accounts/account-name';
import { useAccounts } from '../accounts/queries';
import { useSync } from './sync-store';
import { problemWords } from './sync-words';

/**
 * The status bar's word on a failed sync. The store changes the announcement only for a new
 * failure, so the live region speaks once per failure and never for a progress tick.
 */
export function SyncAnnouncement() {
  const announcement = useSync((state) => state.announcement);
  const accounts = useAccounts().data?.accounts ?? [];
  const account = announcement === null ? undefined : accounts.find((a) => a.id === announcement.accountId);
  const text =
    announcement === null || account === undefined
      ? ''
      : `${accountName(account)} could not sync: ${problemWords({ state: 'error', message: announcement.message })}`;
  return (
    <p role="status" className="statusbar-sync" title={text || undefined}>
      {text}
    </p>
  );
}
