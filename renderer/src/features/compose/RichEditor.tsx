import { DOMSerializer } from '@tiptap/pm/model';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useLayoutEffect, useRef } from 'react';
import { docToText } from './body-text';
import { FormatBar } from './FormatBar';
import { inlineImage, restoreCidSources, type InlineImageSources } from './inline-image';

interface RichEditorProps {
  initialHtml: string;
  sources: InlineImageSources;
  onChange: (html: string, text: string) => void;
  /** Stores an image with the draft as an inline part; resolves to its Content-ID (null: failed). */
  attachInline?: (file: File) => Promise<string | null>;
  /** Files that are not images, dropped or pasted into the text: ordinary attachments. */
  attachFiles?: (files: File[]) => void;
  /** Start with the cursor at the top (a reply: recipients are filled in, the answer goes first). */
  autoFocus: boolean;
  /** The text box's accessible name; default "Message". */
  label?: string;
}

const isImage = (file: File) => file.type.startsWith('image/');

/**
 * The rich body (TipTap). injectCSS is off because the page's CSP has no 'unsafe-inline' for
 * styles: the rules TipTap would inject live in styles/compose.css instead.
 */
export function RichEditor({
  initialHtml,
  sources,
  onChange,
  attachInline,
  attachFiles,
  autoFocus,
  label = 'Message',
}: RichEditorProps) {
  // The editor is created once; the handlers below must see the latest props.
  const latest = useRef({ attachInline, attachFiles, onChange });
  useLayoutEffect(() => {
    latest.current = { attachInline, attachFiles, onChange };
  });

  const editor = useEditor({
    injectCSS: false,
    immediatelyRender: true,
    autofocus: autoFocus ? 'start' : false,
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
      }),
      inlineImage(sources),
    ],
    content: initialHtml,
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'rich-body' },
      handlePaste: (_view, event) => takeFiles(event.clipboardData?.files, null),
      handleDrop: (view, event) => {
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
        return takeFiles(event.dataTransfer?.files, at);
      },
    },
    onUpdate: ({ editor: updated }) => latest.current.onChange(editorHtml(updated), docToText(updated.getJSON())),
  });

  /**
   * Images go into the text where they were dropped; other files join the attachments. An editor
   * without a place for files (a signature) leaves them to the page, which ignores them.
   */
  function takeFiles(list: FileList | undefined, at: number | null): boolean {
    const files = [...(list ?? [])];
    const { attachInline: inline, attachFiles: attach } = latest.current;
    if (files.length === 0 || !inline || !attach) return false;
    const others = files.filter((file) => !isImage(file));
    if (others.length > 0) attach(others);
    for (const file of files.filter(isImage)) void insertImage(editor, file, at, inline);
    return true;
  }

  async function insertImage(
    target: Editor,
    file: File,
    at: number | null,
    attachInline: (file: File) => Promise<string | null>,
  ) {
    const contentId = await attachInline(file);
    if (contentId === null || target.isDestroyed) return;
    sources.set(contentId, await readDataUrl(file));
    const image = { type: 'image', attrs: { src: `cid:${contentId}`, alt: file.name || 'Inline image' } };
    const chain = target.chain().focus();
    (at === null ? chain.insertContent(image) : chain.insertContentAt(at, image)).run();
  }

  return (
    <div className="rich-editor">
      <FormatBar editor={editor} label={`Formatting: ${label}`} />
      <EditorContent editor={editor} />
    </div>
  );
}

/**
 * The body's HTML, built in an inert document (nothing in it loads) rather than with
 * editor.getHTML(), which builds in the live page; inline images get their `cid:` src back here.
 */
function editorHtml(editor: Editor): string {
  const inert = document.implementation.createHTMLDocument('');
  const container = inert.createElement('div');
  container.append(
    DOMSerializer.fromSchema(editor.schema).serializeFragment(editor.state.doc.content, { document: inert }),
  );
  restoreCidSources(container);
  return container.innerHTML;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the image'));
    reader.readAsDataURL(file);
  });
}
