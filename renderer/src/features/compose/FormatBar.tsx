import { useEditorState, type Editor } from '@tiptap/react';
import { useState } from 'react';
import { LinkForm } from './LinkForm';

type Command = (editor: Editor) => void;

const BUTTONS: readonly { label: string; mark: string; active: string; run: Command }[] = [
  { label: 'Bold', mark: 'B', active: 'bold', run: (e) => e.chain().focus().toggleBold().run() },
  { label: 'Italic', mark: 'I', active: 'italic', run: (e) => e.chain().focus().toggleItalic().run() },
  { label: 'Bulleted list', mark: '•', active: 'bulletList', run: (e) => e.chain().focus().toggleBulletList().run() },
  {
    label: 'Numbered list',
    mark: '1.',
    active: 'orderedList',
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { label: 'Quote', mark: '❝', active: 'blockquote', run: (e) => e.chain().focus().toggleBlockquote().run() },
];

/** Formatting buttons; each says whether it is on at the cursor (aria-pressed). */
export function FormatBar({ editor, label }: { editor: Editor; label: string }) {
  const [linking, setLinking] = useState(false);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }): Record<string, boolean> =>
      Object.fromEntries(
        [...BUTTONS.map((button) => button.active), 'link'].map((name) => [name, current.isActive(name)]),
      ),
  });
  return (
    <div className="format-bar" role="group" aria-label={label}>
      {BUTTONS.map((button) => (
        <button
          key={button.label}
          type="button"
          className={`format-button format-${button.active}`}
          aria-label={button.label}
          title={button.label}
          aria-pressed={active[button.active] === true}
          onClick={() => button.run(editor)}
        >
          {button.mark}
        </button>
      ))}
      <button
        type="button"
        className="format-button"
        aria-pressed={active.link === true}
        aria-expanded={linking}
        onClick={() => setLinking(!linking)}
      >
        Link…
      </button>
      {linking ? <LinkForm editor={editor} onDone={() => setLinking(false)} /> : null}
    </div>
  );
}
