import { useId, type ReactNode } from 'react';
import { AccountSection } from './AccountSection';
import type { AccountForm } from './form';
import { MailOptionsSection } from './MailOptionsSection';
import { PlaintextWarning } from './PlaintextWarning';
import { IncomingSection, OutgoingSection } from './ServerSections';
import { StepFrame } from './StepFrame';
import type { FieldErrors } from './to-draft';

interface SettingsStepProps {
  form: AccountForm;
  errors: FieldErrors;
  editing: boolean;
  update: (change: (form: AccountForm) => AccountForm) => void;
  onVerify: () => void;
  onSave: () => void;
  canSave: boolean;
  saving: boolean;
  /** Back (adding) or Remove account… (editing), at the footer's start. */
  leading: ReactNode;
  /** Why Save is unavailable, or what went wrong saving. */
  saveNote: ReactNode;
}

/** Every setting of the account, for manual setup and for editing. Enter verifies. */
export function SettingsStep(props: SettingsStepProps) {
  const { form, errors, editing, update, onVerify, onSave, canSave, saving, leading, saveNote } = props;
  const noteId = useId();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StepFrame
      heading={editing ? 'Settings' : 'Server settings'}
      onSubmit={onVerify}
      actions={
        <>
          {leading}
          <span id={noteId} className="action-note">
            {saveNote}
          </span>
          <button type="submit" className={canSave ? undefined : 'primary'}>
            Verify
          </button>
          <button
            type="button"
            className={canSave ? 'primary' : undefined}
            disabled={!canSave || saving}
            aria-describedby={noteId}
            onClick={onSave}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="lead">
        {editing
          ? 'Changes to the servers or the password are checked with Verify before they can be saved.'
          : 'Check each setting. Verify logs in to both servers; nothing is saved before that succeeds.'}
      </p>
      {hasErrors ? (
        <p className="form-error" role="alert">
          Some settings need attention; they are marked below.
        </p>
      ) : null}
      <fieldset className="section">
        <legend>Account</legend>
        <AccountSection form={form} errors={errors} update={update} editing={editing} autoFocus={!editing} />
      </fieldset>
      <IncomingSection form={form} errors={errors} update={update} editing={editing} />
      <OutgoingSection form={form} errors={errors} update={update} editing={editing} />
      <PlaintextWarning form={form} errors={errors} update={update} />
      <MailOptionsSection form={form} errors={errors} update={update} />
    </StepFrame>
  );
}
