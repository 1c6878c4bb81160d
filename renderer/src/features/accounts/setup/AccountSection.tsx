import { TextField } from '../../../ui/fields';
import { withEmail, type AccountForm } from './form';
import type { FieldErrors } from './to-draft';

interface AccountSectionProps {
  form: AccountForm;
  errors: FieldErrors;
  update: (change: (form: AccountForm) => AccountForm) => void;
  editing: boolean;
  /** Step 1 asks only for name, address and password; the full form adds the account's name. */
  short?: boolean;
  autoFocus?: boolean;
}

/** Who you are and how you log in. */
export function AccountSection({
  form,
  errors,
  update,
  editing,
  short = false,
  autoFocus = false,
}: AccountSectionProps) {
  return (
    <div className="account-fields">
      <TextField
        label="Your name"
        value={form.name}
        onChange={(name) => update((f) => ({ ...f, name }))}
        error={errors['identity.name']}
        hint={short ? 'As people you write to will see it.' : undefined}
        autoComplete="name"
        data-autofocus={autoFocus ? true : undefined}
      />
      <TextField
        label="Email address"
        type="email"
        value={form.email}
        onChange={(email) => update((f) => withEmail(f, email.trim()))}
        error={errors['identity.address']}
        autoComplete="email"
        spellCheck={false}
      />
      <TextField
        label="Password"
        type="password"
        value={form.password}
        onChange={(password) => update((f) => ({ ...f, password }))}
        error={errors.password}
        hint={
          editing
            ? 'Leave empty to keep the saved password.'
            : 'Kept in this computer’s secret store, never in a settings file.'
        }
        autoComplete={editing ? 'new-password' : 'current-password'}
      />
      {short ? null : (
        <TextField
          label="Account name"
          value={form.displayName}
          onChange={(displayName) => update((f) => ({ ...f, displayName }))}
          error={errors.displayName}
          hint="Shown in the folder list."
        />
      )}
    </div>
  );
}
