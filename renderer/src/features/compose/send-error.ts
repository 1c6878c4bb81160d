import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../ipc/client';

/** Main's sentence, then what to do next; the form keeps everything, so the advice can say so. */
export function sendErrorText(error: unknown): string {
  const code = error instanceof AppError ? error.code : null;
  const next =
    code === 'invalid_input'
      ? 'Correct it and choose Send again.'
      : code === 'not_found'
        ? 'Check the account under Account settings, then choose Send again.'
        : code === 'disconnected'
          ? 'Letterbox is reconnecting: choose Send again in a moment.'
          : 'Your message is still here: choose Send again.';
  return `Not sent. ${errorMessage(error)} ${next}`;
}
