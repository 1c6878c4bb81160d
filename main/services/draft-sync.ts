import type { Account } from '../../shared/model/account';
import { readPasswords } from '../accounts/credentials';
import { attachmentsWithBytes, parseFields, type DraftRow } from '../drafts/draft-store';
import { removeServerCopy, replaceServerCopy, type DraftsFolder } from '../drafts/server-copy';
import { buildDraftCopy } from '../drafts/server-raw';
import { recordRefusal, refusalText, retryAt, type RefusalColumns } from '../drafts/server-refusals';
import { openImapSession, type ImapSession } from '../mail/imap/session';
import type { AppContext } from './context';

export interface DraftSyncSummary {
  added: number;
  replaced: number;
  keptBoth: number;
  removed: number;
  /** Drafts the server refused in this pass (recorded on the draft, shown in the drafts list). */
  refused: number;
  /** Drafts whose current version was refused before and waits before it is offered again. */
  waiting: number;
}

interface PendingRow extends DraftRow, RefusalColumns {
  identity_id: string | null;
  server_mailbox_id: string | null;
  server_uidvalidity: number | null;
  server_uid: number | null;
  server_message_id: string | null;
}

interface RemovalRow {
  id: number;
  mailbox_id: string;
  uidvalidity: number;
  uid: number;
  message_id: string;
}

function folderPort(session: ImapSession, path: string, uidValidity: number): DraftsFolder {
  const client = session.client;
  return {
    uidValidity,
    async messageIdOf(uid) {
      const message = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
      return message ? (message.envelope?.messageId ?? null) : null;
    },
    async append(raw) {
      const result = await client.append(path, raw, ['\\Draft', '\\Seen']);
      return result && result.uid !== undefined && Number(result.uidValidity ?? uidValidity) === uidValidity
        ? result.uid
        : null;
    },
    async remove(uid) {
      await client.messageDelete(String(uid), { uid: true });
    },
  };
}

/**
 * One pass of the IMAP Drafts folder for an account: every draft changed since its last copy is
 * appended (replacing our previous copy, or keeping both when it changed elsewhere), and copies
 * of drafts sent or deleted here are removed. POP3 accounts and accounts without a Drafts folder
 * keep their drafts locally only. Versions make it safe to run beside editing: a draft saved
 * during the pass is simply copied again next time. A draft the server refuses does not hold up
 * the others: the refusal is noted on it (the drafts list shows it) and that version waits
 * (server-refusals.ts) before it is offered again.
 */
export async function syncDraftCopies(ctx: AppContext, account: Account): Promise<DraftSyncSummary> {
  const summary: DraftSyncSummary = { added: 0, replaced: 0, keptBoth: 0, removed: 0, refused: 0, waiting: 0 };
  const now = new Date();
  const db = ctx.store.db;
  if (account.incoming.protocol !== 'imap') return summary;
  const mailbox = db.get<{ id: string; path: string }>(
    `SELECT id, path FROM mailboxes WHERE account_id = ? AND special_use = 'drafts'`,
    [account.id],
  );
  if (!mailbox) return summary;
  const pending = db
    .all<PendingRow>(
      `SELECT id, draft_json, created_at, updated_at, version, identity_id, server_mailbox_id, server_uidvalidity,
            server_uid, server_message_id, server_error_version, server_error_at, server_error_count
     FROM drafts WHERE account_id = ? AND (server_version IS NULL OR server_version <> version)
     ORDER BY created_at, id`,
      [account.id],
    )
    .filter((row) => {
      const at = retryAt(row);
      if (at === null || at <= now) return true;
      summary.waiting += 1;
      return false;
    });
  const removals = db.all<RemovalRow>(
    'SELECT id, mailbox_id, uidvalidity, uid, message_id FROM draft_server_removals WHERE account_id = ?',
    [account.id],
  );
  if (pending.length === 0 && removals.length === 0) return summary;

  const session = await openImapSession(
    account,
    (await readPasswords(ctx.secrets, account)).incoming,
    ctx.sync?.session ?? {},
  );
  try {
    const lock = await session.client.getMailboxLock(mailbox.path);
    try {
      const opened = session.client.mailbox;
      const folder = folderPort(session, mailbox.path, opened ? Number(opened.uidValidity) : 0);
      for (const row of pending) {
        try {
          await copyDraft(ctx, account, folder, mailbox.id, row, summary);
        } catch (error) {
          // The connection is gone: the other drafts would fail the same way; next pass.
          if (!session.client.usable) throw error;
          // Refused (NO/BAD: a full mailbox, too large) or not buildable: this draft alone waits.
          recordRefusal(db, row.id, row.version, refusalText(error), now);
          summary.refused += 1;
          ctx.bus.emit('drafts:changed', { id: row.id, change: 'server-copy' });
        }
      }
      for (const removal of removals) {
        if (removal.mailbox_id === mailbox.id) {
          const copy = { uidValidity: removal.uidvalidity, uid: removal.uid, messageId: removal.message_id };
          if (await removeServerCopy(folder, copy)) summary.removed += 1;
        }
        db.run('DELETE FROM draft_server_removals WHERE id = ?', [removal.id]);
      }
    } finally {
      lock.release();
    }
  } finally {
    await session.close();
  }
  return summary;
}

/** Appends the draft's current version (replacing our previous copy) and notes where it went. */
async function copyDraft(
  ctx: AppContext,
  account: Account,
  folder: DraftsFolder,
  mailboxId: string,
  row: PendingRow,
  summary: DraftSyncSummary,
): Promise<void> {
  const db = ctx.store.db;
  const identity = account.identities.find((i) => i.id === row.identity_id) ?? account.identities[0] ?? null;
  const next = await buildDraftCopy(parseFields(row), attachmentsWithBytes(db, row.id), identity, new Date());
  const previous =
    row.server_uid !== null && row.server_mailbox_id === mailboxId && row.server_message_id !== null
      ? { uidValidity: row.server_uidvalidity ?? -1, uid: row.server_uid, messageId: row.server_message_id }
      : null;
  const { outcome, copy, leftBehind } = await replaceServerCopy(folder, previous, next);
  summary[outcome === 'kept-both' ? 'keptBoth' : outcome] += 1;
  const { changes } = db.run(
    `UPDATE drafts SET server_mailbox_id = ?, server_uidvalidity = ?, server_uid = ?, server_message_id = ?,
       server_version = ?, server_error = NULL, server_error_version = NULL, server_error_at = NULL,
       server_error_count = 0
     WHERE id = ?`,
    [mailboxId, copy?.uidValidity ?? null, copy?.uid ?? null, copy?.messageId ?? null, row.version, row.id],
  );
  // Sent or deleted while its copy was on the way: that copy goes at the next pass. So does a
  // previous copy the server would not remove just now.
  for (const stale of [changes === 0 ? copy : null, leftBehind]) {
    if (!stale) continue;
    db.run(
      `INSERT INTO draft_server_removals (account_id, mailbox_id, uidvalidity, uid, message_id)
       VALUES (?, ?, ?, ?, ?)`,
      [account.id, mailboxId, stale.uidValidity, stale.uid, stale.messageId],
    );
  }
  if (row.server_error_version !== null) ctx.bus.emit('drafts:changed', { id: row.id, change: 'server-copy' });
}
