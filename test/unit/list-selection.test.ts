import { describe, expect, it } from 'vitest';
import { clickSelection, targetIndex } from '../../renderer/src/features/inbox/list-selection';

const rows = ['a', 'b', 'c', 'd', 'e'];
const between = (from: string, to: string) => {
  const [i, j] = [rows.indexOf(from), rows.indexOf(to)].sort((x, y) => x - y);
  return rows.slice(i, (j ?? 0) + 1);
};

describe('message list selection', () => {
  it('selects one row on a plain click, toggles with Ctrl, and takes a range from the anchor with Shift', () => {
    let selection = clickSelection({ ids: [], anchorId: null }, 'b', { range: false, toggle: false }, between);
    expect(selection).toEqual({ ids: ['b'], anchorId: 'b' });
    selection = clickSelection(selection, 'd', { range: true, toggle: false }, between);
    expect(selection).toEqual({ ids: ['b', 'c', 'd'], anchorId: 'b' });
    selection = clickSelection(selection, 'a', { range: true, toggle: false }, between);
    expect(selection.ids).toEqual(['a', 'b']);
    selection = clickSelection(selection, 'e', { range: false, toggle: true }, between);
    expect(selection).toEqual({ ids: ['a', 'b', 'e'], anchorId: 'e' });
    selection = clickSelection(selection, 'a', { range: false, toggle: true }, between);
    expect(selection.ids).toEqual(['b', 'e']);
    selection = clickSelection(selection, 'c', { range: true, toggle: true }, between);
    // The Ctrl-click on 'a' moved the anchor there.
    expect(new Set(selection.ids)).toEqual(new Set(['a', 'b', 'c', 'e']));
  });

  it('moves by one, by a page, to the ends, and stops at the edges', () => {
    expect(targetIndex('ArrowDown', 0, 100_000, 10)).toBe(1);
    expect(targetIndex('ArrowUp', 0, 100_000, 10)).toBe(0);
    expect(targetIndex('PageDown', 5, 100_000, 10)).toBe(15);
    expect(targetIndex('PageUp', 5, 100_000, 10)).toBe(0);
    expect(targetIndex('End', 5, 100_000, 10)).toBe(99_999);
    expect(targetIndex('ArrowDown', 99_999, 100_000, 10)).toBe(99_999);
    expect(targetIndex('Home', 500, 100_000, 10)).toBe(0);
    expect(targetIndex('x', 5, 100_000, 10)).toBeNull();
    expect(targetIndex('ArrowDown', 0, 0, 10)).toBeNull();
  });
});
