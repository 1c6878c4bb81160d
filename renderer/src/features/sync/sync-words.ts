import type { SyncProgress } from '../../../../shared/model/sync';
import { momentText } from '../inbox/format';
import type { AccountSync } from './sync-store';

/** The live, announced part: changes only with the state, never with a progress tick. */
export function stateWords(sync: AccountSync): string {
  switch (sync.state) {
    case 'syncing':
      return 'Syncing…';
    case 'idle':
      return `Up to date · ${momentText(sync.at)}`;
    case 'offline':
      return 'Offline — will reconnect';
    case 'error':
      return 'Sync failed';
  }
}

/** "headers 200/1200"; just the phase while its total is not known yet; nothing once done. */
export function progressWords(progress: SyncProgress | null): string | null {
  if (progress === null || progress.phase === 'done') return null;
  if (progress.total === 0) return progress.phase;
  return `${progress.phase} ${progress.done}/${progress.total}`;
}

/** Main writes its messages for the user; this is only for the rare status without one. */
export function problemWords({ state, message }: Pick<AccountSync, 'state' | 'message'>): string {
  if (message !== null && message !== '') return message;
  return state === 'offline'
    ? 'The server cannot be reached right now. Letterbox keeps trying.'
    : 'Letterbox could not sync this account. Check its settings, then choose Retry.';
}
