import { useInfiniteQuery } from '@tanstack/react-query';
import type { MessageSource } from '../../app/ui-store';
import { call } from '../../ipc/client';

const PAGE_SIZE = 100;

/** Newest first, a page at a time; main hands back an opaque cursor for the next page. */
export function useMessages(source: MessageSource) {
  return useInfiniteQuery({
    queryKey: ['messages:list', source] as const,
    queryFn: ({ pageParam }) => call('messages:list', { source, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
