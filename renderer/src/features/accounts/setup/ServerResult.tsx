import type { VerifyResult } from '../../../../../shared/model/setup';
import { CertificatePanel } from './CertificatePanel';
import { FAILURE_TITLES, PROTOCOL_LABELS, VERIFY_STEP_LABELS } from './labels';

interface ServerResultProps {
  title: string;
  result: VerifyResult | null;
  onTrust: (result: VerifyResult) => void;
  busy: boolean;
}

/** One server's check: each step, then either success or what failed, in the server's own words too. */
export function ServerResult({ title, result, onTrust, busy }: ServerResultProps) {
  const state = result === null ? 'running' : result.ok ? 'ok' : 'failed';
  const label = `${title} result`;
  return (
    <section className={`server-result result-${state}`} aria-label={label}>
      <header className="server-result-header">
        <h4>
          {title}
          {result === null ? null : (
            <span className="muted">
              {' '}
              · {PROTOCOL_LABELS[result.protocol]} · {result.host}:{result.port}
            </span>
          )}
        </h4>
        <p className="server-result-status">
          {state === 'running' ? (
            <>
              <span className="spinner" aria-hidden="true" /> Checking…
            </>
          ) : state === 'ok' ? (
            '✓ Connected and logged in'
          ) : (
            `✕ ${result?.failure === null || result?.failure === undefined ? 'Failed' : FAILURE_TITLES[result.failure.code]}`
          )}
        </p>
      </header>
      {result === null ? null : (
        <ol className="verify-steps" aria-label={`${title}: steps`}>
          {result.steps.map((step, index) => (
            <li key={`${step.step}-${index}`} className={step.ok ? 'step-ok' : 'step-failed'}>
              <span aria-hidden="true">{step.ok ? '✓' : '✕'}</span>{' '}
              <span className="visually-hidden">{step.ok ? 'Passed:' : 'Failed:'}</span>
              <strong>{VERIFY_STEP_LABELS[step.step]}</strong>{' '}
              {/* A failed step's detail is usually the failure message shown below: say it once. */}
              {step.detail === result.failure?.message ? null : <span className="muted">{step.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      {result?.failure ? (
        <div className="failure">
          <p>{result.failure.message}</p>
          {result.failure.serverText === null ? null : (
            <figure className="server-words">
              <figcaption>The server said:</figcaption>
              <pre>{result.failure.serverText}</pre>
            </figure>
          )}
          {result.failure.authMethods === null || result.failure.authMethods.length === 0 ? null : (
            <p className="muted">Login methods the server offers: {result.failure.authMethods.join(', ')}</p>
          )}
          {result.failure.certificate === null ? null : (
            <CertificatePanel
              host={result.host}
              certificate={result.failure.certificate}
              busy={busy}
              onTrust={() => onTrust(result)}
            />
          )}
        </div>
      ) : null}
    </section>
  );
}
