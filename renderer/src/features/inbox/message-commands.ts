import { useUi } from '../../app/ui-store';
import type { MessageActions } from './use-message-actions';

/** One thing to do with the selected messages, offered by the toolbar, the context menu and a key. */
export interface MessageCommand {
  id: string;
  label: string;
  /** The key as tinykeys names it, and as aria-keyshortcuts says it. */
  key: string;
  ariaKey: string;
  run(actions: MessageActions): void;
}

export const MESSAGE_COMMANDS: readonly MessageCommand[] = [
  { id: 'reply', label: 'Reply', key: 'r', ariaKey: 'R', run: (a) => a.compose('reply') },
  { id: 'reply-all', label: 'Reply all', key: 'a', ariaKey: 'A', run: (a) => a.compose('replyAll') },
  { id: 'forward', label: 'Forward', key: 'f', ariaKey: 'F', run: (a) => a.compose('forward') },
  { id: 'archive', label: 'Archive', key: 'e', ariaKey: 'E', run: (a) => a.archive() },
  { id: 'delete', label: 'Delete', key: 'Shift+#', ariaKey: '#', run: (a) => a.remove() },
  { id: 'read', label: 'Mark read or unread', key: 'u', ariaKey: 'U', run: (a) => a.toggleRead() },
  { id: 'flag', label: 'Flag or unflag', key: 's', ariaKey: 'S', run: (a) => a.toggleFlag() },
  {
    id: 'move',
    label: 'Move to…',
    key: 'v',
    ariaKey: 'V',
    run: () => useUi.getState().openDialog('move'),
  },
];
