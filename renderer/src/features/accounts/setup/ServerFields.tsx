import { useId } from 'react';
import type { Security } from '../../../../../shared/model/account';
import { SelectField, TextField } from '../../../ui/fields';
import { defaultPort, type ServerForm } from './form';
import { AUTH_OPTIONS, SECURITY_OPTIONS } from './labels';
import type { FieldErrors } from './to-draft';

interface ServerFieldsProps {
  kind: 'imap' | 'pop3' | 'smtp';
  /** "incoming" or "outgoing": the error keys and the labels' context. */
  field: 'incoming' | 'outgoing';
  server: ServerForm;
  errors: FieldErrors;
  onChange: (patch: Partial<ServerForm>) => void;
  /** False when the outgoing server reuses the incoming login. */
  showUsername: boolean;
}

/** Host, port, security, username and authentication of one server. */
export function ServerFields({ kind, field, server, errors, onChange, showUsername }: ServerFieldsProps) {
  const where = field === 'incoming' ? 'Incoming' : 'Outgoing';
  const pinnedId = useId();
  function setSecurity(security: Security) {
    // A port the user never changed follows the security, as in every other mail client.
    const followsDefault = server.port === String(defaultPort(kind, server.security)) || server.port === '';
    onChange(followsDefault ? { security, port: String(defaultPort(kind, security)) } : { security });
  }
  return (
    <div className="server-fields">
      <TextField
        className="field-host"
        label={`${where} server`}
        shortLabel="Server"
        value={server.host}
        onChange={(host) => onChange({ host })}
        error={errors[`${field}.host`]}
        autoComplete="off"
        spellCheck={false}
        placeholder={kind === 'smtp' ? 'smtp.example.com' : `${kind}.example.com`}
      />
      <TextField
        className="field-port"
        label={`${where} port`}
        shortLabel="Port"
        value={server.port}
        onChange={(port) => onChange({ port })}
        error={errors[`${field}.port`]}
        inputMode="numeric"
        autoComplete="off"
      />
      <SelectField
        className="field-security"
        label={`${where} connection security`}
        shortLabel="Security"
        value={server.security}
        options={SECURITY_OPTIONS}
        onChange={setSecurity}
        error={errors[`${field}.security`]}
        hint={
          server.security === 'none' ? (
            <span className="warning-text">
              Not encrypted: your password and your mail cross the network in plain text, readable by anyone on the way.
            </span>
          ) : undefined
        }
      />
      {showUsername ? (
        <TextField
          className="field-username"
          label={`${where} username`}
          shortLabel="Username"
          value={server.username}
          onChange={(username) => onChange({ username })}
          error={errors[`${field}.username`]}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      <SelectField
        className="field-auth"
        label={`${where} authentication`}
        shortLabel="Authentication"
        value={server.authMethod}
        options={AUTH_OPTIONS}
        onChange={(authMethod) => onChange({ authMethod })}
      />
      {server.pinnedCertificate === null ? null : (
        <div className="pinned">
          <p id={pinnedId}>
            You trust this server’s own certificate, SHA-256{' '}
            <code className="fingerprint">{server.pinnedCertificate.fingerprint256}</code>.
          </p>
          <button type="button" onClick={() => onChange({ pinnedCertificate: null })} aria-describedby={pinnedId}>
            Stop trusting it
          </button>
        </div>
      )}
    </div>
  );
}
