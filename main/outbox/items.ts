import {
  OutboxAttemptSchema,
  RecipientResultSchema,
  SendFailureSchema,
  type OutboxAttempt,
  type OutboxDetails,
  type OutboxItem,
} from '../../shared/model/outbox';
import type { AttemptRow, OutboxRow } from './outbox-store';

/** JSON written by this module's own transitions; parsed leniently so one bad row never hides the outbox. */
function parsed<T>(json: string | null, parse: (value: unknown) => T, fallback: T): T {
  if (json === null) return fallback;
  try {
    return parse(JSON.parse(json));
  } catch {
    return fallback;
  }
}

const LATE_AFTER_MS = 2 * 60_000;

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 90 ? `${m} minute${m === 1 ? '' : 's'}` : `${Math.round(m / 60)} hours`;
}

/** The sentence the outbox view shows under a message whose state needs explaining. */
function noteFor(row: OutboxRow, lastError: OutboxItem['lastError']): string | null {
  switch (row.state) {
    case 'scheduled':
      return row.send_later === 1
        ? 'Will be sent at the chosen time if Letterbox is running then; otherwise as soon as Letterbox next starts.'
        : null;
    case 'queued':
      return row.next_attempt_at && lastError
        ? `Attempt ${row.attempts} failed: ${lastError.explanation}`
        : row.attempts === 0
          ? 'Waiting to be sent.'
          : null;
    case 'uncertain':
    case 'failed':
      return lastError?.explanation ?? null;
    case 'sent':
    case 'filed': {
      const late = row.send_later === 1 && row.sent_at ? Date.parse(row.sent_at) - Date.parse(row.send_at) : 0;
      const lateNote =
        late > LATE_AFTER_MS
          ? `Sent when Letterbox was running again, ${minutes(late)} after the chosen time.`
          : row.state === 'sent' && row.filing_error
            ? `Sent. Copying it to Sent failed (${row.filing_error}); Letterbox will try again. It will not be sent twice.`
            : null;
      return lateNote;
    }
    default:
      return null;
  }
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
  const lastError = parsed(row.last_error_json, (v) => SendFailureSchema.parse(v), null);
  return {
    id: row.id,
    accountId: row.account_id,
    identityId: row.identity_id,
    state: row.state,
    subject: row.subject,
    toSummary: row.to_summary,
    messageId: row.message_id,
    createdAt: row.created_at,
    sendAt: row.send_at,
    sendLater: row.send_later === 1,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at : null,
    lastError,
    recipients: parsed(row.recipients_json, (v) => RecipientResultSchema.array().parse(v), []),
    sentAt: row.sent_at,
    queueId: row.queue_id,
    filing: { state: row.filing_state, error: row.filing_error, filedAt: row.filed_at },
    note: noteFor(row, lastError),
  };
}

function toAttempt(row: AttemptRow): OutboxAttempt {
  const detail = parsed(row.detail_json, (v) => OutboxAttemptSchema.partial().parse(v), {} as Partial<OutboxAttempt>);
  return {
    number: row.number,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: OutboxAttemptSchema.shape.outcome.safeParse(row.outcome).data ?? null,
    server: detail.server ?? null,
    tls: detail.tls ?? null,
    transcript: detail.transcript ?? [],
    queueId: detail.queueId ?? null,
    timings: detail.timings ?? null,
    failure: detail.failure ?? null,
  };
}

export function toOutboxDetails(row: OutboxRow, attempts: readonly AttemptRow[]): OutboxDetails {
  return {
    ...toOutboxItem(row),
    envelopeFrom: row.envelope_from,
    envelopeTo: parsed(row.envelope_to, (v) => (v as string[]).map(String), []),
    attemptLog: attempts.map(toAttempt),
  };
}
