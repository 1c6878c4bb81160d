import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { MessageContent } from '../../../../shared/model/reader';
import { call } from '../../ipc/client';
import { ipcQuery } from '../../ipc/ipc-query';

/**
 * The message as stored; when its body is still on the server, a second query downloads it
 * (shown as "Downloading…", with the error in words and Retry when that fails).
 */
export function useMessageContent(id: string) {
  const local = useQuery({ ...ipcQuery('messages:get', { id, download: false }), staleTime: 60_000 });
  const needsDownload = local.data?.body.state === 'remote';
  const downloaded = useQuery({
    ...ipcQuery('messages:get', { id, download: true }),
    enabled: needsDownload,
    retry: false,
    staleTime: 60_000,
  });
  return { local, downloaded, needsDownload };
}

/** Opening an unread message marks it read (a local action: at once here, queued for the server). */
export function useMarkReadOnOpen(message: MessageContent | undefined): void {
  const queryClient = useQueryClient();
  const marked = useRef<string | null>(null);
  const mark = useMutation({
    mutationFn: (id: string) => call('messages:setFlags', { ids: [id], add: ['seen'], remove: [] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['messages:list'] }),
  });
  const { mutate } = mark;
  useEffect(() => {
    if (!message?.unread || marked.current === message.id) return;
    marked.current = message.id;
    mutate(message.id);
  }, [message?.id, message?.unread, mutate]);
}
