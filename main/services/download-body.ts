import { AppError } from '../../shared/errors';
import { readPasswords } from '../accounts/credentials';
import { toSessionError } from '../mail/imap/errors';
import { openImapSession } from '../mail/imap/session';
import { createParserPool } from '../mail/mime/parser-pool';
import { syncMailboxBodies } from '../sync/bodies';
import type { AppContext } from './context';
import { getSyncedMessage, type MessageDetail } from './sync-messages';

/**
 * A message the user opened whose body is not here yet (older than the offline window, or larger
 * than the size bodies are fetched at by themselves): fetched now, whatever its date or size,
 * through the same store and parser as sync. A message already stored is returned as it is.
 */
export async function downloadBody(ctx: AppContext, messageId: string): Promise<MessageDetail> {
  const message = getSyncedMessage(ctx.store.db, messageId);
  if (message.bodyState === 'stored' || message.bodyState === 'failed') return message;
  const row = ctx.store.db.get<{ account_id: string; mailbox_id: string; path: string }>(
    `SELECT msg.account_id, msg.mailbox_id, mbx.path FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id
      WHERE msg.id = ?`,
    [messageId],
  );
  const account = ctx.settings.get('accounts').find((a) => a.id === row?.account_id);
  if (!row || !account) throw new AppError('not_found', 'The account of this message no longer exists.');
  if (account.incoming.protocol !== 'imap') {
    throw new AppError(
      'not_found',
      'This message was never downloaded and its POP3 server copy cannot be fetched again.',
    );
  }
  const { incoming } = await readPasswords(ctx.secrets, account);
  const pool = ctx.sync?.parser ? null : createParserPool({ size: 1 });
  let session;
  try {
    session = await openImapSession(account, incoming, ctx.sync?.session ?? {});
  } catch (error) {
    await pool?.close();
    throw new AppError('disconnected', toSessionError(error, account).message, { cause: error });
  }
  try {
    await syncMailboxBodies({
      db: ctx.store.db,
      client: session.client,
      mailboxId: row.mailbox_id,
      path: row.path,
      parser: ctx.sync?.parser ?? (pool as NonNullable<typeof pool>),
      windowDays: null,
      maxBytes: Number.MAX_SAFE_INTEGER,
      onlyIds: [messageId],
    });
  } catch (error) {
    throw new AppError('disconnected', toSessionError(error, account, 'sync').message, { cause: error });
  } finally {
    await session.close();
    await pool?.close();
  }
  ctx.bus.emit('mailbox:changed', { accountId: account.id, mailboxId: row.mailbox_id });
  const after = getSyncedMessage(ctx.store.db, messageId);
  if (after.bodyState !== 'stored' && after.bodyState !== 'failed') {
    throw new AppError('not_found', 'The server no longer has this message (it was deleted or moved elsewhere).');
  }
  return after;
}
