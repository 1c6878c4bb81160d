/**
 * Enter in the search box asks for the first result, which may not be listed yet (the debounced
 * query is still running): the results list takes the request when it has rows.
 */
let pending = false;

export const resultsFocus = {
  request(): void {
    pending = true;
  },
  /** True once per request. */
  take(): boolean {
    const was = pending;
    pending = false;
    return was;
  },
};
