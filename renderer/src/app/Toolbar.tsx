import { SyncNowButton } from '../features/sync/SyncNowButton';
import { useRovingFocus } from '../ui/use-roving-focus';
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
  const roving = useRovingFocus(SYNC_INDEX + 1);
  return (
    <div className="toolbar" role="toolbar" aria-label="Mail actions" onKeyDown={roving.onKeyDown}>
      {ACTIONS.map((action, index) => (
        <button
          key={action.dialog}
          {...roving.props(index)}
          type="button"
          className={action.primary ? 'primary' : undefined}
          onClick={() => openDialog(action.dialog)}
        >
          {action.label}
        </button>
      ))}
      <SyncNowButton {...roving.props(SYNC_INDEX)} />
    </div>
  );
}
