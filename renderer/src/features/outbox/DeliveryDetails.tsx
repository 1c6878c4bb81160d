import type { OutboxDetails } from '../../../../shared/model/outbox';
import { QueryView } from '../../ui/QueryView';
import { longDate, subjectText } from '../inbox/format';
import { AttemptDetails } from './AttemptDetails';
import { useOutboxDetails } from './queries';
import { StateBadge } from './StateBadge';

const FILING: Record<OutboxDetails['filing']['state'], string> = {
  pending: 'Not copied to Sent yet',
  filed: 'Copied to Sent',
  skipped: 'Not copied: the provider keeps sent mail itself',
  failed: 'Copying to Sent failed; Letterbox will try again',
};

/** Everything a domain owner needs to see about one message's way out: each attempt, in order. */
export function DeliveryDetails({ id }: { id: string }) {
  const details = useOutboxDetails(id);
  return (
    <QueryView query={details} what="the delivery details">
      {(message) => (
        <article className="reader delivery" aria-label="Delivery details">
          <h3 className="reader-subject">{subjectText(message.subject)}</h3>
          <dl className="reader-meta">
            <dt>State</dt>
            <dd>
              <StateBadge item={message} />
            </dd>
            <dt>From</dt>
            <dd>{message.envelopeFrom}</dd>
            <dt>To</dt>
            <dd>{message.envelopeTo.join(', ')}</dd>
            {message.sentAt ? (
              <>
                <dt>Sent</dt>
                <dd>
                  <time dateTime={message.sentAt}>{longDate(message.sentAt)}</time>
                </dd>
              </>
            ) : null}
            <dt>Message-ID</dt>
            <dd className="wrap-anywhere">{message.messageId}</dd>
            <dt>Copy in Sent</dt>
            <dd>
              {message.filing.error
                ? `${FILING[message.filing.state]} (${message.filing.error})`
                : FILING[message.filing.state]}
            </dd>
          </dl>
          <h4 className="subheading">Delivery details</h4>
          {message.attemptLog.length === 0 ? (
            <p className="state">No attempt to send it yet.</p>
          ) : (
            message.attemptLog.map((attempt) => <AttemptDetails key={attempt.number} attempt={attempt} />)
          )}
        </article>
      )}
    </QueryView>
  );
}
