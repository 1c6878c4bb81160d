import { useRef } from 'react';
import type { AccountSummary } from '../../../../shared/model/account';
import { accountName } from '../accounts/account-name';
import { useRunSync } from './mutations';
import { useSync, type AccountSync } from './sync-store';
import { problemWords, progressWords, stateWords } from './sync-words';

/** Under an account's name: how its sync stands and, when it is in trouble, main's words and Retry. */
export function AccountSyncStatus({ account }: { account: AccountSummary }) {
  const { id: accountId } = account;
  const name = accountName(account);
  const sync = useSync((state) => state.accounts[accountId]);
  const group = useRef<HTMLDivElement>(null);
  const progress = sync?.state === 'syncing' ? progressWords(sync.progress) : null;
  const troubled = sync?.state === 'error' || sync?.state === 'offline';
  return (
    <div ref={group} className="sync-status" role="group" aria-label={`Sync status of ${name}`} tabIndex={-1}>
      {/* Always rendered, so the first change is read out too. Only the state is live (never a
          count), and errors are left to the status bar so they are not said twice. */}
      <span role="status" className="sync-state">
        {sync === undefined || sync.state === 'error' ? null : stateWords(sync)}
      </span>
      {progress === null ? null : <span className="sync-count">{progress}</span>}
      {troubled ? (
        <SyncProblem accountId={accountId} name={name} sync={sync} onRetry={() => group.current?.focus()} />
      ) : null}
    </div>
  );
}

interface SyncProblemProps {
  accountId: string;
  /** For the Retry button's accessible name. */
  name: string;
  sync: AccountSync;
  /** Retry replaces this block with progress: focus needs somewhere to go. */
  onRetry(): void;
}

/** Main's message on one line that opens to its full length, and Retry (a sync:run for this account). */
function SyncProblem({ accountId, name, sync, onRetry }: SyncProblemProps) {
  const retry = useRunSync();
  const isError = sync.state === 'error';
  return (
    <div className={isError ? 'sync-problem sync-problem-error' : 'sync-problem'}>
      <details>
        <summary>
          {isError ? <span className="sync-problem-title">{stateWords(sync)}</span> : null}
          <span className="sync-problem-line">{problemWords(sync)}</span>
        </summary>
      </details>
      <button
        type="button"
        aria-label={`Retry sync for ${name}`}
        disabled={retry.isPending}
        onClick={() => {
          onRetry();
          retry.mutate(accountId);
        }}
      >
        Retry
      </button>
    </div>
  );
}
