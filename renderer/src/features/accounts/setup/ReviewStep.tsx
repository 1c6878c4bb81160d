import type { IncomingCandidate, OutgoingCandidate } from '../../../../../shared/model/setup';
import { RadioGroup } from '../../../ui/RadioGroup';
import { AutoconfigSteps } from './AutoconfigSteps';
import { PROTOCOL_LABELS, SECURITY_LABELS, SOURCE_LABELS } from './labels';
import type { Discovery } from './setup-state';
import { StepFrame } from './StepFrame';

interface ReviewStepProps {
  email: string;
  discovery: Discovery;
  onChoose: (choice: number) => void;
  onBack: () => void;
  onManual: () => void;
  onVerify: () => void;
}

const describe = (protocol: string, server: OutgoingCandidate) =>
  `${protocol} · ${server.host} port ${server.port} · ${SECURITY_LABELS[server.security]} · username ${server.username}`;

function headingOf({ config, outcome }: Discovery): string {
  if (config !== null) return 'Check the settings Letterbox found';
  if (outcome === 'cancelled') return 'Search stopped';
  if (outcome === 'failed') return 'The search did not finish';
  return 'No settings found';
}

/** Step 2's answer: what was found (never applied without this confirmation) or that nothing was. */
export function ReviewStep({ email, discovery, onChoose, onBack, onManual, onVerify }: ReviewStepProps) {
  const { config } = discovery;
  const domain = email.split('@')[1] ?? email;
  const chosen: IncomingCandidate | undefined = config?.incoming[discovery.choice];
  const outgoing = config?.outgoing[0];
  const complete = chosen !== undefined && outgoing !== undefined;
  return (
    <StepFrame
      heading={headingOf(discovery)}
      actions={
        <>
          <button type="button" className="secondary-left" onClick={onBack}>
            Back
          </button>
          <button
            type="button"
            className={complete ? undefined : 'primary'}
            onClick={onManual}
            data-autofocus={complete ? undefined : true}
          >
            Edit settings manually
          </button>
          {complete ? (
            <button type="button" className="primary" onClick={onVerify} data-autofocus>
              Verify these settings
            </button>
          ) : null}
        </>
      }
    >
      {config === null ? (
        <p className="lead">
          {discovery.outcome === 'cancelled'
            ? 'You stopped the search. '
            : discovery.outcome === 'failed'
              ? `${discovery.error ?? 'Something went wrong.'} `
              : `Letterbox could not find the mail servers for ${domain}. `}
          Enter them yourself: your provider’s help pages list the server names, ports and security.
        </p>
      ) : (
        <>
          <p className="lead">
            Letterbox found these settings{config.providerName === null ? '' : ` for ${config.providerName}`} (source:{' '}
            {SOURCE_LABELS[config.source]}). Nothing is saved until the servers have accepted your login.
          </p>
          {config.incoming.length > 1 ? (
            <RadioGroup
              legend="How to receive mail"
              value={String(discovery.choice)}
              options={config.incoming.map((candidate, index) => ({
                value: String(index),
                label: describe(PROTOCOL_LABELS[candidate.protocol], candidate),
              }))}
              onChange={(value) => onChoose(Number(value))}
            />
          ) : null}
          <dl className="summary">
            <dt>Incoming mail</dt>
            <dd>{chosen === undefined ? '—' : describe(PROTOCOL_LABELS[chosen.protocol], chosen)}</dd>
            <dt>Outgoing mail</dt>
            <dd>{outgoing === undefined ? 'Not found: enter it in the settings.' : describe('SMTP', outgoing)}</dd>
          </dl>
          {config.guidance === null ? null : (
            <div className="note" role="note" aria-label={`Advice for ${config.providerName ?? domain}`}>
              <p>{config.guidance}</p>
            </div>
          )}
        </>
      )}
      <h4 className="subheading">Where Letterbox looked</h4>
      <AutoconfigSteps steps={discovery.steps} />
    </StepFrame>
  );
}
