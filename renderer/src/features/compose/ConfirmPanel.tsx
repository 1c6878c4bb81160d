import { useId } from 'react';

interface ConfirmPanelProps {
  message: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A question inside the compose dialog (a second modal on top would lose the user's place): an
 * alertdialog that takes focus on its first answer, so keyboard users land on the choice.
 */
export function ConfirmPanel({ message, confirm, cancel, onConfirm, onCancel }: ConfirmPanelProps) {
  const messageId = useId();
  return (
    <div className="confirm-panel" role="alertdialog" aria-labelledby={messageId}>
      <p id={messageId}>{message}</p>
      <div className="confirm-actions">
        <button type="button" className="primary" onClick={onConfirm} autoFocus>
          {confirm}
        </button>
        <button type="button" onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </div>
  );
}
