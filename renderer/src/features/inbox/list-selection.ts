/** Which rows are selected after a click or key, by the usual desktop rules. */
export interface Selection {
  ids: readonly string[];
  anchorId: string | null;
}

export interface ClickModifiers {
  /** Shift: the range from the anchor. */
  range: boolean;
  /** Ctrl (Cmd on a Mac): add or remove one row. */
  toggle: boolean;
}

/**
 * `idsBetween(a, b)` gives the ids of the rows from a to b inclusive, in list order, as far as
 * they are loaded.
 */
export function clickSelection(
  current: Selection,
  id: string,
  modifiers: ClickModifiers,
  idsBetween: (fromId: string, toId: string) => string[],
): Selection {
  if (modifiers.range && current.anchorId !== null) {
    const range = idsBetween(current.anchorId, id);
    const ids = modifiers.toggle ? [...new Set([...current.ids, ...range])] : range;
    return { ids, anchorId: current.anchorId };
  }
  if (modifiers.toggle) {
    const ids = current.ids.includes(id) ? current.ids.filter((x) => x !== id) : [...current.ids, id];
    return { ids, anchorId: id };
  }
  return { ids: [id], anchorId: id };
}

/** The next row index for a navigation key, or null when the key does not move. */
export function targetIndex(key: string, focus: number, total: number, pageRows: number): number | null {
  if (total === 0) return null;
  const last = total - 1;
  const moves: Record<string, number> = {
    ArrowDown: focus + 1,
    ArrowUp: focus - 1,
    Home: 0,
    End: last,
    PageDown: focus + pageRows,
    PageUp: focus - pageRows,
  };
  const next = moves[key];
  return next === undefined ? null : Math.min(last, Math.max(0, next));
}
