import type { Phase } from './setup-state';

const STEPS = ['Your details', 'Find servers', 'Settings', 'Verify and save'] as const;

function indexOf(phase: Phase): number {
  switch (phase.step) {
    case 'identity':
      return 0;
    case 'discovering':
    case 'review':
      return 1;
    case 'form':
      return 2;
    case 'verifying':
    case 'verified':
      return 3;
  }
}

/** Where the user is in adding an account. */
export function StepIndicator({ phase }: { phase: Phase }) {
  const current = indexOf(phase);
  return (
    <ol className="step-indicator" aria-label="Setup steps">
      {STEPS.map((label, index) => (
        <li
          key={label}
          className={index < current ? 'done' : index === current ? 'current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="step-number" aria-hidden="true">
            {index < current ? '✓' : index + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  );
}
