import { useId, type ReactNode } from 'react';
import type { VerifyResult } from '../../../../../shared/model/setup';
import { ServerResult } from './ServerResult';
import type { Verification } from './setup-state';
import { StepFrame } from './StepFrame';

interface VerifyStepProps {
  /** Null while the check runs. */
  verification: Verification | null;
  canSave: boolean;
  saving: boolean;
  saveNote: ReactNode;
  onCancel: () => void;
  onEdit: () => void;
  onVerifyAgain: () => void;
  onTrust: (result: VerifyResult) => void;
  onSave: () => void;
}

function summary(verification: Verification | null): string {
  if (verification === null) return 'Checking both servers…';
  const { result, error } = verification;
  if (error !== null || result === null) return `The check could not run: ${error ?? 'no answer'}`;
  if (result.incoming.ok && result.outgoing.ok) return 'Both servers accepted your login. You can save the account.';
  const failed = [result.incoming.ok ? null : 'incoming', result.outgoing.ok ? null : 'outgoing'].filter(Boolean);
  return `The ${failed.join(' and ')} ${failed.length === 1 ? 'server check' : 'server checks'} failed. See below.`;
}

/** Step 4: logging in to both servers with the settings as they are, then Save. */
export function VerifyStep(props: VerifyStepProps) {
  const { verification, canSave, saving, saveNote, onCancel, onEdit, onVerifyAgain, onTrust, onSave } = props;
  const noteId = useId();
  const running = verification === null;
  return (
    <StepFrame
      heading={running ? 'Checking your servers' : 'Check results'}
      actions={
        running ? (
          <button type="button" onClick={onCancel} data-autofocus>
            Cancel
          </button>
        ) : (
          <>
            <button
              type="button"
              className="secondary-left"
              onClick={onEdit}
              data-autofocus={canSave ? undefined : true}
            >
              Edit settings
            </button>
            <span id={noteId} className="action-note">
              {saveNote}
            </span>
            <button type="button" onClick={onVerifyAgain}>
              Verify again
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canSave || saving}
              aria-describedby={noteId}
              onClick={onSave}
              data-autofocus={canSave ? true : undefined}
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
          </>
        )
      }
    >
      <p className="lead" role="status">
        {summary(verification)}
      </p>
      {verification?.error ? (
        <p className="form-error" role="alert">
          {verification.error}
        </p>
      ) : null}
      {running || verification.result !== null ? (
        <>
          <ServerResult
            title="Incoming mail"
            result={verification?.result?.incoming ?? null}
            onTrust={onTrust}
            busy={running}
          />
          <ServerResult
            title="Outgoing mail"
            result={verification?.result?.outgoing ?? null}
            onTrust={onTrust}
            busy={running}
          />
        </>
      ) : null}
    </StepFrame>
  );
}
