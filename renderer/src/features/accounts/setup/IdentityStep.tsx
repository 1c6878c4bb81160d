import { EmailSchema } from '../../../../../shared/model/account';
import { AccountSection } from './AccountSection';
import type { AccountForm } from './form';
import { StepFrame, focusFirstInvalid } from './StepFrame';
import type { FieldErrors } from './to-draft';

interface IdentityStepProps {
  form: AccountForm;
  errors: FieldErrors;
  update: (change: (form: AccountForm) => AccountForm) => void;
  onErrors: (errors: FieldErrors) => void;
  onContinue: () => void;
  onManual: () => void;
}

export function checkIdentity(form: AccountForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.name.trim() === '') errors['identity.name'] = 'Enter your name as people will see it';
  const email = EmailSchema.safeParse(form.email);
  if (!email.success) errors['identity.address'] = email.error.issues[0]?.message ?? 'Enter your email address';
  if (form.password === '') errors.password = 'Enter the password';
  return errors;
}

/** Step 1: name, address, password. Continue looks the servers up; nothing is applied without asking. */
export function IdentityStep({ form, errors, update, onErrors, onContinue, onManual }: IdentityStepProps) {
  function submit() {
    const found = checkIdentity(form);
    onErrors(found);
    if (Object.keys(found).length > 0) focusFirstInvalid();
    else onContinue();
  }
  return (
    <StepFrame
      heading="Your name, address and password"
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="secondary-left" onClick={onManual}>
            Set up manually
          </button>
          <button type="submit" className="primary">
            Continue
          </button>
        </>
      }
    >
      <p className="lead">Letterbox will look up your provider’s mail servers and show you what it found.</p>
      <AccountSection form={form} errors={errors} update={update} editing={false} short autoFocus />
    </StepFrame>
  );
}
