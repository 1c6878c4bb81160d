import { CheckboxField, TextField } from '../../../ui/fields';
import { RadioGroup } from '../../../ui/RadioGroup';
import type { AccountForm } from './form';
import type { FieldErrors } from './to-draft';

interface MailOptionsProps {
  form: AccountForm;
  errors: FieldErrors;
  update: (change: (form: AccountForm) => AccountForm) => void;
}

/** What is kept on this computer and on the server: IMAP's offline window or POP3's server copies. */
export function MailOptionsSection({ form, errors, update }: MailOptionsProps) {
  const pop3 = (change: Partial<AccountForm['pop3']>) => update((f) => ({ ...f, pop3: { ...f.pop3, ...change } }));
  const imap = (change: Partial<AccountForm['imap']>) => update((f) => ({ ...f, imap: { ...f.imap, ...change } }));
  return (
    <fieldset className="section">
      <legend>Mail on this computer</legend>
      {form.incoming.protocol === 'imap' ? (
        <>
          <RadioGroup
            legend="Keep messages for offline reading"
            value={form.imap.allMail ? 'all' : 'days'}
            options={[
              { value: 'all', label: 'All mail' },
              { value: 'days', label: 'Mail from the last number of days below' },
            ]}
            onChange={(choice) => imap({ allMail: choice === 'all' })}
          />
          {form.imap.allMail ? null : (
            <TextField
              className="field-days"
              label="Days of mail to keep offline"
              inputMode="numeric"
              value={form.imap.offlineWindowDays}
              onChange={(offlineWindowDays) => imap({ offlineWindowDays })}
              error={errors['imap.offlineWindowDays']}
              hint="Older messages are downloaded when you open them."
            />
          )}
          <CheckboxField
            label="Use fast resynchronisation (QRESYNC)"
            checked={form.imap.qresync}
            onChange={(qresync) => imap({ qresync })}
            hint="Turn off only if this server shows deleted messages again or misses changes."
          />
        </>
      ) : (
        <>
          <CheckboxField
            label="Leave messages on the server"
            checked={form.pop3.leaveOnServer}
            onChange={(leaveOnServer) => pop3({ leaveOnServer })}
            hint={form.pop3.leaveOnServer ? undefined : 'Messages are deleted from the server once downloaded.'}
          />
          {form.pop3.leaveOnServer ? (
            <div className="nested">
              <CheckboxField
                label="Delete them from the server after a number of days"
                checked={form.pop3.deleteAfter}
                onChange={(deleteAfter) => pop3({ deleteAfter })}
              />
              {form.pop3.deleteAfter ? (
                <TextField
                  className="field-days"
                  label="Days before deleting from the server"
                  inputMode="numeric"
                  value={form.pop3.deleteAfterDays}
                  onChange={(deleteAfterDays) => pop3({ deleteAfterDays })}
                  error={errors['pop3.deleteAfterDays']}
                />
              ) : null}
              <CheckboxField
                label="Delete them from the server when I delete them here"
                checked={form.pop3.deleteWhenDeletedHere}
                onChange={(deleteWhenDeletedHere) => pop3({ deleteWhenDeletedHere })}
              />
            </div>
          ) : null}
        </>
      )}
      <CheckboxField
        label="Include this account in the unified inbox (All inboxes)"
        checked={form.includeInUnified}
        onChange={(includeInUnified) => update((f) => ({ ...f, includeInUnified }))}
      />
    </fieldset>
  );
}
