import { errorMessage } from '../../ipc/client';
import type { SaveState } from './use-autosave';

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Whether what is on screen is safe in the draft store: "Saved 14:02", "Saving…", or why not. */
export function SaveIndicator({ state }: { state: SaveState }) {
  let text: string;
  if (state.kind === 'pending') text = 'Saving…';
  else if (state.kind === 'failed') text = `Not saved yet: ${errorMessage(state.error)} Retrying.`;
  else text = state.at === null ? '' : `Saved ${clock(state.at)}`;
  return (
    <p className={state.kind === 'failed' ? 'save-state save-failed' : 'save-state'} role="status">
      {text}
    </p>
  );
}
