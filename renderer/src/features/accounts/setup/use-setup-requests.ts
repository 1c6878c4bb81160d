import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { call, errorMessage, subscribe } from '../../../ipc/client';
import type { AccountForm } from './form';
import type { SetupAction } from './setup-state';
import { toDraft } from './to-draft';

export interface SetupRequests {
  /** Runs autoconfig for the address, reporting each step as main sends it. */
  discover(email: string): void;
  /** Checks the form, then logs in to both servers with it. Returns false if the form has errors. */
  verify(form: AccountForm): boolean;
  /** Stops whichever request is running; the flow goes back to where it was. */
  cancel(): void;
}

/**
 * setup:discover and setup:verify with their request ids. Only one runs at a time; closing the
 * flow cancels it in main too, so no probe keeps running for a window that is gone. Passwords go
 * straight from the form into the call and are kept nowhere else.
 */
export function useSetupRequests(dispatch: Dispatch<SetupAction>, passwordRequired: boolean): SetupRequests {
  const running = useRef<{ requestId: string; kind: 'discover' | 'verify' } | null>(null);

  const finish = useCallback((requestId: string) => {
    if (running.current?.requestId === requestId) running.current = null;
  }, []);

  const cancel = useCallback(() => {
    const current = running.current;
    if (current === null) return;
    running.current = null;
    void call('setup:cancel', { requestId: current.requestId }).catch(() => undefined);
    if (current.kind === 'discover') {
      dispatch({
        type: 'discover-end',
        requestId: current.requestId,
        discovery: { config: null, steps: [], outcome: 'cancelled', error: null },
      });
    } else {
      dispatch({ type: 'verify-end', requestId: current.requestId, result: null, error: null });
    }
  }, [dispatch]);

  useEffect(() => cancel, [cancel]);

  const discover = useCallback(
    (email: string) => {
      const requestId = crypto.randomUUID();
      running.current = { requestId, kind: 'discover' };
      dispatch({ type: 'discover-start', requestId });
      const stop = subscribe('setup:progress', (event) => {
        if (event.requestId === requestId) dispatch({ type: 'discover-step', requestId, step: event.step });
      });
      call('setup:discover', { requestId, email })
        .then(({ config, steps }) =>
          dispatch({ type: 'discover-end', requestId, discovery: { config, steps, outcome: 'done', error: null } }),
        )
        .catch((error: unknown) =>
          dispatch({
            type: 'discover-end',
            requestId,
            discovery: { config: null, steps: [], outcome: 'failed', error: errorMessage(error) },
          }),
        )
        .finally(() => {
          stop();
          finish(requestId);
        });
    },
    [dispatch, finish],
  );

  const verify = useCallback(
    (form: AccountForm) => {
      const checked = toDraft(form, passwordRequired);
      if (!checked.ok) {
        dispatch({ type: 'show', step: 'form', form });
        dispatch({ type: 'errors', errors: checked.errors });
        return false;
      }
      const requestId = crypto.randomUUID();
      running.current = { requestId, kind: 'verify' };
      dispatch({ type: 'verify-start', requestId, form });
      const separate = !form.outgoing.sameCredentialsAsIncoming && form.outgoingPassword !== '';
      call('setup:verify', {
        requestId,
        account: checked.draft,
        password: form.password === '' ? null : form.password,
        outgoingPassword: separate ? form.outgoingPassword : null,
      })
        .then((result) => dispatch({ type: 'verify-end', requestId, result, error: null }))
        .catch((error: unknown) =>
          dispatch({ type: 'verify-end', requestId, result: null, error: errorMessage(error) }),
        )
        .finally(() => finish(requestId));
      return true;
    },
    [dispatch, finish, passwordRequired],
  );

  return { discover, verify, cancel };
}
