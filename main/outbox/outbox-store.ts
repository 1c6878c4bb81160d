import type { BuiltMessage } from './compose-raw';
import type { ReadableDb, WritableDb } from '../store/driver';
import type { OutboxState } from '../../shared/model/outbox';

/** A row of `outbox` (migration 4), as SQLite returns it. */
export interface OutboxRow {
  id: string;
  account_id: string;
  identity_id: string;
  state: OutboxState;
  seq: number;
  message_id: string;
  envelope_from: string;
  envelope_to: string;
  subject: string;
  to_summary: string;
  draft_json: string;
  created_at: string;
  send_at: string;
  send_later: number;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  last_error_json: string | null;
  recipients_json: string | null;
  sent_at: string | null;
  queue_id: string | null;
  filing_state: 'pending' | 'filed' | 'skipped' | 'failed';
  filing_attempts: number;
  filing_error: string | null;
  next_filing_at: string | null;
  filed_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

/** Everything but the bytes: lists never load megabytes of attachments. */
const COLUMNS = `id, account_id, identity_id, state, seq, message_id, envelope_from, envelope_to, subject, to_summary,
  draft_json, created_at, send_at, send_later, attempts, first_attempt_at, next_attempt_at, last_error_json,
  recipients_json, sent_at, queue_id, filing_state, filing_attempts, filing_error, next_filing_at, filed_at,
  lease_owner, lease_until, updated_at`;

export interface NewOutboxItem {
  id: string;
  accountId: string;
  identityId: string;
  state: 'scheduled' | 'queued';
  messageId: string;
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: readonly string[];
  subject: string;
  toSummary: string;
  draftJson: string;
  createdAt: string;
  sendAt: string;
  sendLater: boolean;
}

/** `alongside` runs in the same transaction (send from a draft removes the draft in the same step). */
/** The row for a message built by buildRawMessage: what goes out, plus how it was asked for. */
export function newOutboxItem(
  built: BuiltMessage,
  item: Omit<NewOutboxItem, 'messageId' | 'raw' | 'envelopeFrom' | 'envelopeTo' | 'subject' | 'toSummary'>,
): NewOutboxItem {
  return {
    ...item,
    messageId: built.messageId,
    raw: built.raw,
    envelopeFrom: built.envelope.from,
    envelopeTo: built.envelope.to,
    subject: built.subject,
    toSummary: built.toSummary,
  };
}

export function insertOutboxItem(db: WritableDb, item: NewOutboxItem, alongside?: (tx: WritableDb) => void): void {
  db.transaction((tx) => {
    alongside?.(tx);
    const seq = (tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM outbox')?.seq ?? 0) + 1;
    tx.run(
      `INSERT INTO outbox (id, account_id, identity_id, state, seq, message_id, raw, envelope_from, envelope_to,
          subject, to_summary, draft_json, created_at, send_at, send_later, updated_at)
       VALUES (:id, :accountId, :identityId, :state, :seq, :messageId, :raw, :envelopeFrom, :envelopeTo,
          :subject, :toSummary, :draftJson, :createdAt, :sendAt, :sendLater, :createdAt)`,
      {
        id: item.id,
        accountId: item.accountId,
        identityId: item.identityId,
        state: item.state,
        seq,
        messageId: item.messageId,
        raw: item.raw,
        envelopeFrom: item.envelopeFrom,
        envelopeTo: JSON.stringify(item.envelopeTo),
        subject: item.subject,
        toSummary: item.toSummary,
        draftJson: item.draftJson,
        createdAt: item.createdAt,
        sendAt: item.sendAt,
        sendLater: item.sendLater ? 1 : 0,
      },
    );
  });
}

export function getOutboxRow(db: ReadableDb, id: string): OutboxRow | undefined {
  return db.get<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`, [id]);
}

export function getRaw(db: ReadableDb, id: string): Buffer | undefined {
  return db.get<{ raw: Buffer }>('SELECT raw FROM outbox WHERE id = ?', [id])?.raw;
}

/** Newest first; finished (filed) messages only for a while, so the view stays about what is pending. */
export function listOutboxRows(db: ReadableDb, filedSince: string): OutboxRow[] {
  return db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE state != 'filed' OR updated_at >= ? ORDER BY seq DESC`,
    [filedSince],
  );
}

/**
 * Messages whose moment has come and that are not waiting for a retry, in queue order. While an
 * earlier message from the same identity waits because its server could not be reached, later
 * ones wait behind it: offline sends leave in the order they were written. (A refusal of one
 * message, say a full mailbox, holds nothing else back.)
 */
export function dueOutboxRows(db: ReadableDb, now: string): OutboxRow[] {
  return db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox o
      WHERE state IN ('scheduled','queued') AND send_at <= :now
        AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
        AND NOT EXISTS (
          SELECT 1 FROM outbox e
           WHERE e.identity_id = o.identity_id AND e.account_id = o.account_id AND e.seq < o.seq
             AND e.state = 'queued' AND e.next_attempt_at > :now
             AND json_extract(e.last_error_json, '$.phase') IN ('connect','tls','greeting','auth'))
      ORDER BY seq`,
    { now },
  );
}

export function dueFilingRows(db: ReadableDb, now: string): OutboxRow[] {
  return db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox
      WHERE state = 'sent' AND filing_state = 'pending' AND (next_filing_at IS NULL OR next_filing_at <= ?)
      ORDER BY seq`,
    [now],
  );
}

/** The earliest moment something in the outbox needs attention, or null when nothing waits. */
export function nextWakeAt(db: ReadableDb): string | null {
  const row = db.get<{ at: string | null }>(
    `SELECT MIN(at) AS at FROM (
       SELECT MAX(send_at, COALESCE(next_attempt_at, send_at)) AS at FROM outbox WHERE state IN ('scheduled','queued')
       UNION ALL
       SELECT COALESCE(next_filing_at, updated_at) FROM outbox WHERE state = 'sent' AND filing_state = 'pending'
       UNION ALL
       SELECT lease_until FROM outbox WHERE state = 'sending'
     )`,
  );
  return row?.at ?? null;
}

export function sendingRows(db: ReadableDb): OutboxRow[] {
  return db.all<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE state = 'sending'`);
}

export interface AttemptRow {
  number: number;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  detail_json: string | null;
}

export function attemptRows(db: ReadableDb, outboxId: string): AttemptRow[] {
  return db.all<AttemptRow>(
    'SELECT number, started_at, ended_at, outcome, detail_json FROM outbox_attempts WHERE outbox_id = ? ORDER BY number',
    [outboxId],
  );
}
