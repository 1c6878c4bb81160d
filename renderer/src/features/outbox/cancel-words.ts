import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../ipc/client';

/** What the user reads after Undo or Cancel worked: the message is kept, not lost. */
export const RETURNED_TO_DRAFTS = 'Message returned to drafts: it was not sent and is saved as a draft.';

/** Why Undo or Cancel did not work, in words. conflict means main had already handed it to the server. */
export function cancelFailure(error: unknown): string {
  if (error instanceof AppError && error.code === 'conflict') return 'Too late: it has already been sent.';
  return `Could not cancel sending: ${errorMessage(error)}`;
}
