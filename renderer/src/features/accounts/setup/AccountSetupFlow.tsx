import { useCallback, useReducer, type ReactNode } from 'react';
import type { VerifyResult } from '../../../../../shared/model/setup';
import { errorMessage } from '../../../ipc/client';
import { useSaveAccount } from '../mutations';
import { DiscoveringStep } from './DiscoverSteps';
import { applyCandidates, guessFromAddress, type AccountForm } from './form';
import { IdentityStep } from './IdentityStep';
import { ReviewStep } from './ReviewStep';
import { SettingsStep } from './SettingsStep';
import { canSave, initialState, setupReducer, type Mode } from './setup-state';
import { focusFirstInvalid } from './StepFrame';
import { StepIndicator } from './StepIndicator';
import { toDraft } from './to-draft';
import { useSetupRequests } from './use-setup-requests';
import { VerifyStep } from './VerifyStep';

interface AccountSetupFlowProps {
  mode: Mode;
  initialForm: AccountForm;
  /** Closes the dialog (after saving, too). */
  close: () => void;
  /** Editing only: the footer's Remove account… */
  onRemove?: () => void;
}

/** Adding an account (details → find servers → settings → verify → save), or editing one (settings → verify → save). */
export function AccountSetupFlow({ mode, initialForm, close, onRemove }: AccountSetupFlowProps) {
  const [state, dispatch] = useReducer(setupReducer, undefined, () => initialState(mode, initialForm));
  const requests = useSetupRequests(dispatch, mode === 'add');
  const save = useSaveAccount();
  const update = useCallback(
    (change: (form: AccountForm) => AccountForm) => dispatch({ type: 'edit', update: change }),
    [],
  );
  const { form, phase, discovery } = state;
  const savable = canSave(state);

  /** The settings found, as the user confirmed them, or a start from the address alone. */
  function discoveredForm(): AccountForm {
    const chosen = discovery?.config?.incoming[discovery.choice];
    return chosen === undefined
      ? guessFromAddress(form)
      : applyCandidates(form, chosen, discovery?.config?.outgoing[0]);
  }

  function verify(next: AccountForm) {
    if (!requests.verify(next)) focusFirstInvalid();
  }

  function trust(result: VerifyResult) {
    const certificate = result.failure?.certificate;
    if (!certificate) return;
    const pinnedCertificate = { fingerprint256: certificate.fingerprint256, pem: certificate.pem };
    verify(
      result.server === 'incoming'
        ? { ...form, incoming: { ...form.incoming, pinnedCertificate } }
        : { ...form, outgoing: { ...form.outgoing, pinnedCertificate } },
    );
  }

  function doSave() {
    const checked = toDraft(form, mode === 'add');
    if (!checked.ok || !savable) return;
    const separate = !form.outgoing.sameCredentialsAsIncoming && form.outgoingPassword !== '';
    save.mutate(
      {
        account: checked.draft,
        password: form.password === '' ? null : form.password,
        outgoingPassword: separate ? form.outgoingPassword : null,
      },
      { onSuccess: close },
    );
  }

  let saveNote: ReactNode = null;
  if (save.isError) saveNote = <span role="alert">Not saved: {errorMessage(save.error)}</span>;
  else if (!savable) saveNote = 'Save is available once both servers accept these settings.';

  let step: ReactNode;
  switch (phase.step) {
    case 'identity':
      step = (
        <IdentityStep
          form={form}
          errors={state.errors}
          update={update}
          onErrors={(errors) => dispatch({ type: 'errors', errors })}
          onContinue={() => requests.discover(form.email)}
          onManual={() => dispatch({ type: 'show', step: 'form', form: guessFromAddress(form) })}
        />
      );
      break;
    case 'discovering':
      step = <DiscoveringStep email={form.email} steps={phase.steps} onCancel={requests.cancel} />;
      break;
    case 'review':
      step =
        discovery === null ? null : (
          <ReviewStep
            email={form.email}
            discovery={discovery}
            onChoose={(choice) => dispatch({ type: 'choose', choice })}
            onBack={() => dispatch({ type: 'show', step: 'identity' })}
            onManual={() => dispatch({ type: 'show', step: 'form', form: discoveredForm() })}
            onVerify={() => verify(discoveredForm())}
          />
        );
      break;
    case 'form':
      step = (
        <SettingsStep
          form={form}
          errors={state.errors}
          editing={mode === 'edit'}
          update={update}
          onVerify={() => verify(form)}
          onSave={doSave}
          canSave={savable}
          saving={save.isPending}
          saveNote={saveNote}
          leading={
            mode === 'edit' ? (
              <button type="button" className="secondary-left danger" onClick={onRemove}>
                Remove account…
              </button>
            ) : (
              <button
                type="button"
                className="secondary-left"
                onClick={() => dispatch({ type: 'show', step: discovery === null ? 'identity' : 'review' })}
              >
                Back
              </button>
            )
          }
        />
      );
      break;
    case 'verifying':
    case 'verified':
      step = (
        <VerifyStep
          key={phase.step}
          verification={phase.step === 'verifying' ? null : state.verification}
          canSave={savable}
          saving={save.isPending}
          saveNote={saveNote}
          onCancel={requests.cancel}
          onEdit={() => dispatch({ type: 'show', step: 'form' })}
          onVerifyAgain={() => verify(form)}
          onTrust={trust}
          onSave={doSave}
        />
      );
      break;
  }
  return (
    <>
      {mode === 'add' ? <StepIndicator phase={phase} /> : null}
      {step}
    </>
  );
}
