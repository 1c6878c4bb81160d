import type { OutboxItem } from '../../../../shared/model/outbox';
import { momentText } from '../inbox/format';

export type StateTone = 'waiting' | 'done' | 'problem';

/** The state in plain words, as the badge shows it. */
export function stateWords(item: OutboxItem): string {
  switch (item.state) {
    case 'scheduled':
      return `Scheduled for ${momentText(item.sendAt)}`;
    case 'queued':
      return item.nextAttemptAt === null ? 'Waiting to send' : `Waiting to retry at ${momentText(item.nextAttemptAt)}`;
    case 'sending':
      return 'Sending…';
    case 'sent':
    case 'filed':
      return 'Sent';
    case 'failed':
      return 'Failed';
    case 'uncertain':
      return 'Not sure it was sent';
    case 'cancelled':
      return 'Returned to drafts';
  }
}

export function stateTone(item: OutboxItem): StateTone {
  if (item.state === 'failed' || item.state === 'uncertain') return 'problem';
  return item.state === 'sent' || item.state === 'filed' ? 'done' : 'waiting';
}
