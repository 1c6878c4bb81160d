import { create } from 'zustand';
import type { AccountSyncSummary, SyncProgress, SyncState, SyncStatus } from '../../../../shared/model/sync';

/** What the folder pane shows for one account: main's last status and, while syncing, its last progress. */
export interface AccountSync {
  state: SyncState;
  /** Main's words for the user (error, offline); null when all is well. */
  message: string | null;
  /** When main reported this status (ISO 8601). */
  at: string;
  progress: SyncProgress | null;
}

/** An account error the status bar has to say (once: it is replaced only by a new failure). */
export interface SyncAnnouncement {
  accountId: string;
  message: string | null;
}

/**
 * Sync state comes only as events (sync:status, sync:progress), pushed by main whether or not
 * the renderer asked, so it lives here rather than in React Query's cache of answers.
 */
interface SyncStoreState {
  accounts: Record<string, AccountSync>;
  announcement: SyncAnnouncement | null;
  applyStatus(status: SyncStatus): void;
  applyProgress(progress: SyncProgress): void;
  /** sync:run's answer, for accounts whose status events did not arrive after `startedAt` (a lost socket). */
  applyResults(summaries: AccountSyncSummary[], startedAt: string): void;
}

function nextAnnouncement(
  current: SyncAnnouncement | null,
  previous: AccountSync | undefined,
  status: SyncStatus,
): SyncAnnouncement | null {
  const { accountId, state, message } = status;
  if (state === 'error') {
    // The same failure reported again (a watcher and sync:run both saying it) is not news.
    const repeated = previous?.state === 'error' && previous.message === message;
    return repeated ? current : { accountId, message };
  }
  // Recovered (or retrying): clear it, so the next failure is a change the live region reads out.
  return current?.accountId === accountId ? null : current;
}

export const useSync = create<SyncStoreState>()((set, get) => ({
  accounts: {},
  announcement: null,
  applyStatus: (status) =>
    set((store) => {
      const previous = store.accounts[status.accountId];
      // A pass's progress belongs to that pass: a new status starts the counts again.
      const progress = status.state === 'syncing' && previous?.state === 'syncing' ? previous.progress : null;
      const next: AccountSync = { state: status.state, message: status.message, at: status.at, progress };
      return {
        accounts: { ...store.accounts, [status.accountId]: next },
        announcement: nextAnnouncement(store.announcement, previous, status),
      };
    }),
  applyProgress: (progress) =>
    set((store) => {
      // Progress with no status yet: the window opened during a pass, whose status went out before.
      const previous = store.accounts[progress.accountId] ?? {
        state: 'syncing',
        message: null,
        at: new Date().toISOString(),
        progress: null,
      };
      return { accounts: { ...store.accounts, [progress.accountId]: { ...previous, progress } } };
    }),
  applyResults: (summaries, startedAt) => {
    const at = new Date().toISOString();
    for (const summary of summaries) {
      const known = get().accounts[summary.accountId];
      if (known !== undefined && known.at >= startedAt) continue;
      get().applyStatus({
        accountId: summary.accountId,
        state: summary.ok ? 'idle' : 'error',
        message: summary.ok ? null : summary.error,
        at,
      });
    }
  },
}));
