import type { Ref } from 'react';
import { useRunSync } from './mutations';

/** What the toolbar's roving focus gives each of its buttons. */
export interface ToolbarItemProps {
  ref: Ref<HTMLButtonElement>;
  tabIndex: number;
  onFocus(): void;
}

/**
 * One sync pass over every account. aria-disabled rather than disabled while it runs: a disabled
 * button drops keyboard focus out of the toolbar.
 */
export function SyncNowButton(props: ToolbarItemProps) {
  const sync = useRunSync();
  const running = sync.isPending;
  return (
    <button
      type="button"
      {...props}
      aria-disabled={running}
      aria-busy={running}
      onClick={() => {
        if (!running) sync.mutate(null);
      }}
    >
      Sync now
    </button>
  );
}
