import { AppError } from '../../shared/errors';
import type { OutboxAttempt, RecipientResult, SendFailure } from '../../shared/model/outbox';
import type { WritableDb } from '../store/driver';
import { restoreDraft } from '../drafts/snapshot';
import { getOutboxRow, type OutboxRow } from './outbox-store';
import type { RetryPolicy } from './retry-policy';

/**
 * Every state change of an outbox message, each one transaction with a guard on the state it
 * leaves: two processes on one profile (the app and the CLI) can never both take a message.
 */

export interface Lease {
  owner: string;
  until: string;
}

/** queued/scheduled → sending, with a new attempt row; null when someone else took it first. */
export function claimForSending(db: WritableDb, id: string, lease: Lease, now: string): number | null {
  return db.transaction((tx) => {
    const claimed = tx.run(
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, :now),
          lease_owner = :owner, lease_until = :until, updated_at = :now
        WHERE id = :id AND state IN ('scheduled','queued') AND send_at <= :now
          AND (next_attempt_at IS NULL OR next_attempt_at <= :now)`,
      { id, now, owner: lease.owner, until: lease.until },
    );
    if (claimed.changes !== 1) return null;
    const attempt = tx.get<{ attempts: number }>('SELECT attempts FROM outbox WHERE id = ?', [id])?.attempts ?? 1;
    tx.run('INSERT INTO outbox_attempts (outbox_id, number, started_at) VALUES (?, ?, ?)', [id, attempt, now]);
    return attempt;
  });
}

export type AttemptResult =
  | { kind: 'sent'; reply: string; queueId: string | null; recipients: RecipientResult[] }
  | { kind: 'transient' | 'permanent' | 'uncertain'; failure: SendFailure; recipients: RecipientResult[] };

export type AttemptDetail = Omit<OutboxAttempt, 'number' | 'startedAt' | 'endedAt' | 'outcome'>;

/** Records what one attempt came to and moves the message on; returns the new state. */
export function finishAttempt(
  db: WritableDb,
  input: { id: string; attempt: number; result: AttemptResult; detail: AttemptDetail; now: Date; policy: RetryPolicy },
): OutboxRow['state'] {
  const { id, attempt, result, detail, policy } = input;
  const now = input.now.toISOString();
  return db.transaction((tx) => {
    const row = getOutboxRow(tx, id);
    if (!row) throw new AppError('not_found', 'The message is no longer in the outbox.');
    let state: OutboxRow['state'];
    let nextAttemptAt: string | null = null;
    if (result.kind === 'sent') state = 'sent';
    else if (result.kind === 'transient') {
      const firstAt = Date.parse(row.first_attempt_at ?? now);
      const next = input.now.getTime() + policy.delayMs(attempt);
      const expired = next - firstAt > policy.giveUpAfterMs;
      state = expired ? 'failed' : 'queued';
      nextAttemptAt = expired ? null : new Date(next).toISOString();
    } else state = result.kind === 'permanent' ? 'failed' : 'uncertain';

    tx.run(
      `UPDATE outbox SET state = :state, next_attempt_at = :nextAttemptAt, last_error_json = :error,
          recipients_json = :recipients, sent_at = :sentAt, queue_id = :queueId,
          lease_owner = NULL, lease_until = NULL, updated_at = :now
        WHERE id = :id`,
      {
        id,
        state,
        nextAttemptAt,
        error: result.kind === 'sent' ? null : JSON.stringify(result.failure),
        recipients: JSON.stringify(result.recipients),
        sentAt: result.kind === 'sent' ? now : null,
        queueId: result.kind === 'sent' ? result.queueId : null,
        now,
      },
    );
    tx.run('UPDATE outbox_attempts SET ended_at = ?, outcome = ?, detail_json = ? WHERE outbox_id = ? AND number = ?', [
      now,
      result.kind,
      JSON.stringify(detail),
      id,
      attempt,
    ]);
    return state;
  });
}

/**
 * Start-up (and every pass): a message left in `sending` by a process that is gone may or may not
 * have reached the server. It becomes `uncertain` and waits for the user; it is never resent.
 */
export function recoverInterrupted(db: WritableDb, isAlive: (owner: string) => boolean, now: string): string[] {
  return db.transaction((tx) => {
    const stuck = tx
      .all<{ id: string; attempts: number; lease_owner: string | null; lease_until: string | null }>(
        `SELECT id, attempts, lease_owner, lease_until FROM outbox WHERE state = 'sending'`,
      )
      .filter((row) => !row.lease_owner || !isAlive(row.lease_owner) || (row.lease_until ?? '') < now);
    const failure: SendFailure = {
      phase: 'message',
      code: null,
      enhanced: null,
      reply: null,
      message: 'Letterbox stopped while this message was being sent',
      explanation:
        'Letterbox was closed or stopped while it was sending this message, so it cannot tell whether the ' +
        'server received it. Check with a recipient or in Sent, then choose Send again or Mark as sent.',
    };
    for (const row of stuck) {
      tx.run(
        `UPDATE outbox SET state = 'uncertain', last_error_json = ?, lease_owner = NULL, lease_until = NULL,
            updated_at = ? WHERE id = ? AND state = 'sending'`,
        [JSON.stringify(failure), now, row.id],
      );
      tx.run(
        `UPDATE outbox_attempts SET ended_at = ?, outcome = 'interrupted', detail_json = ?
          WHERE outbox_id = ? AND number = ? AND outcome IS NULL`,
        [now, JSON.stringify({ failure }), row.id, row.attempts],
      );
    }
    return stuck.map((row) => row.id);
  });
}

function requireState(row: OutboxRow | undefined, allowed: readonly OutboxRow['state'][], action: string): OutboxRow {
  if (!row) throw new AppError('not_found', 'That message is no longer in the outbox.');
  if (!allowed.includes(row.state)) {
    throw new AppError('conflict', `This message can't be ${action} now: it is ${row.state}.`);
  }
  return row;
}

/** Undo send (and "edit" of a message that failed): the outbox row becomes a local draft again. */
export function cancelToDraft(db: WritableDb, id: string, now: string): string {
  return db.transaction((tx) => {
    const row = requireState(getOutboxRow(tx, id), ['scheduled', 'queued', 'failed'], 'cancelled');
    // The whole draft comes back (fields as typed, attachments with their bytes), same id if free.
    const draftId = restoreDraft(tx, row.draft_json, row.created_at, now);
    tx.run('DELETE FROM outbox WHERE id = ?', [id]);
    return draftId;
  });
}

/** "Send again" after `failed` or `uncertain`, or "retry now" for one waiting for its next try. */
export function retryNow(db: WritableDb, id: string, now: string): void {
  db.transaction((tx) => {
    requireState(getOutboxRow(tx, id), ['queued', 'failed', 'uncertain'], 'sent again');
    tx.run(
      `UPDATE outbox SET state = 'queued', next_attempt_at = NULL, first_attempt_at = NULL, send_at = MIN(send_at, :now),
          updated_at = :now WHERE id = :id`,
      { id, now },
    );
  });
}

/** The user checked that an `uncertain` message did arrive: it is sent, and gets filed. */
export function markSent(db: WritableDb, id: string, now: string): void {
  db.transaction((tx) => {
    requireState(getOutboxRow(tx, id), ['uncertain'], 'marked as sent');
    tx.run(
      `UPDATE outbox SET state = 'sent', sent_at = :now, last_error_json = NULL, updated_at = :now WHERE id = :id`,
      { id, now },
    );
  });
}

export function finishFiling(
  db: WritableDb,
  id: string,
  outcome:
    | { kind: 'filed' | 'skipped' }
    | { kind: 'retry'; error: string; nextAt: string }
    | { kind: 'failed'; error: string },
  now: string,
): void {
  if (!('error' in outcome)) {
    db.run(
      `UPDATE outbox SET state = 'filed', filing_state = ?, filed_at = ?, filing_error = NULL, next_filing_at = NULL,
          filing_attempts = filing_attempts + 1, updated_at = ? WHERE id = ? AND state = 'sent'`,
      [outcome.kind, now, now, id],
    );
    return;
  }
  db.run(
    `UPDATE outbox SET filing_state = ?, filing_error = ?, next_filing_at = ?, filing_attempts = filing_attempts + 1,
        updated_at = ? WHERE id = ? AND state = 'sent'`,
    [
      outcome.kind === 'retry' ? 'pending' : 'failed',
      outcome.error,
      outcome.kind === 'retry' ? outcome.nextAt : null,
      now,
      id,
    ],
  );
}
