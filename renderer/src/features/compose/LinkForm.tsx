import type { Editor } from '@tiptap/react';
import { useState, type KeyboardEvent } from 'react';
import { isSafeLinkUrl } from './link-url';

/** The address for a link on the selected text; Escape or Cancel leaves the text as it was. */
export function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const current: unknown = editor.getAttributes('link').href;
  const [href, setHref] = useState(typeof current === 'string' ? current : 'https://');
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const url = href.trim();
    if (!isSafeLinkUrl(url)) {
      setError('Use an address starting with https://, http:// or mailto:');
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    onDone();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      // Only this form closes: the compose dialog stays open.
      event.preventDefault();
      event.stopPropagation();
      onDone();
      editor.commands.focus();
    }
  }

  return (
    <div className="link-form">
      <label>
        Link address
        <input
          type="url"
          value={href}
          autoFocus
          aria-invalid={error === null ? undefined : true}
          onChange={(event) => setHref(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      <button type="button" onClick={apply}>
        Apply
      </button>
      {typeof current === 'string' ? (
        <button
          type="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onDone();
          }}
        >
          Remove link
        </button>
      ) : null}
      {error === null ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
