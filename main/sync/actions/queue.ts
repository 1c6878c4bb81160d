import type { ReadableDb, WritableDb } from '../../store/driver';

export type ActionKind = 'add_flags' | 'remove_flags' | 'move' | 'expunge';

/** One moved row: its id and the UID it had in the source folder. */
export interface MovedRow {
  id: string;
  uid: number;
  /** Its flags when moved; changes made while it has no UID are sent after the move. */
  flags?: string[];
}

export interface FlagsPayload {
  /** IMAP spelling: `\Seen`, `\Flagged`, `\Answered`. */
  flags: string[];
}

export interface MovePayload {
  toMailboxId: string;
  rows: MovedRow[];
}

export interface PendingAction {
  id: number;
  accountId: string;
  mailboxId: string;
  uidvalidity: number;
  uids: number[];
  kind: ActionKind;
  payload: Partial<FlagsPayload & MovePayload>;
  attempts: number;
}

export interface NewAction {
  accountId: string;
  mailboxId: string;
  uidvalidity: number;
  uids: number[];
  kind: ActionKind;
  payload: FlagsPayload | MovePayload | Record<string, never>;
}

/** Call inside the transaction that applied the change locally, so both or neither survive. */
export function enqueueAction(tx: WritableDb, action: NewAction): void {
  tx.run(
    `INSERT INTO pending_actions (account_id, mailbox_id, uidvalidity, uids, kind, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      action.accountId,
      action.mailboxId,
      action.uidvalidity,
      JSON.stringify(action.uids),
      action.kind,
      JSON.stringify(action.payload),
      new Date().toISOString(),
    ],
  );
}

interface ActionRow {
  id: number;
  account_id: string;
  mailbox_id: string;
  uidvalidity: number;
  uids: string;
  kind: ActionKind;
  payload: string;
  attempts: number;
}

/** In the order they were taken: a flag change before a move must reach the source folder. */
export function pendingActions(db: ReadableDb, accountId: string): PendingAction[] {
  return db
    .all<ActionRow>('SELECT * FROM pending_actions WHERE account_id = ? ORDER BY id', [accountId])
    .map((row) => ({
      id: row.id,
      accountId: row.account_id,
      mailboxId: row.mailbox_id,
      uidvalidity: row.uidvalidity,
      uids: JSON.parse(row.uids) as number[],
      kind: row.kind,
      payload: JSON.parse(row.payload) as PendingAction['payload'],
      attempts: row.attempts,
    }));
}

export function removeAction(tx: WritableDb, id: number): void {
  tx.run('DELETE FROM pending_actions WHERE id = ?', [id]);
}

/** A transient failure: keep the action for the next pass and remember why it waits. */
export function recordAttempt(db: WritableDb, id: number, error: string): void {
  db.run('UPDATE pending_actions SET attempts = attempts + 1, last_error = ? WHERE id = ?', [error, id]);
}

export function countPending(db: ReadableDb, accountId: string): number {
  return db.get<{ n: number }>('SELECT COUNT(*) AS n FROM pending_actions WHERE account_id = ?', [accountId])?.n ?? 0;
}
