import { useId, type ReactNode } from 'react';

interface PaneProps {
  /** Visible heading and the region's accessible name. */
  title: string;
  className: string;
  children: ReactNode;
}

/** One of the window's panes: a named region, so screen readers can jump between them. */
export function Pane({ title, className, children }: PaneProps) {
  const headingId = useId();
  return (
    <section className={`pane ${className}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="pane-title">
        {title}
      </h2>
      <div className="pane-body">{children}</div>
    </section>
  );
}
