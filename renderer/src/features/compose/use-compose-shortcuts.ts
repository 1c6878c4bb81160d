import { useEffect } from 'react';
import type { ComposeKind } from '../../../../shared/model/draft';
import { useUi } from '../../app/ui-store';
import { openCompose } from './compose-store';

const KEYS: Readonly<Record<string, ComposeKind>> = { c: 'new', r: 'reply', a: 'replyAll', f: 'forward' };

/** Typing a letter into a field, or anything while a dialog is open, is not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The message replies and forwards are about: the one open in the reader, in a mail folder. */
export function openMessageId(): string | null {
  const { source, selectedMessageId } = useUi.getState();
  return source.kind === 'unified' || source.kind === 'mailbox' ? selectedMessageId : null;
}

/** c: compose; r, a, f: reply, reply all, forward the open message (as Thunderbird and Gmail do). */
export function useComposeShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || event.defaultPrevented) return;
      if (isTyping(event.target) || useUi.getState().dialog !== null || document.querySelector('dialog[open]')) return;
      const kind = KEYS[event.key];
      if (kind === undefined) return;
      const messageId = kind === 'new' ? null : openMessageId();
      if (kind !== 'new' && messageId === null) return;
      event.preventDefault();
      openCompose({ kind: 'start', compose: kind, messageId });
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
