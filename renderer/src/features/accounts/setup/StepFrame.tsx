import { useEffect, useId, useRef, type ReactNode } from 'react';

interface StepFrameProps {
  heading: string;
  /** Makes the step a form: Enter submits it. */
  onSubmit?: () => void;
  /** The footer: Back, Continue, Save… */
  actions: ReactNode;
  children: ReactNode;
}

/**
 * One step of the setup flow: a heading, a scrolling body and a footer that stays in view. On
 * mount it moves focus to the element marked data-autofocus, else to the heading, so keyboard
 * and screen-reader users land at the start of each new step.
 */
export function StepFrame({ heading, onSubmit, actions, children }: StepFrameProps) {
  const headingId = useId();
  const container = useRef<HTMLDivElement & HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // After the frame, so a dialog opened in this same commit is showing (and focusable) by then.
    const frame = requestAnimationFrame(() => {
      const target = container.current?.querySelector<HTMLElement>('[data-autofocus]') ?? headingRef.current;
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  const body = (
    <>
      <div className="setup-scroll">
        <h3 id={headingId} ref={headingRef} className="step-heading" tabIndex={-1}>
          {heading}
        </h3>
        {children}
      </div>
      <div className="dialog-actions">{actions}</div>
    </>
  );
  if (onSubmit === undefined) {
    return (
      <div ref={container} className="setup-step" role="group" aria-labelledby={headingId}>
        {body}
      </div>
    );
  }
  return (
    <form
      ref={container}
      className="setup-step"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {body}
    </form>
  );
}

/** After a submit with errors: the first field that needs attention. */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('dialog[open] [aria-invalid="true"]')?.focus();
  });
}
