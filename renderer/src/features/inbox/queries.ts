import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract';
import type { MessageListItem, MessageSort } from '../../../../shared/model/message-list';
import type { SearchHit } from '../../../../shared/model/search';
import type { MessageSource } from '../../app/ui-store';
import { ipcQuery } from '../../ipc/ipc-query';
import { findSearchRow } from '../search/queries';

export const PAGE_SIZE = 100;

export interface ListParams {
  source: MessageSource;
  sort: MessageSort;
  conversations: boolean;
}

type Page = ChannelOutput<'messages:list'>;

/** A list row; search results also say why they matched and whether the body is still on the server. */
export type ListRow = MessageListItem & Partial<Pick<SearchHit, 'subjectSegments' | 'snippetSegments' | 'remote'>>;

/** The rows a virtualized list can show: by index among the loaded ones, and where a message is. */
export interface RowWindow {
  version: number;
  rowAt(index: number): ListRow | undefined;
  indexOf(id: string): number;
}

/** A hook giving the rows for the list's viewport (the folder's pages, or search results). */
export type RowWindowHook = (params: ListParams, firstRow: number, lastRow: number) => RowWindow;

function pageInput(params: ListParams, page: number): ChannelInput<'messages:list'> {
  return {
    source: params.source,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
    sort: params.sort,
    conversations: params.conversations,
  };
}

/**
 * The pages of a virtualized list that the viewport needs (and always the first, which says how
 * many rows there are). A page keeps its rows while a mailbox:changed refetch runs, so the list
 * never blanks under the user.
 */
export function useMessageWindow(params: ListParams, firstRow: number, lastRow: number): RowWindow {
  const pages = [0];
  for (let page = Math.floor(firstRow / PAGE_SIZE); page <= Math.floor(lastRow / PAGE_SIZE); page += 1) {
    if (page > 0) pages.push(page);
  }
  const results = useQueries({ queries: pages.map((page) => ipcQuery('messages:list', pageInput(params, page))) });
  const byPage = new Map<number, Page>();
  results.forEach((result, index) => {
    const page = pages[index];
    if (page !== undefined && result.data) byPage.set(page, result.data);
  });
  return {
    /** Changes whenever any loaded page got a new answer from main. */
    version: results.reduce((sum, result) => sum + result.dataUpdatedAt, 0),
    rowAt(index: number): MessageListItem | undefined {
      return byPage.get(Math.floor(index / PAGE_SIZE))?.messages[index % PAGE_SIZE];
    },
    /** Row index of a listed message among the loaded pages, or -1. */
    indexOf(id: string): number {
      for (const [page, data] of byPage) {
        const at = data.messages.findIndex((m) => m.id === id);
        if (at !== -1) return page * PAGE_SIZE + at;
      }
      return -1;
    },
  };
}

/** The first page: how many rows the list has, and whether it loaded at all. */
export function useFirstPage(params: ListParams) {
  return useQuery(ipcQuery('messages:list', pageInput(params, 0)));
}

/** The messages of one expanded conversation. */
export function useThread(mailboxId: string, threadKey: string) {
  return useQuery(ipcQuery('messages:thread', { mailboxId, threadKey }));
}

function findListed(client: QueryClient, id: string | null): MessageListItem | undefined {
  if (id === null) return undefined;
  for (const channel of ['messages:list', 'messages:thread'] as const) {
    for (const [, data] of client.getQueriesData<{ messages: MessageListItem[] }>({ queryKey: [channel] })) {
      const found = data?.messages.find((m) => m.id === id);
      if (found) return found;
    }
  }
  return findSearchRow(client, id);
}

/** A message's summary as the list has it (reader, actions), from whichever page or conversation holds it. */
export function useListedMessage(id: string | null): MessageListItem | undefined {
  const client = useQueryClient();
  const subscribe = useCallback((notify: () => void) => client.getQueryCache().subscribe(notify), [client]);
  return useSyncExternalStore(subscribe, () => findListed(client, id));
}

/** Summaries of several listed messages (the selection), for actions that depend on them. */
export function listedMessages(client: QueryClient, ids: readonly string[]): MessageListItem[] {
  return ids.map((id) => findListed(client, id)).filter((m): m is MessageListItem => m !== undefined);
}
