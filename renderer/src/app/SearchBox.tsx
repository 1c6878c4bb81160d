/**
 * SLOT for search (#9): the box `/` focuses. It filters nothing yet; the search work replaces
 * this component's body and keeps its label and the data-search-box hook the shortcut uses.
 */
export function SearchBox() {
  return (
    <input
      type="search"
      className="search-box"
      aria-label="Search mail"
      placeholder="Search mail (/)"
      aria-keyshortcuts="/"
      data-search-box
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.currentTarget.blur();
      }}
    />
  );
}
