import { useUi } from '../../app/ui-store';
import { QueryView } from '../../ui/QueryView';
import { senderName, shortDate, subjectText } from './format';
import { useThread } from './queries';

/** The messages of an expanded conversation, newest first; choosing one opens it in the reader. */
export function ThreadMessages({ mailboxId, threadKey }: { mailboxId: string; threadKey: string }) {
  const thread = useThread(mailboxId, threadKey);
  const openId = useUi((state) => state.selectedMessageId);
  const selectMessage = useUi((state) => state.selectMessage);
  return (
    <QueryView query={thread} what="the conversation">
      {({ messages }) => (
        <ul className="thread-list" aria-label="Messages in this conversation">
          {messages.map((message) => (
            <li key={message.id}>
              <button
                type="button"
                className={message.unread ? 'thread-message unread' : 'thread-message'}
                aria-current={openId === message.id ? 'true' : undefined}
                onClick={(event) => {
                  event.stopPropagation();
                  selectMessage(message.id);
                }}
              >
                <span>{senderName(message.from)}</span>
                <span>{subjectText(message.subject)}</span>
                <time dateTime={message.date}>{shortDate(message.date)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}
