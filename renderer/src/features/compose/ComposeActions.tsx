import { useId, useState } from 'react';
import { defaultSendLater } from './compose-form';
import { SaveIndicator } from './SaveIndicator';
import { SendLaterPanel } from './SendLaterPanel';
import type { SaveState } from './use-autosave';

interface ComposeActionsProps {
  /** Why Send is unavailable, in words; null when it can be sent. */
  blocked: string | null;
  sending: boolean;
  saveState: SaveState;
  /** null: now (after the undo delay); an ISO time: send later. */
  onSend: (sendAt: string | null) => void;
  onDiscard: () => void;
}

/** The dialog's footer: Discard, Send later, whether the draft is saved, and Send. */
export function ComposeActions({ blocked, sending, saveState, onSend, onDiscard }: ComposeActionsProps) {
  const laterId = useId();
  const noteId = useId();
  const [laterOpen, setLaterOpen] = useState(false);
  const [sendAt, setSendAt] = useState('');
  const unavailable = blocked !== null || sending;
  return (
    <>
      {laterOpen ? (
        <SendLaterPanel id={laterId} value={sendAt} onChange={setSendAt} onSchedule={onSend} disabled={unavailable} />
      ) : null}
      <div className="dialog-actions compose-actions">
        <button type="button" className="secondary-left" onClick={onDiscard}>
          Discard
        </button>
        <button
          type="button"
          aria-expanded={laterOpen}
          aria-controls={laterOpen ? laterId : undefined}
          onClick={() => {
            if (!laterOpen && sendAt === '') setSendAt(defaultSendLater());
            setLaterOpen(!laterOpen);
          }}
        >
          Send later…
        </button>
        <SaveIndicator state={saveState} />
        <p className="action-note" id={noteId}>
          {blocked}
        </p>
        <button
          type="button"
          className="primary"
          disabled={unavailable}
          aria-describedby={blocked === null ? undefined : noteId}
          onClick={() => onSend(null)}
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </>
  );
}
