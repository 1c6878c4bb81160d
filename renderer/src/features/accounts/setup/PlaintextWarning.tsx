import { CheckboxField } from '../../../ui/fields';
import type { AccountForm } from './form';
import type { FieldErrors } from './to-draft';

interface PlaintextWarningProps {
  form: AccountForm;
  errors: FieldErrors;
  update: (change: (form: AccountForm) => AccountForm) => void;
}

/** Shown while either server is set to no encryption; the account cannot be checked or saved without the tick. */
export function PlaintextWarning({ form, errors, update }: PlaintextWarningProps) {
  const servers = [
    form.incoming.security === 'none' ? `incoming (${form.incoming.host || 'no server yet'})` : null,
    form.outgoing.security === 'none' ? `outgoing (${form.outgoing.host || 'no server yet'})` : null,
  ].filter((server) => server !== null);
  if (servers.length === 0) return null;
  return (
    <section className="warning-box" aria-labelledby="plaintext-warning-title">
      <h3 id="plaintext-warning-title">Unencrypted connection</h3>
      <p>
        The {servers.join(' and ')} {servers.length === 1 ? 'server is' : 'servers are'} set to no encryption. Your
        password and your messages will be sent in plain text: anyone on the network path — a public Wi-Fi, your
        provider, a compromised router — can read them. Use this only for a server on a network you control.
      </p>
      <CheckboxField
        label="I understand that my password will be sent unencrypted"
        checked={form.insecureAcknowledged}
        onChange={(insecureAcknowledged) => update((f) => ({ ...f, insecureAcknowledged }))}
        error={errors.insecureAcknowledged}
      />
    </section>
  );
}
