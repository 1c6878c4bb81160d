import { useId } from 'react';
import type { OutboxAttempt } from '../../../../shared/model/outbox';
import { longDate } from '../inbox/format';

const OUTCOME: Record<NonNullable<OutboxAttempt['outcome']>, string> = {
  sent: 'accepted by the server',
  transient: 'temporary failure, tried again later',
  permanent: 'refused',
  uncertain: 'connection lost before the server confirmed',
  interrupted: 'interrupted (Letterbox stopped)',
};

const PREFIX: Record<OutboxAttempt['transcript'][number]['dir'], string> = { client: 'C: ', server: 'S: ', info: '* ' };

function timingsText(timings: NonNullable<OutboxAttempt['timings']>): string {
  const parts: [string, number | null][] = [
    ['connect', timings.connectMs],
    ['login', timings.authMs],
    ['message', timings.dataMs],
    ['total', timings.totalMs],
  ];
  return parts
    .filter((part): part is [string, number] => part[1] !== null)
    .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
    .join(' · ');
}

/** One try: where it went, how it was protected, how long it took, and the conversation itself. */
export function AttemptDetails({ attempt }: { attempt: OutboxAttempt }) {
  const headingId = useId();
  const { failure, tls, timings } = attempt;
  return (
    <section className="attempt" aria-labelledby={headingId}>
      <h5 id={headingId} className="attempt-heading">
        Attempt {attempt.number}: {attempt.outcome === null ? 'in progress' : OUTCOME[attempt.outcome]}
      </h5>
      <dl className="reader-meta">
        <dt>Started</dt>
        <dd>
          <time dateTime={attempt.startedAt}>{longDate(attempt.startedAt)}</time>
        </dd>
        <dt>Server</dt>
        <dd>{attempt.server ?? 'not reached'}</dd>
        <dt>Encryption</dt>
        <dd>{tls ? `${tls.protocol}, ${tls.cipher}` : 'none'}</dd>
        {timings ? (
          <>
            <dt>Timings</dt>
            <dd>{timingsText(timings)}</dd>
          </>
        ) : null}
        <dt>Queue id</dt>
        <dd>{attempt.queueId ?? 'none given'}</dd>
      </dl>
      {failure ? (
        <div className="failure">
          <p>{failure.explanation}</p>
          {failure.reply ? (
            <figure className="server-words">
              <figcaption>The server said</figcaption>
              <pre>{failure.reply}</pre>
            </figure>
          ) : null}
        </div>
      ) : null}
      {attempt.transcript.length > 0 ? (
        <figure className="server-words transcript">
          <figcaption>SMTP conversation (C: Letterbox, S: the server; passwords removed)</figcaption>
          <pre>{attempt.transcript.map((line) => `${PREFIX[line.dir]}${line.text}`).join('\n')}</pre>
        </figure>
      ) : null}
    </section>
  );
}
