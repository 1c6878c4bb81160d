import { useUi } from '../../app/ui-store';
import { Pane } from '../../ui/Pane';
import { useMessages } from '../inbox/queries';
import { longDate, senderName, subjectText } from '../inbox/format';

export function ReaderPane() {
  const source = useUi((state) => state.source);
  const selectedId = useUi((state) => state.selectedMessageId);
  // Same query key as the list, so this reads the list's cache rather than calling main again.
  const messages = useMessages(source);
  const message = messages.data?.pages.flatMap((page) => page.messages).find((m) => m.id === selectedId);

  return (
    <Pane title="Reader" className="pane-reader">
      {message === undefined ? (
        <p className="state">No message selected</p>
      ) : (
        <article className="reader" aria-label={subjectText(message.subject)}>
          <h3 className="reader-subject">{subjectText(message.subject)}</h3>
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
