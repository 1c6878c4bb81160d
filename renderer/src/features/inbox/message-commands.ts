import { useUi } from '../../app/ui-store';
import type { MessageActions } from './use-message-actions';

/** One thing to do with the selected messages, offered by the toolbar, the context menu and a key. */
export interface MessageCommand {
  id: string;
  label: string;
  /**
   * The keys as tinykeys names them (a symbol is listed with and without Shift: it needs Shift on
   * some keyboard layouts and not on others), and as aria-keyshortcuts says it.
   */
  keys: readonly string[];
  ariaKey: string;
  run(actions: MessageActions): void;
}

export const MESSAGE_COMMANDS: readonly MessageCommand[] = [
  { id: 'reply', label: 'Reply', keys: ['r'], ariaKey: 'R', run: (a) => a.compose('reply') },
  { id: 'reply-all', label: 'Reply all', keys: ['a'], ariaKey: 'A', run: (a) => a.compose('replyAll') },
  { id: 'forward', label: 'Forward', keys: ['f'], ariaKey: 'F', run: (a) => a.compose('forward') },
  { id: 'archive', label: 'Archive', keys: ['e'], ariaKey: 'E', run: (a) => a.archive() },
  { id: 'delete', label: 'Delete', keys: ['#', 'Shift+#'], ariaKey: '#', run: (a) => a.remove() },
  { id: 'read', label: 'Mark read or unread', keys: ['u'], ariaKey: 'U', run: (a) => a.toggleRead() },
  { id: 'flag', label: 'Flag or unflag', keys: ['s'], ariaKey: 'S', run: (a) => a.toggleFlag() },
  {
    id: 'move',
    label: 'Move to…',
    keys: ['v'],
    ariaKey: 'V',
    run: () => useUi.getState().openDialog('move'),
  },
];
