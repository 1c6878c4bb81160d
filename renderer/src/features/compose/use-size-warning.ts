import { useQuery } from '@tanstack/react-query';
import type { DraftAttachment, DraftFields } from '../../../../shared/model/draft';
import { ipcQuery } from '../../ipc/ipc-query';
import { estimateMessageSize, sizeWarning } from './message-size';

/**
 * The size warning for the message as it stands, against the limit of the server the chosen
 * From identity sends through. Fetched again whenever compose opens: a send or an account check
 * since may have taught Letterbox the limit.
 */
export function useSizeWarning(fields: DraftFields, attachments: readonly DraftAttachment[]): string | null {
  const { accountId, identityId } = fields;
  const limit = useQuery({
    ...ipcQuery('compose:limits', { accountId: accountId ?? '', identityId: identityId ?? '' }),
    enabled: accountId !== null && identityId !== null,
    staleTime: 0,
  });
  const estimate = estimateMessageSize({ ...fields, attachments });
  return sizeWarning(estimate, limit.data ?? null);
}
