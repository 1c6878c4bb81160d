import type { MessageSummary } from '../../../../shared/model/message';
import { useUi } from '../../app/ui-store';
import { senderName, shortDate, subjectText } from './format';

export function MessageRow({ message }: { message: MessageSummary }) {
  const selected = useUi((state) => state.selectedMessageId === message.id);
  const selectMessage = useUi((state) => state.selectMessage);
  const classes = ['message', message.unread ? 'unread' : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-current={selected ? 'true' : undefined}
      onClick={() => selectMessage(message.id)}
    >
      <span className="message-from">{senderName(message.from)}</span>
      <time className="message-date" dateTime={message.date}>
        {shortDate(message.date)}
      </time>
      <span className="message-subject">
        {message.unread ? <span className="visually-hidden">Unread: </span> : null}
        {subjectText(message.subject)}
      </span>
      <span className="message-snippet">{message.snippet}</span>
    </button>
  );
}
