import { listSyncedMessages, type MessageListing } from '../../services/sync-messages';
import { UsageError } from '../args';
import type { Command } from '../command';
import { withApp } from '../with-app';
import { findAccount } from './account/find-account';

export const messagesCommand: Command = {
  name: 'messages',
  summary: 'List downloaded messages, newest first (messages list [--account A] [--folder PATH] [--limit N])',
  options: {
    account: { type: 'string' },
    folder: { type: 'string' },
    limit: { type: 'string' },
  },
  async run({ io, globals, values, positionals }) {
    if (positionals[0] !== 'list') throw new UsageError('messages needs: list');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw new UsageError('--limit takes a whole number ≥ 1');
    return withApp(io, globals, async (app) => {
      const account =
        typeof values.account === 'string' ? findAccount(app.ctx.settings.get('accounts'), values.account) : null;
      const messages = listSyncedMessages(app.ctx.store.db, {
        accountIds: account ? [account.id] : null,
        folder: typeof values.folder === 'string' ? values.folder : null,
        limit,
      });
      return {
        json: { messages },
        text: messages.length === 0 ? 'No messages.' : messages.map(formatLine).join('\n'),
      };
    });
  },
};

function formatLine(m: MessageListing): string {
  const flags = m.flags.length > 0 ? m.flags.join(' ') : '-';
  return [
    m.id,
    `uid ${m.uid ?? '-'}`,
    m.date,
    m.from ?? '-',
    JSON.stringify(m.subject),
    `[${flags}]`,
    `${m.size ?? '?'} B`,
  ].join('  ');
}
