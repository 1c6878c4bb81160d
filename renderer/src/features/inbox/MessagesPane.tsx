import { useUi, type MessageSource } from '../../app/ui-store';
import { Pane } from '../../ui/Pane';
import { QueryView } from '../../ui/QueryView';
import { DraftsView } from '../drafts/DraftsView';
import { OutboxView } from '../outbox/OutboxView';
import { MessageRow } from './MessageRow';
import { useMessages } from './queries';

export function MessagesPane() {
  const source = useUi((state) => state.source);
  if (source.kind === 'outbox') {
    return (
      <Pane title="Outbox" className="pane-messages">
        <OutboxView />
      </Pane>
    );
  }
  if (source.kind === 'drafts') {
    return (
      <Pane title="Drafts" className="pane-messages">
        <DraftsView />
      </Pane>
    );
  }
  return <MailList source={source} />;
}

function MailList({ source }: { source: MessageSource }) {
  const messages = useMessages(source);
  return (
    <Pane title="Messages" className="pane-messages">
      <QueryView query={messages} what="messages">
        {({ pages }) => {
          const list = pages.flatMap((page) => page.messages);
          if (list.length === 0) return <p className="state">No messages</p>;
          return (
            <>
              <ul className="message-list" aria-label="Message list">
                {list.map((message) => (
                  <li key={message.id}>
                    <MessageRow message={message} />
                  </li>
                ))}
              </ul>
              {messages.hasNextPage ? (
                <button
                  type="button"
                  className="load-more"
                  onClick={() => void messages.fetchNextPage()}
                  disabled={messages.isFetchingNextPage}
                >
                  {messages.isFetchingNextPage ? 'Loading more messages…' : 'Load more messages'}
                </button>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </Pane>
  );
}
