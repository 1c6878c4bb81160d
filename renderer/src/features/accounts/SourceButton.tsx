import { useUi, type ViewSource } from '../../app/ui-store';
import { FolderLabel } from './FolderLabel';

function sameSource(a: ViewSource, b: ViewSource): boolean {
  if (a.kind === 'mailbox') return b.kind === 'mailbox' && a.mailboxId === b.mailboxId;
  if (a.kind === 'unified') return b.kind === 'unified' && a.specialUse === b.specialUse;
  return a.kind === b.kind;
}

interface SourceButtonProps {
  source: ViewSource;
  label: string;
  /** The number beside the name (unread, not yet sent); nothing when 0 or null. */
  count: number | null;
  /** What the count means, read after it: "unread", "not sent yet". */
  countMeaning: string;
  /** Something here needs the user (a failed send): highlighted, and said in the name. */
  attention?: string | null;
}

/** One entry of the folder pane: shows its source in the message list. */
export function SourceButton({ source, label, count, countMeaning, attention = null }: SourceButtonProps) {
  const current = useUi((state) => state.source);
  const showSource = useUi((state) => state.showSource);
  const selected = sameSource(current, source);
  return (
    <button
      type="button"
      className={attention ? 'folder folder-attention' : 'folder'}
      aria-current={selected ? 'true' : undefined}
      onClick={() => showSource(source)}
    >
      <FolderLabel label={label} count={count} meaning={countMeaning} />
      {attention ? <span className="visually-hidden">, {attention}</span> : null}
    </button>
  );
}
