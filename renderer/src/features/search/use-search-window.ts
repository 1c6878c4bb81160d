import { useEffect, useMemo } from 'react';
import { useUi } from '../../app/ui-store';
import type { ListParams, RowWindow } from '../inbox/queries';
import { searchRows, useSearch } from './queries';

/** Rows from the end of the loaded results at which the next page is asked for. */
const PREFETCH_ROWS = 10;

/**
 * The message list's rows for the current search (a RowWindowHook: the folder params are not
 * used). Scrolling near the last loaded result fetches the next page by its cursor.
 */
export function useSearchWindow(_params: ListParams, _firstRow: number, lastRow: number): RowWindow {
  const query = useUi((state) => state.search) ?? '';
  const search = useSearch(query);
  const rows = useMemo(() => searchRows(search.data), [search.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRow >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastRow, rows.length]);
  return {
    version: search.dataUpdatedAt,
    rowAt: (index) => rows[index],
    indexOf: (id) => rows.findIndex((row) => row.id === id),
  };
}
