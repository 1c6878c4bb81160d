import { AccountDraftSchema, type AccountDraft } from '../../../../../shared/model/account';
import { DEFAULT_OFFLINE_DAYS, usesPlaintext, type AccountForm, type ServerForm } from './form';

/** Field path ("incoming.host", "identity.address", "password") → what is wrong with it. */
export type FieldErrors = Partial<Record<string, string>>;

export type DraftResult = { ok: true; draft: AccountDraft } | { ok: false; errors: FieldErrors };

function whole(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** Issue paths from the model's schema, in the form's words ("identities.0.address" → "identity.address"). */
function fieldOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'identities') return ['identity', ...parts.slice(2)].join('.');
  return parts.join('.');
}

/**
 * Checks the form and builds what main takes. Field checks the schema cannot do (numbers typed as
 * text, required passwords) come first; the rest are the model's own rules and messages.
 */
export function toDraft(form: AccountForm, passwordRequired: boolean): DraftResult {
  const errors: FieldErrors = {};
  const port = (field: string, server: ServerForm) => {
    const value = whole(server.port, 1, 65_535);
    if (value === null) errors[field] = 'Enter a port number from 1 to 65535';
    return value ?? 1;
  };
  const days = (field: string, text: string, max: number) => {
    const value = whole(text, 1, max);
    if (value === null) errors[field] = `Enter a number of days from 1 to ${max}`;
    return value ?? 1;
  };
  if (form.name.trim() === '') errors['identity.name'] = 'Enter your name as people will see it';
  if (passwordRequired && form.password === '') errors.password = 'Enter the password';
  if (passwordRequired && !form.outgoing.sameCredentialsAsIncoming && form.outgoingPassword === '') {
    errors.outgoingPassword = 'Enter the password for the outgoing server';
  }
  const plaintext = usesPlaintext(form);
  if (plaintext && !form.insecureAcknowledged) {
    errors.insecureAcknowledged = 'Tick this box to use an unencrypted connection, or choose TLS or STARTTLS';
  }

  const pop3 = form.incoming.protocol === 'pop3';
  const [first, ...others] = form.identities;
  const candidate = {
    id: form.id,
    displayName: form.displayName.trim() || form.email.trim(),
    incoming: { ...form.incoming, port: port('incoming.port', form.incoming) },
    outgoing: { ...form.outgoing, port: port('outgoing.port', form.outgoing) },
    identities: [
      {
        // Everything the form does not edit (signatures, an own SMTP server) is kept as it was.
        ...first,
        id: first?.id ?? crypto.randomUUID(),
        replyTo: first?.replyTo ?? null,
        signature: first?.signature ?? '',
        smtp: first?.smtp ?? null,
        name: form.name.trim(),
        address: form.email.trim(),
      },
      ...others,
    ],
    pop3: {
      leaveOnServer: form.pop3.leaveOnServer,
      deleteAfterDays: !(form.pop3.leaveOnServer && form.pop3.deleteAfter)
        ? null
        : pop3
          ? days('pop3.deleteAfterDays', form.pop3.deleteAfterDays, 3650)
          : whole(form.pop3.deleteAfterDays, 1, 3650),
      deleteWhenDeletedHere: form.pop3.deleteWhenDeletedHere,
    },
    // Options of the protocol not in use are kept as they were (they are hidden, so never an error).
    imap: {
      offlineWindowDays: form.imap.allMail
        ? null
        : pop3
          ? (whole(form.imap.offlineWindowDays, 1, 36_500) ?? DEFAULT_OFFLINE_DAYS)
          : days('imap.offlineWindowDays', form.imap.offlineWindowDays, 36_500),
      qresync: form.imap.qresync,
    },
    includeInUnified: form.includeInUnified,
    insecureAcknowledged: plaintext && form.insecureAcknowledged,
  };
  const parsed = AccountDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, draft: parsed.data };
}
