import { AppError } from '../../../shared/errors';
import type { Address } from '../../../shared/model/message';
import type { ReadableDb } from '../../store/driver';
import { senderOf, type SummaryRow } from '../../store/summary-row';

export interface ReaderRow {
  id: string;
  accountId: string;
  mailboxId: string;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  date: string;
  unread: boolean;
  bodyState: 'none' | 'stored' | 'failed' | 'too_large';
  rawHash: string | null;
}

interface Row extends Pick<
  SummaryRow,
  'id' | 'account_id' | 'mailbox_id' | 'subject' | 'from_name' | 'from_address' | 'date' | 'unread'
> {
  to_json: string;
  cc_json: string;
  body_state: ReaderRow['bodyState'];
  raw_hash: string | null;
}

function addresses(json: string): Address[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { name, address } = entry as { name?: unknown; address?: unknown };
      return typeof address === 'string' && address !== ''
        ? [{ name: typeof name === 'string' ? name : '', address }]
        : [];
    });
  } catch {
    return [];
  }
}

export function readReaderRow(db: ReadableDb, id: string): ReaderRow {
  const row = db.get<Row>(
    `SELECT id, account_id, mailbox_id, subject, from_name, from_address, to_json, cc_json, date, unread,
            body_state, raw_hash FROM messages WHERE id = ?`,
    [id],
  );
  if (!row) throw new AppError('not_found', 'That message is no longer here (it was moved or deleted).');
  return {
    id: row.id,
    accountId: row.account_id,
    mailboxId: row.mailbox_id,
    subject: row.subject,
    from: senderOf(row),
    to: addresses(row.to_json),
    cc: addresses(row.cc_json),
    date: row.date,
    unread: row.unread === 1,
    bodyState: row.body_state,
    rawHash: row.raw_hash,
  };
}
