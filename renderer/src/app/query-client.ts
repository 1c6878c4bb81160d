import { QueryClient } from '@tanstack/react-query';
import { AppError } from '../../../shared/errors';

const MAX_RETRIES = 3;

/**
 * Main is local, so a failed call is usually a real answer (bad input, broken store) and
 * retrying it only delays the message the user needs to see. A dropped browser-shell socket is
 * the exception: the bridge reconnects, so those are worth a few tries. Fresh data arrives
 * through events (mailbox:changed), not by refetching whenever the window regains focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          error instanceof AppError && error.code === 'disconnected' && failures < MAX_RETRIES,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}
