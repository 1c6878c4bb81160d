import { AppError } from '../../shared/errors';
import type { SendFailure } from '../../shared/model/outbox';
import type { WritableDb } from '../store/driver';
import type { AttemptDetail, AttemptResult } from './transitions';

/**
 * A message that could not even be attempted (its account was removed, its password is not
 * available): recorded like an attempt so the user sees why. A missing account or password is
 * permanent, since waiting will not bring it back; anything else may clear up by itself.
 */
export function resolveFailure(error: Error): { result: AttemptResult; detail: AttemptDetail } {
  const permanent = error instanceof AppError && ['not_found', 'invalid_input'].includes(error.code);
  const failure: SendFailure = {
    phase: 'connect',
    code: null,
    enhanced: null,
    reply: null,
    message: error.message,
    explanation: permanent
      ? `${error.message} Fix the account, then choose Send again.`
      : `${error.message} Letterbox will try again.`,
  };
  return {
    result: { kind: permanent ? 'permanent' : 'transient', failure, recipients: [] },
    detail: { server: null, tls: null, transcript: [], queueId: null, timings: null, failure },
  };
}

/**
 * Messages behind one whose server could not be reached wait for the same moment, keeping their
 * order, without an attempt counted against them. Returns the ids that were deferred.
 */
export function deferQueued(db: WritableDb, ids: readonly string[], at: string): string[] {
  return db.transaction((tx) =>
    ids.filter(
      (id) =>
        tx.run(
          `UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ?
            WHERE id = ? AND state IN ('scheduled','queued')`,
          [at, new Date().toISOString(), id],
        ).changes === 1,
    ),
  );
}

/** For "send now": retry times and undo delays end now; a chosen send-later time is kept. */
export function clearWaits(db: WritableDb, now: string): void {
  db.run(
    `UPDATE outbox SET next_attempt_at = NULL, send_at = MIN(send_at, :now), updated_at = :now
      WHERE state = 'queued' OR (state = 'scheduled' AND send_later = 0)`,
    { now },
  );
}
