import { useRef, useState, type KeyboardEvent } from 'react';
import { SyncNowButton } from '../features/sync/SyncNowButton';
import { useUi, type DialogName } from './ui-store';

const ACTIONS: readonly { label: string; dialog: DialogName; primary?: true }[] = [
  { label: 'Compose', dialog: 'compose', primary: true },
  { label: 'Add account', dialog: 'add-account' },
  { label: 'Settings', dialog: 'settings' },
];

// Sync now comes last: it runs a pass instead of opening a dialog.
const SYNC_INDEX = ACTIONS.length;

/** The ARIA toolbar pattern: one Tab stop for the group, arrow keys (and Home/End) move within it. */
export function Toolbar() {
  const openDialog = useUi((state) => state.openDialog);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = SYNC_INDEX;
    const targets: Record<string, number> = {
      ArrowRight: active === last ? 0 : active + 1,
      ArrowLeft: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Mail actions" onKeyDown={onKeyDown}>
      {ACTIONS.map((action, index) => (
        <button
          key={action.dialog}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className={action.primary ? 'primary' : undefined}
          tabIndex={index === active ? 0 : -1}
          onFocus={() => setActive(index)}
          onClick={() => openDialog(action.dialog)}
        >
          {action.label}
        </button>
      ))}
      <SyncNowButton
        ref={(element) => {
          buttons.current[SYNC_INDEX] = element;
        }}
        tabIndex={SYNC_INDEX === active ? 0 : -1}
        onFocus={() => setActive(SYNC_INDEX)}
      />
    </div>
  );
}
