import { createContext, useCallback, useContext, useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /**
   * The content brings its own buttons (a form's footer): the dialog then adds a × in its header
   * instead of a Close button below, and the content closes it with useDialogClose().
   */
  ownActions?: boolean;
  /** Room for a settings form. */
  wide?: boolean;
}

const CloseContext = createContext<() => void>(() => undefined);

/** Closes the dialog around the caller the way Escape does (so focus returns where it was). */
export function useDialogClose(): () => void {
  return useContext(CloseContext);
}

/**
 * A modal built on the native <dialog>: the browser supplies the dialog role, the focus trap,
 * Escape, the inert background and focus return on close. Mount it to open it.
 */
export function Dialog({ title, onClose, children, ownActions = false, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // close() rather than onClose directly, so Escape and the buttons take one path.
  const close = useCallback(() => ref.current?.close(), []);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null || dialog.open) return;
    dialog.showModal();
    // showModal focuses the first focusable element; content can name a better start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {ownActions ? (
          <button type="button" className="dialog-close" aria-label="Close" title="Close" onClick={close}>
            ×
          </button>
        ) : null}
      </div>
      <CloseContext value={close}>
        <div className="dialog-body">{children}</div>
      </CloseContext>
      {ownActions ? null : (
        <div className="dialog-actions">
          <button type="button" onClick={close} autoFocus>
            Close
          </button>
        </div>
      )}
    </dialog>
  );
}
