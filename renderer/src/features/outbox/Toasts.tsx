import { useEffect, useState } from 'react';
import { OUTBOX, useUi } from '../../app/ui-store';
import { cancelFailure, RETURNED_TO_DRAFTS } from './cancel-words';
import { useCancelSend } from './mutations';
import { useOutbox } from './queries';
import { useToasts, type Toast } from './toast-store';

const NOTE_MS = 10_000;
const SENT_MS = 5_000;

/**
 * The snackbar. It comes right after the toolbar in the page (CSS pins it to the bottom), so
 * after Send, focus back on Compose, one Tab reaches Undo. One live region for all toasts, present
 * before any arrives so screen readers announce what is added.
 */
export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  return (
    <div className="toasts" role="status" aria-label="Sending">
      {toasts.map((toast) =>
        toast.kind === 'undo' ? (
          <UndoToast key={toast.key} toast={toast} />
        ) : (
          <NoteToast key={toast.key} toast={toast} />
        ),
      )}
    </div>
  );
}

/** Goes after `ms` by itself; `ms` null keeps it until dismissed. */
function useAutoDismiss(key: number, ms: number | null): () => void {
  const dismiss = useToasts((state) => state.dismiss);
  useEffect(() => {
    if (ms === null) return;
    const timer = setTimeout(() => dismiss(key), ms);
    return () => clearTimeout(timer);
  }, [dismiss, key, ms]);
  return () => dismiss(key);
}

function NoteToast({ toast }: { toast: Extract<Toast, { kind: 'note' }> }) {
  const dismiss = useAutoDismiss(toast.key, NOTE_MS);
  return (
    <div className="toast">
      <p>{toast.text}</p>
      <DismissButton onClick={dismiss} />
    </div>
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="toast-dismiss" aria-label="Dismiss" title="Dismiss" onClick={onClick}>
      ×
    </button>
  );
}

/** Whole seconds left until `iso`, ticking down to 0. */
function useSecondsLeft(iso: string): number {
  const [now, setNow] = useState(() => Date.now());
  const seconds = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  const running = seconds > 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

function UndoToast({ toast }: { toast: Extract<Toast, { kind: 'undo' }> }) {
  const seconds = useSecondsLeft(toast.sendAt);
  const [initial] = useState(seconds);
  const cancel = useCancelSend();
  const showNote = useToasts((state) => state.showNote);
  const dismiss = useToasts((state) => state.dismiss);

  const undo = () =>
    cancel.mutate(
      { id: toast.outboxId },
      {
        onSuccess: () => {
          dismiss(toast.key);
          showNote(RETURNED_TO_DRAFTS);
        },
      },
    );

  if (cancel.isError) return <ResultToast toastKey={toast.key} text={cancelFailure(cancel.error)} />;
  if (cancel.isPending) return <ResultToast toastKey={toast.key} text="Undoing…" />;
  if (seconds === 0) return <AfterDelayToast toast={toast} />;
  return (
    <div className="toast">
      <p>
        {/* The number ticks visibly; screen readers hear the sentence once, not every second. */}
        <span className="visually-hidden">{`Sending in ${initial} seconds.`}</span>
        <span aria-hidden="true">Sending in {seconds} s…</span>
      </p>
      <button type="button" className="toast-action" onClick={undo}>
        Undo
      </button>
    </div>
  );
}

function ResultToast({ toastKey, text }: { toastKey: number; text: string }) {
  const dismiss = useAutoDismiss(toastKey, null);
  return (
    <div className="toast">
      <p>{text}</p>
      <DismissButton onClick={dismiss} />
    </div>
  );
}

/** The undo window is over: the message's live state, until it is sent (or needs the user). */
function AfterDelayToast({ toast }: { toast: Extract<Toast, { kind: 'undo' }> }) {
  const item = useOutbox().data?.find((candidate) => candidate.id === toast.outboxId);
  const showSource = useUi((state) => state.showSource);
  const done = item?.state === 'sent' || item?.state === 'filed';
  const problem = item?.state === 'failed' || item?.state === 'uncertain';
  const dismiss = useAutoDismiss(toast.key, done || item === undefined ? SENT_MS : null);
  const text = done ? 'Message sent.' : problem ? 'Not sent: the Outbox says why.' : 'Sending…';
  return (
    <div className="toast">
      <p>{text}</p>
      {problem ? (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            showSource(OUTBOX);
            dismiss();
          }}
        >
          Open Outbox
        </button>
      ) : null}
      <DismissButton onClick={dismiss} />
    </div>
  );
}
