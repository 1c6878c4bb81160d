import type { Mailbox, SpecialUse } from '../../shared/model/mailbox';
import type { ReadableDb } from '../store/driver';

interface MailboxRow {
  id: string;
  account_id: string;
  path: string;
  name: string;
  parent_id: string | null;
  special_use: SpecialUse | null;
  unread: number;
  total: number;
}

// Special folders first, in the order every client uses, then the rest by path.
const ORDER = `CASE special_use WHEN 'inbox' THEN 0 WHEN 'drafts' THEN 1 WHEN 'sent' THEN 2 WHEN 'archive' THEN 3
  WHEN 'junk' THEN 4 WHEN 'trash' THEN 5 ELSE 6 END`;

export function listMailboxes(db: ReadableDb, accountId: string | null): Mailbox[] {
  const rows = db.all<MailboxRow>(
    `SELECT m.id, m.account_id, m.path, m.name, m.parent_id, m.special_use,
            COALESCE(SUM(msg.unread), 0) AS unread, COUNT(msg.id) AS total
       FROM mailboxes m LEFT JOIN messages msg ON msg.mailbox_id = m.id
      WHERE (:accountId IS NULL OR m.account_id = :accountId)
      GROUP BY m.id
      ORDER BY m.account_id, ${ORDER}, m.path`,
    { accountId },
  );
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    path: row.path,
    name: row.name,
    parentId: row.parent_id,
    specialUse: row.special_use,
    unread: row.unread,
    total: row.total,
  }));
}
