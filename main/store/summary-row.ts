import type { Address, MessageSummary } from '../../shared/model/message';

/** The `messages` columns every list of messages shows (the message list, search results). */
export interface SummaryRow {
  id: string;
  account_id: string;
  mailbox_id: string;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  date: string;
  snippet: string;
  unread: number;
  flagged: number;
  has_attachments: number;
  thread_id: string | null;
}

const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = [
  'id',
  'account_id',
  'mailbox_id',
  'subject',
  'from_name',
  'from_address',
  'date',
  'snippet',
  'unread',
  'flagged',
  'has_attachments',
  'thread_id',
];

/** Those columns for a SELECT, qualified with `alias` when the query joins other tables. */
export function summaryColumns(alias?: string): string {
  return SUMMARY_COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
}

/** The sender as one address; null when the message named none. */
export function senderOf(row: Pick<SummaryRow, 'from_name' | 'from_address'>): Address | null {
  return row.from_address === null ? null : { name: row.from_name ?? '', address: row.from_address };
}

/** The row as the renderer sees a message: camelCase, booleans, the sender as one address. */
export function toSummary(row: SummaryRow): MessageSummary {
  return {
    id: row.id,
    accountId: row.account_id,
    mailboxId: row.mailbox_id,
    subject: row.subject,
    from: senderOf(row),
    date: row.date,
    snippet: row.snippet,
    unread: row.unread === 1,
    flagged: row.flagged === 1,
    hasAttachments: row.has_attachments === 1,
    threadId: row.thread_id,
  };
}
