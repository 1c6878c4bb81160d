import type { AutoconfigStep } from '../../../../../shared/model/setup';
import { SOURCE_LABELS, STATUS_LABELS } from './labels';

const ICONS: Record<AutoconfigStep['status'], string> = {
  running: '',
  found: '✓',
  'not-found': '–',
  failed: '✕',
  'timed-out': '⏱',
  cancelled: '■',
  skipped: '·',
};

function duration(step: AutoconfigStep): string {
  if (step.status === 'running' || step.status === 'skipped') return '';
  return step.durationMs < 1000
    ? ` · ${Math.round(step.durationMs)} ms`
    : ` · ${(step.durationMs / 1000).toFixed(1)} s`;
}

/** Where autoconfig looked and what each place answered, as main reports it. */
export function AutoconfigSteps({ steps }: { steps: readonly AutoconfigStep[] }) {
  if (steps.length === 0) return <p className="muted">Starting…</p>;
  return (
    <ol className="probe-steps" aria-label="Where Letterbox looked">
      {steps.map((step) => (
        <li key={step.source} className={`probe-step status-${step.status}`}>
          <span className="probe-icon" aria-hidden="true">
            {ICONS[step.status]}
          </span>
          <span className="probe-source">{SOURCE_LABELS[step.source]}</span>
          <span className="probe-status">
            {STATUS_LABELS[step.status]}
            {duration(step)}
          </span>
          <span className="probe-detail">{step.detail}</span>
        </li>
      ))}
    </ol>
  );
}
