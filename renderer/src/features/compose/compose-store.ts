import { create } from 'zustand';
import type { ComposeKind } from '../../../../shared/model/draft';
import { useUi } from '../../app/ui-store';

/** What the compose dialog opens with: a new message, a reply or forward, or a saved draft. */
export type ComposeRequest =
  { kind: 'start'; compose: ComposeKind; messageId: string | null } | { kind: 'draft'; draftId: string };

const NEW_MESSAGE: ComposeRequest = { kind: 'start', compose: 'new', messageId: null };

interface ComposeState {
  request: ComposeRequest;
  /** Changes with every opening, so the same reply twice starts two drafts. */
  serial: number;
}

/**
 * Kept beside ui-store's `dialog` (which says whether compose is open), so the toolbar's plain
 * openDialog('compose') still means "new message".
 */
export const useComposeRequest = create<ComposeState>()(() => ({ request: NEW_MESSAGE, serial: 0 }));

export function openCompose(request: ComposeRequest = NEW_MESSAGE): void {
  useComposeRequest.setState((state) => ({ request, serial: state.serial + 1 }));
  useUi.getState().openDialog('compose');
}

/** The request is used once: a later openDialog('compose') from the toolbar is a new message. */
export function resetComposeRequest(): void {
  useComposeRequest.setState((state) => ({ request: NEW_MESSAGE, serial: state.serial + 1 }));
}
