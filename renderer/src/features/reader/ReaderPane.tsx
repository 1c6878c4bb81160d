import { useUi, type MessageSource } from '../../app/ui-store';
import { Pane } from '../../ui/Pane';
import { useListedMessage } from '../inbox/queries';
import { longDate, senderName, subjectText } from '../inbox/format';
import { DeliveryDetails } from '../outbox/DeliveryDetails';
import { ReplyActions } from './ReplyActions';

export function ReaderPane() {
  const source = useUi((state) => state.source);
  const selectedId = useUi((state) => state.selectedMessageId);
  // Drafts open in compose, not here.
  if (source.kind === 'drafts') {
    return (
      <Pane title="Reader" className="pane-reader">
        <p className="state">Choose a draft to go on writing it.</p>
      </Pane>
    );
  }
  if (source.kind !== 'outbox') return <MessageReader source={source} selectedId={selectedId} />;
  return (
    <Pane title="Reader" className="pane-reader">
      {selectedId === null ? <p className="state">No message selected</p> : <DeliveryDetails id={selectedId} />}
    </Pane>
  );
}

function MessageReader({ selectedId }: { source: MessageSource; selectedId: string | null }) {
  // From the list's cache rather than calling main again.
  const message = useListedMessage(selectedId);

  return (
    <Pane title="Reader" className="pane-reader">
      {message === undefined ? (
        <p className="state">No message selected</p>
      ) : (
        <article className="reader" aria-label={subjectText(message.subject)}>
          <h3 className="reader-subject">{subjectText(message.subject)}</h3>
          <ReplyActions messageId={message.id} />
          <dl className="reader-meta">
            <dt>From</dt>
            <dd>
              {senderName(message.from)}
              {message.from && message.from.name ? ` <${message.from.address}>` : null}
            </dd>
            <dt>Date</dt>
            <dd>
              <time dateTime={message.date}>{longDate(message.date)}</time>
            </dd>
          </dl>
          <p className="reader-snippet">{message.snippet}</p>
          <p className="state">Showing the preview only: reading full messages is not in this build yet.</p>
        </article>
      )}
    </Pane>
  );
}
