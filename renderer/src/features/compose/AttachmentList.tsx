import { useId, type Ref } from 'react';
import { sizeText, totalSize } from './attachment-size';
import type { Attachments } from './use-attachments';

interface AttachmentListProps {
  attachments: Attachments;
  /** The hidden file input, so "Attach a file" elsewhere (the reminder) can open the picker. */
  pickerRef: Ref<HTMLInputElement>;
  /** The whole message is larger than the sending server takes (message-size.ts), in words. */
  sizeWarning: string | null;
}

/** Files going with the message: names, sizes, a total that warns before the server refuses it. */
export function AttachmentList({ attachments, pickerRef, sizeWarning }: AttachmentListProps) {
  const headingId = useId();
  const files = attachments.list.filter((attachment) => !attachment.inline);
  const total = totalSize(attachments.list);
  return (
    <section className="attachments" aria-labelledby={headingId}>
      <div className="attachments-header">
        <h3 id={headingId} className="attachments-title">
          Attachments
          {files.length > 0 ? ` (${files.length}, ${sizeText(total)})` : null}
        </h3>
        <label className="button attach-button">
          Attach files…
          <input
            ref={pickerRef}
            type="file"
            multiple
            className="visually-hidden"
            onChange={(event) => {
              attachments.add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {files.length > 0 || attachments.adding.length > 0 ? (
        <ul className="attachment-list">
          {files.map((attachment) => (
            <li key={attachment.id} className="attachment">
              <span className="attachment-name">{attachment.filename}</span>
              <span className="attachment-size">{sizeText(attachment.size)}</span>
              <button
                type="button"
                aria-label={`Remove ${attachment.filename}`}
                onClick={() => attachments.remove(attachment)}
              >
                Remove
              </button>
            </li>
          ))}
          {attachments.adding.map((name, index) => (
            <li key={`adding-${index}`} className="attachment attachment-adding">
              <span className="attachment-name">{name}</span>
              <span className="attachment-size">Attaching…</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">Drop files here or paste them.</p>
      )}
      {sizeWarning === null ? null : (
        <p className="field-error" role="alert">
          {sizeWarning}
        </p>
      )}
      {attachments.error === null ? null : (
        <p className="field-error" role="alert">
          {attachments.error}
        </p>
      )}
    </section>
  );
}
