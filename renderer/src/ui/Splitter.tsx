import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  label: string;
  /** 'vertical': a bar between columns, moved left and right; 'horizontal': between rows. */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** While dragging or on each key press. */
  onChange(value: number): void;
  /** When the move is over (pointer up, key pressed): the time to save it. */
  onCommit(value: number): void;
}

const STEP = 16;
const BIG_STEP = 64;

/** A window splitter (ARIA separator): drag it, or focus it and use the arrow keys, Home and End. */
export function Splitter({ label, orientation, value, min, max, onChange, onCommit }: SplitterProps) {
  const drag = useRef<{ origin: number; start: number } | null>(null);
  const clamp = (n: number) => Math.round(Math.min(max, Math.max(min, n)));
  const position = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);

  function onKeyDown(event: KeyboardEvent) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const targets: Record<string, number> = { [less]: value - step, [more]: value + step, Home: min, End: max };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(clamp(next));
    onCommit(clamp(next));
  }

  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { origin: position(event), start: value };
      }}
      onPointerMove={(event) => {
        if (drag.current) onChange(clamp(drag.current.start + position(event) - drag.current.origin));
      }}
      onPointerUp={(event) => {
        if (!drag.current) return;
        const next = clamp(drag.current.start + position(event) - drag.current.origin);
        drag.current = null;
        onCommit(next);
      }}
    />
  );
}
