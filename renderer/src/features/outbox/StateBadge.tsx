import type { OutboxItem } from '../../../../shared/model/outbox';
import { stateTone, stateWords } from './state-words';

/** The state in words (never colour alone); the colour only helps scanning. */
export function StateBadge({ item }: { item: OutboxItem }) {
  return <span className={`state-badge state-${stateTone(item)}`}>{stateWords(item)}</span>;
}
