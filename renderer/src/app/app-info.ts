import { useQuery } from '@tanstack/react-query';
import type { Notice } from '../../../shared/model/notice';
import { ipcQuery } from '../ipc/ipc-query';
import { noticeKey, useUi } from './ui-store';

export function useAppInfo() {
  return useQuery({ ...ipcQuery('app:info', {}), staleTime: Infinity });
}

/** Start-up notices (from app:info) and later ones (app:notice events), minus dismissed ones. */
export function useVisibleNotices(): Notice[] {
  const startup = useAppInfo().data?.notices ?? [];
  const pushed = useUi((state) => state.pushedNotices);
  const dismissed = useUi((state) => state.dismissedNotices);
  const seen = new Set<string>(dismissed);
  const visible: Notice[] = [];
  for (const notice of [...startup, ...pushed]) {
    const key = noticeKey(notice);
    if (seen.has(key)) continue;
    seen.add(key);
    visible.push(notice);
  }
  return visible;
}
