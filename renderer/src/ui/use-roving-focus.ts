import { useRef, useState, type KeyboardEvent } from 'react';

/**
 * One Tab stop for a group (toolbar, menu): arrow keys move within it, Home/End jump to the ends.
 * `props(index)` goes on each item.
 */
export function useRovingFocus(
  count: number,
  keys: { next: string; previous: string } = {
    next: 'ArrowRight',
    previous: 'ArrowLeft',
  },
) {
  const [active, setActive] = useState(0);
  const elements = useRef<(HTMLElement | null)[]>([]);
  const current = Math.min(active, count - 1);
  function onKeyDown(event: KeyboardEvent) {
    const last = count - 1;
    const targets: Record<string, number> = {
      [keys.next]: current === last ? 0 : current + 1,
      [keys.previous]: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    elements.current[next]?.focus();
  }
  const props = (index: number) => ({
    ref: (element: HTMLElement | null) => {
      elements.current[index] = element;
    },
    tabIndex: index === current ? 0 : -1,
    onFocus: () => setActive(index),
  });
  return { onKeyDown, props };
}
