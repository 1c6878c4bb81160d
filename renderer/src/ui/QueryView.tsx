import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../ipc/client';

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** Lower-case noun for the sentences: "Loading messages…", "Could not load messages." */
  what: string;
  children: (data: T) => ReactNode;
}

/** Loading and failure in words, with a way out, so no pane is ever silently blank. */
export function QueryView<T>({ query, what, children }: QueryViewProps<T>) {
  if (query.isPending) {
    return (
      <p className="state" role="status">
        Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="state state-error" role="alert">
        <p>
          Could not load {what}. {errorMessage(query.error)}
        </p>
        <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
