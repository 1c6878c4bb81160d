import { useState } from 'react';
import type { DraftFormat } from '../../../../shared/model/draft';
import { textToHtml } from './body-text';
import { ConfirmPanel } from './ConfirmPanel';
import type { InlineImageSources } from './inline-image';
import { RichEditor } from './RichEditor';

export interface Body {
  format: DraftFormat;
  /** Rich mode: the editor's HTML; plain mode: null. */
  html: string | null;
  text: string;
}

interface BodyFieldProps {
  body: Body;
  onChange: (body: Body) => void;
  sources: InlineImageSources;
  attachInline: (file: File) => Promise<string | null>;
  attachFiles: (files: File[]) => void;
  autoFocus: boolean;
}

/**
 * The message text, rich or plain. Plain is first-class (a textarea, sent as one text/plain part),
 * not a degraded editor; going rich → plain asks first, because bold, links and images are lost.
 */
export function BodyField({ body, onChange, sources, attachInline, attachFiles, autoFocus }: BodyFieldProps) {
  const [confirming, setConfirming] = useState(false);
  const plain = body.format === 'plain';

  const toPlain = () => {
    onChange({ format: 'plain', html: null, text: body.text });
    setConfirming(false);
  };
  const toRich = () => onChange({ format: 'rich', html: textToHtml(body.text), text: body.text });

  return (
    <div className="field body-field">
      <div className="body-mode">
        <span className="body-label">Message</span>
        <button
          type="button"
          aria-pressed={plain}
          onClick={() => (plain ? toRich() : setConfirming(true))}
          aria-expanded={plain ? undefined : confirming}
        >
          Plain text
        </button>
      </div>
      {confirming ? (
        <ConfirmPanel
          message="Switch to plain text? Formatting, links and inline images will be lost."
          confirm="Switch to plain text"
          cancel="Keep formatting"
          onConfirm={toPlain}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {plain ? (
        <textarea
          aria-label="Message"
          className="plain-body"
          rows={14}
          autoFocus={autoFocus}
          value={body.text}
          onChange={(event) => onChange({ format: 'plain', html: null, text: event.target.value })}
        />
      ) : (
        <RichEditor
          initialHtml={body.html ?? ''}
          sources={sources}
          onChange={(html, text) => onChange({ format: 'rich', html, text })}
          attachInline={attachInline}
          attachFiles={attachFiles}
          autoFocus={autoFocus}
        />
      )}
    </div>
  );
}
