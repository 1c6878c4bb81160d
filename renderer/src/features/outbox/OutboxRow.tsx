import type { OutboxItem, RecipientResult } from '../../../../shared/model/outbox';
import { useUi } from '../../app/ui-store';
import { subjectText } from '../inbox/format';
import { OutboxActions } from './OutboxActions';
import { StateBadge } from './StateBadge';

/** One outbox message: a row that opens its delivery details, then what the user should know and can do. */
export function OutboxRow({ item }: { item: OutboxItem }) {
  const selected = useUi((state) => state.selectedMessageId === item.id);
  const select = useUi((state) => state.selectMessage);
  const refused = item.recipients.filter((recipient) => !recipient.accepted);
  return (
    <div className={selected ? 'outbox-item selected' : 'outbox-item'}>
      <button
        type="button"
        className="message"
        aria-current={selected ? 'true' : undefined}
        onClick={() => select(item.id)}
      >
        <span className="message-from">To {item.toSummary || '(no recipients)'}</span>
        <StateBadge item={item} />
        <span className="message-subject">{subjectText(item.subject)}</span>
      </button>
      {item.note ? <p className="outbox-note">{item.note}</p> : null}
      {refused.length > 0 ? <Refusals refused={refused} /> : null}
      <OutboxActions item={item} />
    </div>
  );
}

function Refusals({ refused }: { refused: RecipientResult[] }) {
  return (
    <ul className="refusals" aria-label="Refused recipients">
      {refused.map((recipient) => (
        <li key={recipient.address}>
          <strong>{recipient.address}</strong> was refused
          {recipient.explanation ? `: ${recipient.explanation}` : '.'}
          <span className="server-reply"> The server said: {recipient.reply}</span>
        </li>
      ))}
    </ul>
  );
}
