import { CheckboxField, TextField } from '../../../ui/fields';
import { RadioGroup } from '../../../ui/RadioGroup';
import { defaultPort, type AccountForm, type Protocol, type ServerForm } from './form';
import { ServerFields } from './ServerFields';
import type { FieldErrors } from './to-draft';

interface SectionProps {
  form: AccountForm;
  errors: FieldErrors;
  update: (change: (form: AccountForm) => AccountForm) => void;
  editing: boolean;
}

const PROTOCOLS = [
  { value: 'imap', label: 'IMAP (mail stays on the server, in folders)' },
  { value: 'pop3', label: 'POP3 (mail is downloaded to this computer)' },
] as const;

export function IncomingSection({ form, errors, update }: SectionProps) {
  const { incoming } = form;
  const patch = (change: Partial<ServerForm>) => update((f) => ({ ...f, incoming: { ...f.incoming, ...change } }));
  function setProtocol(protocol: Protocol) {
    const followsDefault = incoming.port === String(defaultPort(incoming.protocol, incoming.security));
    update((f) => ({
      ...f,
      incoming: {
        ...f.incoming,
        protocol,
        port: followsDefault ? String(defaultPort(protocol, incoming.security)) : f.incoming.port,
      },
    }));
  }
  return (
    <fieldset className="section">
      <legend>Incoming mail</legend>
      <RadioGroup
        legend="Protocol"
        className="inline"
        value={incoming.protocol}
        options={PROTOCOLS}
        onChange={setProtocol}
      />
      <ServerFields
        kind={incoming.protocol}
        field="incoming"
        server={incoming}
        errors={errors}
        onChange={patch}
        showUsername
      />
    </fieldset>
  );
}

export function OutgoingSection({ form, errors, update, editing }: SectionProps) {
  const { outgoing } = form;
  const patch = (change: Partial<AccountForm['outgoing']>) =>
    update((f) => ({ ...f, outgoing: { ...f.outgoing, ...change } }));
  return (
    <fieldset className="section">
      <legend>Outgoing mail (SMTP)</legend>
      <ServerFields
        kind="smtp"
        field="outgoing"
        server={outgoing}
        errors={errors}
        onChange={patch}
        showUsername={false}
      />
      <CheckboxField
        label="Use the same username and password as for incoming mail"
        checked={outgoing.sameCredentialsAsIncoming}
        onChange={(sameCredentialsAsIncoming) =>
          patch(
            sameCredentialsAsIncoming
              ? { sameCredentialsAsIncoming }
              : { sameCredentialsAsIncoming, username: outgoing.username || form.incoming.username },
          )
        }
      />
      {outgoing.sameCredentialsAsIncoming ? null : (
        <TextField
          label="Outgoing username"
          shortLabel="Username"
          value={outgoing.username}
          onChange={(username) => patch({ username })}
          error={errors['outgoing.username']}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {outgoing.sameCredentialsAsIncoming ? null : (
        <TextField
          label="Outgoing password"
          shortLabel="Password"
          type="password"
          autoComplete="new-password"
          value={form.outgoingPassword}
          onChange={(outgoingPassword) => update((f) => ({ ...f, outgoingPassword }))}
          error={errors.outgoingPassword}
          hint={editing ? 'Leave empty to keep the saved password.' : undefined}
        />
      )}
    </fieldset>
  );
}
