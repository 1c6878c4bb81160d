import { useEffect } from 'react';
import { tinykeys } from 'tinykeys';
import { openCompose } from '../features/compose/compose-store';
import { listCommands } from '../features/inbox/list-commands';
import { MESSAGE_COMMANDS } from '../features/inbox/message-commands';
import { useMessageActions, type MessageActions } from '../features/inbox/use-message-actions';
import { useUi } from './ui-store';

/** One keyboard shortcut: the keys as tinykeys names them, how the help dialog shows it, what it does. */
export interface Shortcut {
  keys: readonly string[];
  shown: string;
  label: string;
  run(actions: MessageActions): void;
}

/** Every single-key shortcut of the mail window, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['c'],
    shown: 'C',
    label: 'Compose a new message',
    run: () => openCompose({ kind: 'start', compose: 'new', messageId: null }),
  },
  ...MESSAGE_COMMANDS.map((command) => ({
    keys: command.keys,
    shown: command.ariaKey,
    label: command.label,
    run: command.run,
  })),
  { keys: ['j'], shown: 'J or ↓', label: 'Next message', run: () => listCommands.get()?.move(1) },
  { keys: ['k'], shown: 'K or ↑', label: 'Previous message', run: () => listCommands.get()?.move(-1) },
  {
    keys: ['/'],
    shown: '/',
    label: 'Search mail',
    run: () => document.querySelector<HTMLInputElement>('[data-search-box]')?.focus(),
  },
  {
    keys: ['?', 'Shift+?'],
    shown: '?',
    label: 'Show keyboard shortcuts',
    run: () => useUi.getState().openDialog('shortcuts'),
  },
];

/** Keys the list itself handles while it has focus; listed in the help dialog only. */
export const LIST_KEYS: readonly { shown: string; label: string }[] = [
  { shown: 'Enter', label: 'Open the message (or show a conversation)' },
  { shown: 'Escape', label: 'Close the message, menu or dialog' },
  { shown: 'Shift+↑ / Shift+↓', label: 'Extend the selection' },
  { shown: 'Ctrl+A', label: 'Select every loaded message' },
  { shown: 'Space', label: 'Add or remove the focused message from the selection' },
  { shown: 'Home / End, Page Up / Page Down', label: 'First, last, a page up or down' },
  { shown: 'Shift+F10 or Menu', label: 'Actions for the selected messages' },
];

/** Typing a letter into a field, or anything while a dialog or menu is open, is not a shortcut. */
function ignored(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || event.defaultPrevented) return true;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
    if (target.closest('[role="menu"]')) return true;
  }
  return useUi.getState().dialog !== null || document.querySelector('dialog[open]') !== null;
}

/** Installs every shortcut once, on one tinykeys registry for the window. */
export function useShortcuts(): void {
  const actions = useMessageActions();
  useEffect(() => {
    const bindings: Record<string, (event: KeyboardEvent) => void> = {};
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys) {
        bindings[key] = (event) => {
          if (ignored(event)) return;
          event.preventDefault();
          shortcut.run(actions);
        };
      }
    }
    bindings.Escape = (event) => {
      if (ignored(event)) return;
      useUi.getState().selectMessage(null);
    };
    return tinykeys(window, bindings);
  }, [actions]);
}
