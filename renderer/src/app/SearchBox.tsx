/** The search slot of the title bar (#9): the box `/` focuses, with the data-search-box hook the shortcut uses. */
export { SearchBox } from '../features/search/SearchBox';
