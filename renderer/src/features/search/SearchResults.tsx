import { useEffect } from 'react';
import { UNIFIED_INBOX } from '../../app/ui-store';
import { errorMessage } from '../../ipc/client';
import { Pane } from '../../ui/Pane';
import { listCommands } from '../inbox/list-commands';
import { MessageList } from '../inbox/MessageList';
import { resultsFocus } from './focus-request';
import { searchRows, useSearch } from './queries';
import { useSearchWindow } from './use-search-window';

/** The messages pane while a search is on: its results in the usual list, with a count or why there are none. */
export function SearchResults({ query }: { query: string }) {
  const search = useSearch(query);
  const rows = searchRows(search.data);
  const failed = search.data?.pages.find((page) => !page.ok);
  const more = search.hasNextPage;

  const answered = search.isSuccess;
  useEffect(() => {
    // Results that came empty drop the request, so a later search does not steal focus.
    if (answered && resultsFocus.take() && rows.length > 0) listCommands.get()?.focus();
  }, [answered, rows.length]);

  let body;
  if (search.isPending) {
    body = (
      <p className="state" role="status">
        Searching…
      </p>
    );
  } else if (search.isError) {
    body = (
      <div className="state state-error" role="alert">
        <p>Could not search. {errorMessage(search.error)}</p>
        <button type="button" onClick={() => void search.refetch()} disabled={search.isFetching}>
          {search.isFetching ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    );
  } else if (failed) {
    // The box says what is wrong with the query; the pane only says nothing was searched.
    body = <p className="state">Fix the search to see results.</p>;
  } else if (rows.length === 0) {
    body = <p className="state">No results for “{query}”</p>;
  } else {
    body = (
      <MessageList
        // The rows come from the search, newest first; the folder params are not used.
        params={{ source: UNIFIED_INBOX, sort: 'date', conversations: false }}
        total={rows.length + (more ? 1 : 0)}
        label="Search results"
        useRows={useSearchWindow}
      />
    );
  }
  return (
    <Pane title="Search results" className="pane-messages pane-list">
      <p className="search-count" role="status">
        {search.isSuccess && !failed && rows.length > 0
          ? `${rows.length}${more ? '+' : ''} ${rows.length === 1 && !more ? 'result' : 'results'}`
          : ''}
      </p>
      {body}
    </Pane>
  );
}
