import type { NewMail } from '../../shared/model/new-mail';
import type { AppContext } from './context';

interface InboxState {
  /** Highest rowid seen in this inbox: anything above it arrived since. */
  watermark: number;
  /**
   * False until the inbox finished its first sync (a pass of its account ended: sync:status idle),
   * so a new account's mail is not a "new mail" storm.
   */
  ready: boolean;
}

interface InboxRow {
  account_id: string;
  special_use: string | null;
  synced_at: string | null;
  top: number | null;
}

interface NewRow {
  id: string;
  rowid: number;
  from_name: string | null;
  from_address: string | null;
  subject: string;
}

const SHOWN = 3;

/**
 * Turns `mailbox:changed` on an inbox into `mail:new` for the unread messages that arrived since
 * the last look, whichever path stored them (live sync, Sync now, POP3 checks). Messages moved in
 * by the user keep their rowid and are not news; a first sync is absorbed silently.
 */
export function watchNewMail(ctx: AppContext): () => void {
  const inboxes = new Map<string, InboxState>();
  const look = (mailboxId: string): InboxRow | undefined =>
    ctx.store.db.get<InboxRow>(
      `SELECT account_id, special_use, synced_at, (SELECT max(rowid) FROM messages WHERE mailbox_id = :id) AS top
         FROM mailboxes WHERE id = :id`,
      { id: mailboxId },
    );
  const inboxesOf = (accountId: string | null) =>
    ctx.store.db.all<{ id: string }>(
      "SELECT id FROM mailboxes WHERE special_use = 'inbox' AND (:accountId IS NULL OR account_id = :accountId)",
      { accountId },
    );
  // What is stored now is not news; from here on, what arrives is.
  const settle = (accountId: string | null, ready: (row: InboxRow) => boolean) => {
    for (const { id } of inboxesOf(accountId)) {
      const row = look(id);
      if (row) inboxes.set(id, { watermark: row.top ?? 0, ready: ready(row) });
    }
  };
  settle(null, (row) => row.synced_at !== null);

  return ctx.bus.subscribe((event, payload) => {
    if (event === 'sync:status' && (payload as { state: string }).state === 'idle') {
      const { accountId } = payload as { accountId: string };
      settle(accountId, () => true);
      return;
    }
    if (event !== 'mailbox:changed') return;
    const { mailboxId } = payload as { mailboxId: string };
    const row = look(mailboxId);
    if (!row || row.special_use !== 'inbox') return;
    const state = inboxes.get(mailboxId);
    inboxes.set(mailboxId, { watermark: Math.max(state?.watermark ?? 0, row.top ?? 0), ready: state?.ready ?? false });
    if (!state?.ready) return;
    const fresh = ctx.store.db.all<NewRow>(
      `SELECT id, rowid, from_name, from_address, subject FROM messages
        WHERE mailbox_id = ? AND rowid > ? AND unread = 1 ORDER BY rowid DESC`,
      [mailboxId, state.watermark],
    );
    if (fresh.length === 0) return;
    const news: NewMail = {
      accountId: row.account_id,
      mailboxId,
      count: fresh.length,
      messages: fresh.slice(0, SHOWN).map((m) => ({
        id: m.id,
        from: plain(m.from_name || m.from_address || 'Unknown sender'),
        subject: plain(m.subject) || '(no subject)',
      })),
    };
    ctx.bus.emit('mail:new', news);
  });
}

/** Notifications show text only: no markup is interpreted, and control characters are dropped. */
function plain(text: string): string {
  return [...text]
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Unread messages in the inboxes of the unified view: the number on the dock or tray badge. */
export function unifiedUnreadCount(ctx: AppContext): number {
  const accounts = ctx.settings
    .get('accounts')
    .filter((a) => a.includeInUnified)
    .map((a) => a.id);
  return (
    ctx.store.db.get<{ n: number }>(
      `SELECT coalesce(sum(unread_count), 0) AS n FROM threads
        WHERE mailbox_id IN (SELECT id FROM mailboxes WHERE special_use = 'inbox'
                               AND account_id IN (SELECT value FROM json_each(?)))`,
      [JSON.stringify(accounts)],
    )?.n ?? 0
  );
}
