import type { OutboxItem } from '../../../../shared/model/outbox';
import { errorMessage } from '../../ipc/client';
import { QueryView } from '../../ui/QueryView';
import { useFlushOutbox } from './mutations';
import { OutboxRow } from './OutboxRow';
import { useOutbox } from './queries';

/** The outbox in the message-list pane: what is waiting, going, gone or stuck, newest first. */
export function OutboxView() {
  const outbox = useOutbox();
  return (
    <QueryView query={outbox} what="the outbox">
      {(items) => (
        <>
          <SendAllNow items={items} />
          {items.length === 0 ? (
            <p className="state">The outbox is empty. Messages wait here until the server has them.</p>
          ) : (
            <ul className="message-list" aria-label="Outbox messages">
              {items.map((item) => (
                <li key={item.id}>
                  <OutboxRow item={item} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </QueryView>
  );
}

/** Ends undo delays and retry waits at once; send-later times are the user's choice and stay. */
function SendAllNow({ items }: { items: OutboxItem[] }) {
  const flush = useFlushOutbox();
  const waiting = items.some((item) => item.state === 'queued' || (item.state === 'scheduled' && !item.sendLater));
  let result: string | null = null;
  if (flush.isError) result = `Could not send: ${errorMessage(flush.error)}`;
  else if (flush.data) result = `${flush.data.sent} of ${flush.data.attempted} sent.`;
  return (
    <div className="outbox-bar">
      <button type="button" disabled={!waiting || flush.isPending} onClick={() => flush.mutate({})}>
        {flush.isPending ? 'Sending…' : 'Send all now'}
      </button>
      <p className="action-note" role={flush.isError ? 'alert' : 'status'}>
        {result}
      </p>
    </div>
  );
}
