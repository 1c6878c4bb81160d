import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ComposeKind, Draft } from '../../../../shared/model/draft';
import { call, errorMessage } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { ComposeForm } from './ComposeForm';
import { resetComposeRequest, useComposeRequest, type ComposeRequest } from './compose-store';
import { useIdentities } from './use-identities';

const TITLES: Record<ComposeKind, string> = {
  new: 'New message',
  reply: 'Reply',
  replyAll: 'Reply all',
  forward: 'Forward',
  forwardAsAttachment: 'Forward',
};

function openDraft(request: ComposeRequest): Promise<Draft> {
  if (request.kind === 'draft') return call('drafts:get', { id: request.draftId });
  return call('compose:start', { kind: request.compose, messageId: request.messageId, accountId: null });
}

/**
 * Opens the draft the request names (compose:start makes a new saved one: nothing typed can be
 * lost, even before the first autosave), then the form. Runs as a query keyed by the opening's
 * serial, so a re-render never starts a second draft and each opening starts exactly one.
 */
export function ComposeDialog({ onClose }: { onClose: () => void }) {
  const { request, serial } = useComposeRequest();
  const identities = useIdentities();
  const draft = useQuery({
    queryKey: ['compose:open', serial, request] as const,
    queryFn: () => openDraft(request),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const kind = request.kind === 'start' ? request.compose : (draft.data?.source?.kind ?? 'new');

  let content: ReactNode;
  if (draft.isError || identities.status === 'error') {
    const error = draft.isError ? draft.error : identities.status === 'error' ? identities.error : null;
    const retry = () => (draft.isError ? void draft.refetch() : identities.status === 'error' && identities.retry());
    content = (
      <div className="state state-error" role="alert">
        <p>Could not open the message. {errorMessage(error)}</p>
        <button type="button" onClick={retry}>
          Retry
        </button>
      </div>
    );
  } else if (draft.isPending || identities.status === 'pending') {
    content = (
      <p className="state" role="status">
        Opening the message…
      </p>
    );
  } else {
    content = <ComposeForm draft={draft.data} identities={identities.options} fresh={request.kind === 'start'} />;
  }

  return (
    <Dialog
      title={TITLES[kind]}
      onClose={() => {
        resetComposeRequest();
        onClose();
      }}
      wide
      ownActions
    >
      {content}
    </Dialog>
  );
}
