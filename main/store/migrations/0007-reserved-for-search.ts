import type { Migration } from './types';

/**
 * PLACEHOLDER on the wt/list branch only: version 7 belongs to the search work (#9), merged
 * separately. It exists so 0008 runs on this branch; the merge replaces it with the real 0007.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'reserved-for-search',
  up() {},
};
