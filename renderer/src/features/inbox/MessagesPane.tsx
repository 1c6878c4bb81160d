import { useUi, type MessageSource } from '../../app/ui-store';
import { Pane } from '../../ui/Pane';
import { QueryView } from '../../ui/QueryView';
import { DraftsView } from '../drafts/DraftsView';
import { OutboxView } from '../outbox/OutboxView';
import { SearchResults } from '../search/SearchResults';
import { ListOptions } from './ListOptions';
import { MessageList } from './MessageList';
import { useFirstPage } from './queries';

export function MessagesPane() {
  const source = useUi((state) => state.source);
  const search = useUi((state) => state.search);
  // Each query is a new list: scroll, focus and anchors start over.
  if (search !== null) return <SearchResults key={search} query={search} />;
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
  const sort = useUi((state) => state.sort);
  const conversations = useUi((state) => state.conversations);
  const params = { source, sort, conversations };
  const first = useFirstPage(params);
  return (
    <Pane title="Messages" className="pane-messages pane-list">
      <ListOptions />
      <QueryView query={first} what="messages">
        {({ total }) =>
          !total ? (
            <p className="state">No messages</p>
          ) : (
            <MessageList
              // A new folder, order or grouping is a new list: scroll, focus and anchors start over.
              key={JSON.stringify(params)}
              params={params}
              total={total}
              label="Message list"
            />
          )
        }
      </QueryView>
    </Pane>
  );
}
