import { useQuery } from '@tanstack/react-query';
import { ipcQuery } from '../../ipc/ipc-query';

/** drafts:list, newest change first; kept fresh by drafts:changed events (use-main-events). */
export function useDrafts() {
  return useQuery(ipcQuery('drafts:list', {}));
}
