import type { AutoconfigStep } from '../../../../../shared/model/setup';
import { AutoconfigSteps } from './AutoconfigSteps';
import { SOURCE_LABELS } from './labels';
import { StepFrame } from './StepFrame';

interface DiscoveringStepProps {
  email: string;
  steps: readonly AutoconfigStep[];
  onCancel: () => void;
}

/** Step 2 while autoconfig runs: each place it asks appears as main reports it. */
export function DiscoveringStep({ email, steps, onCancel }: DiscoveringStepProps) {
  const running = steps.find((step) => step.status === 'running');
  return (
    <StepFrame
      heading="Looking for your mail servers"
      actions={
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
      }
    >
      <p className="lead">
        <span className="spinner" aria-hidden="true" /> Finding the settings for <strong>{email}</strong>…
      </p>
      <p className="visually-hidden" role="status">
        {running === undefined ? 'Looking…' : `Asking: ${SOURCE_LABELS[running.source]}`}
      </p>
      <AutoconfigSteps steps={steps} />
    </StepFrame>
  );
}
