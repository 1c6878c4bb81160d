import { useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { MessageListItem } from '../../../../shared/model/message-list';
import type { SearchHit } from '../../../../shared/model/search';
import { call } from '../../ipc/client';

const PAGE_SIZE = 50;

/** A search result as a list row: a lone message (no conversation) plus why it matched. */
export type SearchRow = MessageListItem & Pick<SearchHit, 'subjectSegments' | 'snippetSegments' | 'remote'>;

export type SearchPage =
  { ok: true; rows: SearchRow[]; nextCursor: string | null } | { ok: false; message: string; at: number };

function toRow(hit: SearchHit): SearchRow {
  return { ...hit, threadKey: `msg:${hit.id}`, threadCount: 1 };
}

export function searchKey(query: string) {
  return ['search:query', { query }] as const;
}

/**
 * One search, newest first, a page per cursor. Rows are stored in the list's row shape, so the
 * reader and the actions find a selected result in the cache as they find a listed message.
 */
export function useSearch(query: string) {
  return useInfiniteQuery({
    queryKey: searchKey(query),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }): Promise<SearchPage> => {
      const out = await call('search:query', { query, accountId: null, limit: PAGE_SIZE, cursor: pageParam });
      return out.ok ? { ok: true, rows: out.hits.map(toRow), nextCursor: out.nextCursor } : out;
    },
    getNextPageParam: (last) => (last.ok ? last.nextCursor : null),
  });
}

/** Every loaded result row of a search. */
export function searchRows(data: InfiniteData<SearchPage> | undefined): SearchRow[] {
  return data?.pages.flatMap((page) => (page.ok ? page.rows : [])) ?? [];
}

/** A result row of any cached search, by message id. */
export function findSearchRow(client: QueryClient, id: string): SearchRow | undefined {
  for (const [, data] of client.getQueriesData<InfiniteData<SearchPage>>({ queryKey: ['search:query'] })) {
    const found = searchRows(data).find((row) => row.id === id);
    if (found) return found;
  }
  return undefined;
}
