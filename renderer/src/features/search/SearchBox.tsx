import { useEffect, useId, useRef, useState } from 'react';
import { useUi } from '../../app/ui-store';
import { listCommands } from '../inbox/list-commands';
import { resultsFocus } from './focus-request';
import { useSearch } from './queries';

/** How long typing pauses before the results follow. */
const DEBOUNCE_MS = 200;

export const SEARCH_OPERATORS: readonly { operator: string; meaning: string }[] = [
  { operator: 'from: to: cc:', meaning: 'an address or name' },
  { operator: 'subject:"words"', meaning: 'in the subject' },
  { operator: 'has:attachment', meaning: 'with attachments' },
  { operator: 'is:unread is:flagged', meaning: 'by state' },
  { operator: 'in:folder account:name', meaning: 'where it is' },
  { operator: 'before:2026-01-31 after:', meaning: 'by date' },
  { operator: 'larger:1M smaller:', meaning: 'by size' },
  { operator: '-word', meaning: 'without a word' },
  { operator: 'a OR b', meaning: 'either' },
];

const HINT = `Operators: ${SEARCH_OPERATORS.map((o) => `${o.operator} (${o.meaning})`).join('; ')}.`;

/**
 * The search box `/` focuses: results follow typing after a pause, Enter goes to the first result,
 * Escape clears the search and shows the folder again. A malformed query is explained under it.
 */
export function SearchBox() {
  const search = useUi((state) => state.search);
  const setSearch = useUi((state) => state.setSearch);
  const [text, setText] = useState(search ?? '');
  const timer = useRef<number | undefined>(undefined);
  const hintId = useId();
  const errorId = useId();

  // Leaving the search elsewhere (a folder clicked) empties the box.
  const [shown, setShown] = useState(search);
  if (shown !== search) {
    setShown(search);
    if (search === null) setText('');
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Shows the results for `value` now; false when they were already shown. */
  function apply(value: string): boolean {
    window.clearTimeout(timer.current);
    const next = value.trim() ? value : null;
    if (next === useUi.getState().search) return false;
    setSearch(next);
    return true;
  }

  return (
    <div className="search">
      <input
        type="search"
        className="search-box"
        aria-label="Search mail"
        aria-describedby={search !== null ? `${errorId} ${hintId}` : hintId}
        placeholder='Search — from:ann subject:"q3" has:attachment is:unread'
        title={HINT}
        aria-keyshortcuts="/"
        data-search-box
        value={text}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => apply(value), DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            if (text === '' && search === null) event.currentTarget.blur();
            setText('');
            apply('');
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const changed = apply(text);
            // A list already showing these results takes focus now; new results take it when they arrive.
            const list = changed ? null : listCommands.get();
            if (list) list.focus();
            else if (text.trim()) resultsFocus.request();
          }
        }}
      />
      <span id={hintId} className="visually-hidden">
        {HINT}
      </span>
      {search !== null ? <QueryProblem id={errorId} query={search} /> : null}
    </div>
  );
}

/** What is wrong with the query, in words, under the box (nothing while it is fine). */
function QueryProblem({ id, query }: { id: string; query: string }) {
  const result = useSearch(query);
  const failed = result.data?.pages.find((page) => !page.ok);
  return (
    <p id={id} className="search-error" role="alert">
      {failed && !failed.ok ? failed.message : ''}
    </p>
  );
}
