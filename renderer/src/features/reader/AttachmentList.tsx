import { useState } from 'react';
import type { MessageAttachment } from '../../../../shared/model/reader';
import { fileExtension, isExecutableAttachment } from '../../../../shared/security/executable-types';
import { sanitizeFileName } from '../../../../shared/security/file-name';
import { useAppInfo } from '../../app/app-info';
import { call, errorMessage } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { sizeText } from '../compose/attachment-size';
import { downloadBytes, readAttachment } from './attachment-bytes';

interface AttachmentListProps {
  messageId: string;
  attachments: readonly MessageAttachment[];
}

/**
 * The message's files (inline images shown in the body are not listed again). Save and Open:
 * in the desktop app a native folder dialog and the system's default app; in the browser shell
 * both are a download. Programs and scripts get a warning before they are opened.
 */
export function AttachmentList({ messageId, attachments }: AttachmentListProps) {
  const shell = useAppInfo().data?.shell ?? 'web';
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [warnFor, setWarnFor] = useState<MessageAttachment | null>(null);
  const files = attachments.filter((a) => !a.inline);
  if (files.length === 0) return null;

  const run = async (what: () => Promise<string | null>) => {
    setStatus(null);
    try {
      const text = await what();
      if (text !== null) setStatus({ text, error: false });
    } catch (error) {
      setStatus({ text: errorMessage(error), error: true });
    }
  };
  const download = async (file: MessageAttachment) => {
    const bytes = await readAttachment(messageId, file.partId);
    downloadBytes(bytes);
    return `Downloaded ${bytes.filename}.`;
  };
  const save = (file: MessageAttachment) =>
    run(async () => {
      if (shell !== 'electron') return download(file);
      const saved = await call('attachments:save', { messageId, partId: file.partId });
      return saved.path === null ? null : `Saved to ${saved.path}.`;
    });
  const open = (file: MessageAttachment, confirmed: boolean) =>
    run(async () => {
      if (shell !== 'electron') return download(file);
      await call('attachments:open', { messageId, partId: file.partId, confirmedExecutable: confirmed });
      return `Opened ${displayName(file)}.`;
    });

  return (
    <section className="reader-attachments" aria-label="Attachments">
      <h4 className="reader-attachments-title">
        {files.length === 1 ? '1 attachment' : `${files.length} attachments`}
      </h4>
      <ul>
        {files.map((file) => {
          const name = displayName(file);
          const risky = isExecutableAttachment(name, file.mimeType);
          return (
            <li key={file.partId} className={risky ? 'reader-attachment risky' : 'reader-attachment'}>
              <span className="reader-attachment-type" aria-hidden="true">
                {(fileExtension(name) || file.mimeType.split('/')[1] || 'file').slice(0, 5).toUpperCase()}
              </span>
              <span className="reader-attachment-name">{name}</span>
              <span className="reader-attachment-size">
                {sizeText(file.size)}, {file.mimeType}
                {risky ? ', program or script' : ''}
              </span>
              <button type="button" aria-label={`Save ${name}`} onClick={() => void save(file)}>
                Save
              </button>
              <button
                type="button"
                aria-label={`Open ${name}`}
                onClick={() => (risky ? setWarnFor(file) : void open(file, false))}
              >
                Open
              </button>
            </li>
          );
        })}
      </ul>
      {status ? (
        <p className={status.error ? 'state state-error' : 'state'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      ) : null}
      {warnFor ? (
        <ExecutableWarning
          name={displayName(warnFor)}
          onCancel={() => setWarnFor(null)}
          onConfirm={() => {
            const file = warnFor;
            setWarnFor(null);
            void open(file, true);
          }}
        />
      ) : null}
    </section>
  );
}

function displayName(file: MessageAttachment): string {
  return sanitizeFileName(file.filename);
}

function ExecutableWarning({
  name,
  onCancel,
  onConfirm,
}: {
  name: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog title="Open a program?" onClose={onCancel} ownActions>
      <p>
        <strong>{name}</strong> is a program or script. Opening it runs it on this computer with your permissions. Mail
        is the most common way malware arrives: open it only if you expected it from someone you trust.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Don’t open
        </button>
        <button type="button" className="primary danger" onClick={onConfirm}>
          Open anyway
        </button>
      </div>
    </Dialog>
  );
}
