import { useState } from 'react';
import { textToHtml } from '../compose/body-text';
import { InlineImageSources } from '../compose/inline-image';
import { RichEditor } from '../compose/RichEditor';
import { CheckboxField, TextAreaField } from '../../ui/fields';

export interface SignatureValue {
  text: string;
  /** The formatted variant for rich messages; null: the plain text is used there too. */
  html: string | null;
}

interface SignatureFieldsProps {
  /** "new messages", "replies and forwards": completes each control's name. */
  what: string;
  value: SignatureValue;
  onChange: (value: SignatureValue) => void;
}

/** One signature: the plain text, and optionally a formatted version edited like a message. */
export function SignatureFields({ what, value, onChange }: SignatureFieldsProps) {
  // The editor keeps its own document; it is created again only when turned on.
  const [sources] = useState(() => new InlineImageSources());
  const rich = value.html !== null;
  return (
    <>
      <TextAreaField
        label={`Signature for ${what}`}
        rows={4}
        value={value.text}
        onChange={(text) => onChange({ ...value, text })}
        hint="Used in plain-text messages, and in the text version of formatted ones."
      />
      <CheckboxField
        label={`Formatted version for ${what}`}
        checked={rich}
        onChange={(on) => onChange({ ...value, html: on ? textToHtml(value.text) : null })}
      />
      {rich ? (
        <RichEditor
          label={`Formatted signature for ${what}`}
          initialHtml={value.html ?? ''}
          sources={sources}
          onChange={(html) => onChange({ ...value, html })}
          autoFocus={false}
        />
      ) : null}
    </>
  );
}
