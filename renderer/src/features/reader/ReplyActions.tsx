import type { ComposeKind } from '../../../../shared/model/draft';
import { openCompose } from '../compose/compose-store';

const ACTIONS: readonly { kind: ComposeKind; label: string; shortcut?: string }[] = [
  { kind: 'reply', label: 'Reply', shortcut: 'R' },
  { kind: 'replyAll', label: 'Reply all', shortcut: 'A' },
  { kind: 'forward', label: 'Forward', shortcut: 'F' },
  { kind: 'forwardAsAttachment', label: 'Forward as attachment' },
];

/** Answer or pass on the message in the reader; main fills in recipients, subject and quote. */
export function ReplyActions({ messageId }: { messageId: string }) {
  return (
    <div className="reply-actions" role="group" aria-label="Respond">
      {ACTIONS.map((action) => (
        <button
          key={action.kind}
          type="button"
          aria-keyshortcuts={action.shortcut}
          title={action.shortcut ? `${action.label} (${action.shortcut})` : action.label}
          onClick={() => openCompose({ kind: 'start', compose: action.kind, messageId })}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
