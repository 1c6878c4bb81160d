import type { OutboxItem } from '../../../../shared/model/outbox';
import { errorMessage } from '../../ipc/client';
import { subjectText } from '../inbox/format';
import { cancelFailure, RETURNED_TO_DRAFTS } from './cancel-words';
import { useCancelSend, useMarkSent, useRetrySend } from './mutations';
import { useToasts } from './toast-store';

interface Action {
  label: string;
  run: () => void;
  primary?: boolean;
}

/**
 * What the user can do with a message in its current state. Main refuses what no longer applies
 * (conflict), so a click racing a state change gets an answer in words, never a wrong send.
 */
export function OutboxActions({ item }: { item: OutboxItem }) {
  const cancel = useCancelSend();
  const retry = useRetrySend();
  const markSent = useMarkSent();
  const showNote = useToasts((state) => state.showNote);
  const id = { id: item.id };
  const toDrafts = (label: string): Action => ({
    label,
    run: () => cancel.mutate(id, { onSuccess: () => showNote(RETURNED_TO_DRAFTS) }),
  });
  const sendAgain: Action = { label: 'Send again', run: () => retry.mutate(id), primary: true };

  const actions: Action[] = [];
  if (item.state === 'scheduled') actions.push(toDrafts(item.sendLater ? 'Cancel' : 'Undo'));
  if (item.state === 'queued') actions.push({ label: 'Retry now', run: () => retry.mutate(id) }, toDrafts('Cancel'));
  if (item.state === 'failed') actions.push(sendAgain, toDrafts('Back to drafts'));
  if (item.state === 'uncertain') actions.push(sendAgain, { label: 'Mark as sent', run: () => markSent.mutate(id) });
  if (actions.length === 0) return null;

  const busy = cancel.isPending || retry.isPending || markSent.isPending;
  const error = cancel.isError
    ? cancelFailure(cancel.error)
    : retry.isError || markSent.isError
      ? errorMessage(retry.error ?? markSent.error)
      : null;
  return (
    <div className="outbox-actions" role="group" aria-label={`Actions for ${subjectText(item.subject)}`}>
      {item.state === 'uncertain' ? (
        <p className="warning-text">
          It may already have arrived: the connection broke after the message went out, before the server confirmed it.
          Ask a recipient, or look in the Sent folder on the server, before sending it again.
        </p>
      ) : null}
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className={action.primary ? 'primary' : undefined}
          disabled={busy}
          onClick={action.run}
        >
          {action.label}
        </button>
      ))}
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
