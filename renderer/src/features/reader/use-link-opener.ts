import { useCallback, useState } from 'react';
import { call, errorMessage } from '../../ipc/client';
import { openCompose } from '../compose/compose-store';
import { classifyLink } from './content/link-action';

/**
 * Follows a link from a message after the scheme check: web links open outside the app (the
 * desktop shell hands window.open to the OS browser), mailto: opens a prefilled draft and sends
 * nothing, anything else is refused with the reason shown.
 */
export function useLinkOpener() {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ href: string; warning: string } | null>(null);
  const follow = useCallback((href: string) => {
    const action = classifyLink(href);
    setRefusal(null);
    if (action.kind === 'refused') {
      setRefusal(action.reason);
    } else if (action.kind === 'web') {
      window.open(action.url, '_blank', 'noopener,noreferrer');
    } else {
      call('compose:mailto', { url: action.url }).then(
        (draft) => openCompose({ kind: 'draft', draftId: draft.id }),
        (error: unknown) => setRefusal(`Could not start a message for this mail link: ${errorMessage(error)}`),
      );
    }
  }, []);
  /** `warning`: the link's text shows another address (link-mismatch.ts); the user confirms first. */
  const open = useCallback(
    (href: string, warning: string | null = null) => {
      if (warning === null) follow(href);
      else setConfirming({ href, warning });
    },
    [follow],
  );
  return {
    open,
    refusal,
    dismiss: () => setRefusal(null),
    confirming,
    confirm: () => {
      if (confirming) follow(confirming.href);
      setConfirming(null);
    },
    cancel: () => setConfirming(null),
  };
}
