import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Draft, DraftFields } from '../../../../shared/model/draft';
import { call, errorMessage } from '../../ipc/client';
import { useDialogClose } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/fields';
import { AddressField } from './AddressField';
import { AttachmentList } from './AttachmentList';
import { BodyField, type Body } from './BodyField';
import { ComposeActions } from './ComposeActions';
import { ADDRESS_FIELDS, checkCompose } from './compose-form';
import { ConfirmPanel } from './ConfirmPanel';
import { mentionsAttachment } from './forgotten-attachment';
import { sendErrorText } from './send-error';
import { useAttachments } from './use-attachments';
import { useAutosave } from './use-autosave';
import type { IdentityOption } from './use-identities';
import { useInlineSources } from './use-inline-sources';
import { useSendDraft } from './use-send-draft';
import { useSizeWarning } from './use-size-warning';

/** A question shown above the footer; the reminder remembers which send it interrupted. */
type Prompt = { kind: 'attachment'; sendAt: string | null } | { kind: 'discard' } | null;

/** The draft's editable fields; a draft written before any account existed gets the first one. */
function fieldsOf(draft: Draft, identities: IdentityOption[]): DraftFields {
  const { accountId, identityId, to, cc, bcc, subject, format, html, text, inReplyTo, references, source } = draft;
  const first = identities[0];
  const known = identities.some((option) => option.identityId === identityId && option.accountId === accountId);
  const from = known || first === undefined ? { accountId, identityId } : first;
  return {
    accountId: from.accountId,
    identityId: from.identityId,
    ...{ to, cc, bcc, subject, format, html, text, inReplyTo, references, source },
  };
}

/**
 * Compose then Escape, or a reply abandoned before typing, should not leave an empty draft behind.
 * Only when nothing at all changed: anything typed is kept.
 */
function useDropIfUntouched(
  fresh: boolean,
  draftId: string,
  fields: DraftFields,
  attachmentCount: number,
  stopAutosave: () => void,
) {
  const [initial] = useState(() => JSON.stringify(fields));
  const untouched = fresh && attachmentCount === 0 && JSON.stringify(fields) === initial;
  const latest = useRef(untouched);
  useEffect(() => {
    latest.current = untouched;
  }, [untouched]);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    // StrictMode unmounts and remounts at once in development: that is not a close.
    clearTimeout(pending.current);
    return () => {
      if (!latest.current) return;
      pending.current = setTimeout(() => {
        stopAutosave();
        call('drafts:delete', { id: draftId }).catch(() => undefined);
      });
    };
  }, [draftId, stopAutosave]);
}

const hasFiles = (data: DataTransfer | null): data is DataTransfer => (data?.files.length ?? 0) > 0;

/**
 * Everything about one message being written. Each change is autosaved; files are stored as they
 * are added; on an error from main the dialog stays open with everything as it was.
 */
interface ComposeFormProps {
  draft: Draft;
  identities: IdentityOption[];
  /** Started by this opening (not a saved draft reopened): closed untouched, it is not kept. */
  fresh: boolean;
}

export function ComposeForm({ draft, identities, fresh }: ComposeFormProps) {
  const close = useDialogClose();
  const [fields, setFields] = useState(() => fieldsOf(draft, identities));
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [discardError, setDiscardError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const autosave = useAutosave(draft.id, fields, draft.updatedAt);
  const attachments = useAttachments(draft.id, draft.attachments);
  const sources = useInlineSources(draft);
  const send = useSendDraft(draft.id, autosave.flush);
  const check = checkCompose(fields);
  const sizeWarning = useSizeWarning(fields, attachments.list);
  useDropIfUntouched(fresh, draft.id, fields, attachments.list.length, autosave.stop);
  const fromKey = identities.find((o) => o.identityId === fields.identityId && o.accountId === fields.accountId)?.key;

  const update = (patch: Partial<DraftFields>) => setFields((old) => ({ ...old, ...patch }));
  const setBody = (body: Body) => update(body);

  function submit(sendAt: string | null, confirmed = false) {
    if (check.blocked !== null || send.isPending) return;
    const noFiles = attachments.list.every((attachment) => attachment.inline);
    if (!confirmed && noFiles && mentionsAttachment(fields.subject, fields.text)) {
      setPrompt({ kind: 'attachment', sendAt });
      return;
    }
    setPrompt(null);
    send.mutate(sendAt, {
      onSuccess: () => {
        autosave.stop();
        close();
      },
    });
  }

  async function discard() {
    autosave.stop();
    try {
      await call('drafts:delete', { id: draft.id });
      close();
    } catch (error) {
      setDiscardError(`Could not discard the draft: ${errorMessage(error)}`);
    }
  }

  // Files dropped or pasted anywhere in the dialog; the editor handles (and marks) its own first.
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || !hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    attachments.add([...event.dataTransfer.files]);
  };
  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || !hasFiles(event.clipboardData)) return;
    event.preventDefault();
    attachments.add([...event.clipboardData.files]);
  };

  return (
    <div
      className="setup-step compose"
      onDragOver={(event) => hasFiles(event.dataTransfer) && event.preventDefault()}
      onDrop={onDrop}
      onPaste={onPaste}
    >
      <div className="setup-scroll compose-fields">
        {identities.length === 0 ? (
          <p className="field-hint">No account yet: the draft is saved, and can be sent once you add one.</p>
        ) : (
          <SelectField
            label="From"
            value={fromKey ?? ''}
            options={identities.map((option) => ({ value: option.key, label: option.label }))}
            onChange={(key) => {
              const chosen = identities.find((option) => option.key === key);
              if (chosen) update({ accountId: chosen.accountId, identityId: chosen.identityId });
            }}
          />
        )}
        {ADDRESS_FIELDS.map(({ name, label }) => (
          <AddressField
            key={name}
            label={label}
            value={fields[name]}
            onChange={(value) => update({ [name]: value })}
            error={check.parsed[name].error}
            autoFocus={name === 'to' && draft.to === ''}
          />
        ))}
        <TextField label="Subject" value={fields.subject} onChange={(subject) => update({ subject })} />
        <BodyField
          body={{ format: fields.format, html: fields.html, text: fields.text }}
          onChange={setBody}
          sources={sources}
          attachInline={attachments.addInline}
          attachFiles={attachments.add}
          // To is filled in (a reply, a reopened draft): the text is what comes next.
          autoFocus={draft.to !== ''}
        />
        <AttachmentList attachments={attachments} pickerRef={picker} sizeWarning={sizeWarning} />
        {prompt?.kind === 'attachment' ? (
          <ConfirmPanel
            message="Your message mentions an attachment, but nothing is attached."
            confirm="Send anyway"
            cancel="Attach a file"
            onConfirm={() => submit(prompt.sendAt, true)}
            onCancel={() => {
              setPrompt(null);
              picker.current?.click();
            }}
          />
        ) : null}
        {prompt?.kind === 'discard' ? (
          <ConfirmPanel
            message="Discard this draft? It is deleted, with its attachments."
            confirm="Discard"
            cancel="Keep writing"
            onConfirm={() => void discard()}
            onCancel={() => setPrompt(null)}
          />
        ) : null}
        {send.isError ? (
          <p className="form-error" role="alert">
            {sendErrorText(send.error)}
          </p>
        ) : null}
        {discardError === null ? null : (
          <p className="form-error" role="alert">
            {discardError}
          </p>
        )}
      </div>
      <ComposeActions
        blocked={check.blocked}
        sending={send.isPending}
        saveState={autosave.state}
        onSend={submit}
        onDiscard={() => setPrompt({ kind: 'discard' })}
      />
    </div>
  );
}
