import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useContextMenu } from './context-menu-store';
import { MESSAGE_COMMANDS } from './message-commands';
import { useMessageActions } from './use-message-actions';

/**
 * The message list's context menu (right click, the Menu key or Shift+F10): the ARIA menu
 * pattern, arrow keys and Home/End to move, Enter to choose, Escape or Tab to close.
 */
export function ContextMenu() {
  const at = useContextMenu((state) => state.at);
  // A new opening is a new menu: focus starts on the first item again.
  return at === null ? null : <Menu key={`${at.x},${at.y}`} at={at} />;
}

function Menu({ at }: { at: { x: number; y: number } }) {
  const close = useContextMenu((state) => state.close);
  const actions = useMessageActions();
  const [active, setActive] = useState(0);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    items.current[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !items.current.some((item) => item?.contains(event.target as Node))) {
        close();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [close]);

  function onKeyDown(event: KeyboardEvent) {
    const last = MESSAGE_COMMANDS.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active === last ? 0 : active + 1,
      ArrowUp: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
      items.current[next]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    }
    event.stopPropagation();
  }

  return (
    <ul
      className="context-menu"
      role="menu"
      aria-label="Message actions"
      style={{ left: Math.min(at.x, window.innerWidth - 220), top: Math.min(at.y, window.innerHeight - 320) }}
      onKeyDown={onKeyDown}
    >
      {MESSAGE_COMMANDS.map((command, index) => (
        <li key={command.id} role="none">
          <button
            ref={(element) => {
              items.current[index] = element;
            }}
            type="button"
            role="menuitem"
            tabIndex={index === active ? 0 : -1}
            aria-keyshortcuts={command.ariaKey}
            onClick={() => {
              close();
              command.run(actions);
            }}
          >
            <span>{command.label}</span>
            <kbd aria-hidden="true">{command.ariaKey}</kbd>
          </button>
        </li>
      ))}
    </ul>
  );
}
