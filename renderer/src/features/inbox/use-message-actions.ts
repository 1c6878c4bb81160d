import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ChannelName } from '../../../../shared/ipc/channels';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { ComposeKind } from '../../../../shared/model/draft';
import type { MessageFlag } from '../../../../shared/model/message-actions';
import { listsMail, useUi } from '../../app/ui-store';
import { call, errorMessage } from '../../ipc/client';
import { openCompose } from '../compose/compose-store';
import { useToasts } from '../outbox/toast-store';
import { listCommands } from './list-commands';
import { listedMessages } from './queries';

export interface MessageActions {
  compose(kind: Exclude<ComposeKind, 'new'>): void;
  archive(): void;
  remove(): void;
  /** Marks read when any selected message is unread, else unread. */
  toggleRead(): void;
  markUnread(): void;
  toggleFlag(): void;
  move(toMailboxId: string): void;
}

/** The selection the actions apply to: the selected rows in a mail folder, else nothing. */
export function actionIds(): readonly string[] {
  const { selectedIds, selectedMessageId } = useUi.getState();
  if (!listsMail(useUi.getState())) return [];
  if (selectedIds.length > 0) return selectedIds;
  return selectedMessageId === null ? [] : [selectedMessageId];
}

/**
 * Archive, delete, read/unread, flag and move on the selected messages. Main applies them
 * locally at once and replays them on the server; mailbox:changed refreshes the list. A refusal
 * (no Archive folder, say) is shown in words.
 */
export function useMessageActions(): MessageActions {
  const client = useQueryClient();
  const showNote = useToasts((state) => state.showNote);
  return useMemo(() => {
    const run = <C extends 'messages:archive' | 'messages:delete' | 'messages:setFlags' | 'messages:move'>(
      channel: C & ChannelName,
      input: (ids: string[]) => ChannelInput<C>,
      removes: boolean,
    ) => {
      const ids = [...actionIds()];
      if (ids.length === 0) return;
      if (removes) listCommands.get()?.afterRemoval(ids);
      call(channel, input(ids)).then(
        () =>
          Promise.all([
            client.invalidateQueries({ queryKey: ['messages:list'] }),
            client.invalidateQueries({ queryKey: ['search:query'] }),
          ]),
        (error: unknown) => showNote(`Could not change the messages. ${errorMessage(error)}`),
      );
    };
    const setFlags = (add: MessageFlag[], remove: MessageFlag[]) =>
      run('messages:setFlags', (ids) => ({ ids, add, remove }), false);
    const selected = () => listedMessages(client, actionIds());
    return {
      compose: (kind) => {
        const { selectedMessageId } = useUi.getState();
        const messageId = listsMail(useUi.getState()) ? (selectedMessageId ?? actionIds()[0] ?? null) : null;
        if (messageId !== null) openCompose({ kind: 'start', compose: kind, messageId });
      },
      archive: () => run('messages:archive', (ids) => ({ ids }), true),
      remove: () => run('messages:delete', (ids) => ({ ids }), true),
      toggleRead: () => (selected().some((m) => m.unread) ? setFlags(['seen'], []) : setFlags([], ['seen'])),
      markUnread: () => setFlags([], ['seen']),
      toggleFlag: () => (selected().every((m) => m.flagged) ? setFlags([], ['flagged']) : setFlags(['flagged'], [])),
      move: (toMailboxId) => run('messages:move', (ids) => ({ ids, toMailboxId }), true),
    };
  }, [client, showNote]);
}
