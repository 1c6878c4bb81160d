import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ChannelParsedInput } from '../../shared/ipc/contract';
import { summarize, type Account, type AccountSummary } from '../../shared/model/account';
import { deletePasswords, writePasswords } from '../accounts/credentials';
import type { AppContext } from './context';

export function listAccounts(ctx: AppContext): AccountSummary[] {
  return ctx.settings.get('accounts').map(summarize);
}

export function getAccount(ctx: AppContext, id: string): Account {
  const account = ctx.settings.get('accounts').find((candidate) => candidate.id === id);
  if (!account)
    throw new AppError('not_found', 'That account no longer exists; it may have been removed in another window.');
  return account;
}

/**
 * Adds or updates an account. Passwords go to the secret store before the settings change, so a
 * saved account never points at a password that failed to save.
 */
export async function saveAccount(
  ctx: AppContext,
  input: ChannelParsedInput<'accounts:save'>,
): Promise<AccountSummary> {
  const { account: draft, password, outgoingPassword } = input;
  const accounts = ctx.settings.get('accounts');
  const isNew = draft.id === null;
  if (!isNew) getAccount(ctx, draft.id ?? '');
  if (isNew && password === null) throw new AppError('invalid_input', 'Enter the password for the new account.');
  if (isNew && !draft.outgoing.sameCredentialsAsIncoming && outgoingPassword === null) {
    throw new AppError('invalid_input', 'Enter the password for the outgoing (SMTP) server.');
  }
  const account: Account = { ...draft, id: draft.id ?? randomUUID() };
  await writePasswords(ctx.secrets, account.id, {
    incoming: password,
    outgoing: account.outgoing.sameCredentialsAsIncoming ? null : outgoingPassword,
  });
  ctx.settings.set(
    'accounts',
    isNew ? [...accounts, account] : accounts.map((existing) => (existing.id === account.id ? account : existing)),
  );
  ctx.bus.emit('accounts:changed', { accountId: account.id, change: isNew ? 'added' : 'updated' });
  return summarize(account);
}

/** Removes the account, its cached mail and its secrets; nothing that belongs to other accounts. */
export async function removeAccount(ctx: AppContext, id: string): Promise<{ removedMessages: number }> {
  const account = getAccount(ctx, id);
  const removedMessages = ctx.store.db.transaction((tx) => {
    const { n } = tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE account_id = ?', [id]) ?? { n: 0 };
    tx.run('DELETE FROM messages WHERE account_id = ?', [id]);
    tx.run('DELETE FROM mailboxes WHERE account_id = ?', [id]);
    return n;
  });
  await deletePasswords(ctx.secrets, account);
  ctx.settings.set(
    'accounts',
    ctx.settings.get('accounts').filter((candidate) => candidate.id !== id),
  );
  ctx.bus.emit('accounts:changed', { accountId: id, change: 'removed' });
  return { removedMessages };
}
